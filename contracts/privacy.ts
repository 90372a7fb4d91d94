import { z } from 'zod';
import { Instant, multiline, Paging, pageOf, Uuid } from './common';

// Product §17: consent recorded, a patient's export of all their data, and their request for
// erasure, which ends in anonymisation where the law requires the records to be kept (ADR 33).

/**
 * What a patient consents to. Treatment: care at the hospitals they visit. Record sharing: the
 * hospitals of this installation seeing one record. Research: their de-identified data used in
 * research. Contact: news and campaigns beyond their own care (reminders and results are care).
 */
export const CONSENT_PURPOSES = ['treatment', 'record_sharing', 'research', 'contact'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const ConsentDecision = z.enum(['granted', 'withdrawn']);
export type ConsentDecision = z.infer<typeof ConsentDecision>;

/** How the decision was given: by the patient in the portal, or to staff on paper or by word. */
export const CONSENT_METHODS = ['portal', 'written', 'verbal'] as const;
export const ConsentMethod = z.enum(CONSENT_METHODS);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

export const PatientParams = z.strictObject({ patientId: Uuid });

/**
 * `POST /api/patients/:patientId/consents`. Staff say how they were given it (written or verbal);
 * a patient in the portal sends no method (it is `portal`).
 */
export const RecordConsentBody = z.strictObject({
  purpose: ConsentPurpose,
  decision: ConsentDecision,
  method: z.enum(['written', 'verbal']).optional(),
  note: multiline(500).default(''),
});
export type RecordConsentBody = z.infer<typeof RecordConsentBody>;

/** One decision, as recorded; decisions are never changed, a later one supersedes. */
export const ConsentEntry = z.object({
  id: Uuid,
  purpose: ConsentPurpose,
  decision: ConsentDecision,
  method: ConsentMethod,
  note: z.string(),
  /** Where staff recorded it; null when the patient did, in the portal. */
  hospitalName: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: Instant,
});
export type ConsentEntry = z.infer<typeof ConsentEntry>;

/** Every purpose with its standing decision (null: never asked), and the history newest first. */
export const ConsentOverview = z.object({
  current: z.array(
    z.object({
      purpose: ConsentPurpose,
      decision: ConsentDecision.nullable(),
      recordedAt: Instant.nullable(),
    }),
  ),
  history: z.array(ConsentEntry),
});
export type ConsentOverview = z.infer<typeof ConsentOverview>;

export const ERASURE_STATUSES = ['pending', 'completed', 'refused', 'cancelled'] as const;
export const ErasureStatus = z.enum(ERASURE_STATUSES);
export type ErasureStatus = z.infer<typeof ErasureStatus>;

/** `POST /api/erasure-requests`: a patient asks for their data to be erased. */
export const RequestErasureBody = z.strictObject({ reason: multiline(1000).default('') });
export type RequestErasureBody = z.infer<typeof RequestErasureBody>;

/** `POST /api/erasure-requests/:id/refuse`: why the hospital keeps the data (sent to the patient). */
export const RefuseErasureBody = z.strictObject({
  note: multiline(1000).pipe(z.string().min(3, 'Say why the request is refused')),
});
export type RefuseErasureBody = z.infer<typeof RefuseErasureBody>;

/** `POST /api/erasure-requests/:id/complete`: the reviewer's note, kept with the request. */
export const CompleteErasureBody = z.strictObject({ note: multiline(1000).default('') }).nullish();
export type CompleteErasureBody = z.infer<typeof CompleteErasureBody>;

export const ErasureListQuery = Paging.extend({
  status: ErasureStatus.optional(),
  /** `true`: the caller's own requests as a patient, even when they also review the hospital's. */
  mine: z.enum(['true', 'false']).default('false'),
});
export type ErasureListQuery = z.infer<typeof ErasureListQuery>;

export const ErasureRequest = z.object({
  id: Uuid,
  status: ErasureStatus,
  reason: z.string(),
  requestedAt: Instant,
  decidedAt: Instant.nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string(),
  patient: z.object({
    id: Uuid,
    /** The record's name now: after erasure, the placeholder the record keeps. */
    name: z.string(),
    /** The medical record number at the reviewer's hospital; null for the patient themself. */
    mrn: z.string().nullable(),
  }),
  /** What the erasure changed, by kind (completed requests only). */
  erased: z.record(z.string(), z.number().int()).nullable(),
});
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ErasureRequestPage = pageOf(ErasureRequest);

/** The export a patient downloads: everything the installation holds about them, as JSON. */
export const PATIENT_EXPORT_FORMAT = 'hospitium-patient-export' as const;
export const PatientExport = z.object({
  format: z.literal(PATIENT_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: Instant,
  patientId: Uuid,
  /** Named sections of rows (demographics, registrations, appointments, …), each a JSON array. */
  sections: z.record(z.string(), z.array(z.unknown())),
});
export type PatientExport = z.infer<typeof PatientExport>;
