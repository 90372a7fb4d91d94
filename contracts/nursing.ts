// Nursing on a ward stay (ADR 14): vital signs charted over the stay, nursing notes, and the
// medication administration record, whose doses given leave the ward's store through the pharmacy's
// stock ledger. The record is append-only: a mistake is corrected by a new note.
import { z } from 'zod';
import { checkBloodPressure, Vitals, whole } from './clinical';
import { Instant, line, multiline, Uuid } from './common';
import { IdempotencyKey } from './dispensing';
import { Pick, Quantity } from './pharmacy';

/** Who wrote an entry of the record. */
export const RecordedBy = z.object({ id: Uuid, name: z.string() });

// ---------------------------------------------------------------- vitals

const signs = {
  systolic: Vitals.shape.systolic,
  diastolic: Vitals.shape.diastolic,
  pulse: Vitals.shape.pulse,
  temperatureC: Vitals.shape.temperatureC,
  spo2: Vitals.shape.spo2,
  /** Breaths a minute. */
  respiratoryRate: whole(2, 80, 'Respiratory rate').nullish(),
  /** 0 (none) to 10 (worst imaginable). */
  painScore: whole(0, 10, 'Pain score').nullish(),
  /** Capillary or venous glucose in mg/dL. */
  bloodGlucoseMgDl: whole(10, 2000, 'Blood glucose').nullish(),
};
const SIGN_NAMES = Object.keys(signs) as (keyof typeof signs)[];

/** One set of vital signs; each may be left out, but not all. Ranges are those the database holds. */
export const RecordVitals = z
  .strictObject({
    /** When they were taken: now if left out; never in the future, never before the admission. */
    takenAt: Instant.optional(),
    ...signs,
  })
  .superRefine(checkBloodPressure)
  .refine((v) => SIGN_NAMES.some((k) => v[k] != null), { message: 'Give at least one vital sign' });
export type RecordVitals = z.infer<typeof RecordVitals>;

export const VitalsReading = z.object({
  id: Uuid,
  takenAt: Instant,
  systolic: z.number().int().nullable(),
  diastolic: z.number().int().nullable(),
  pulse: z.number().int().nullable(),
  temperatureC: z.number().nullable(),
  spo2: z.number().int().nullable(),
  respiratoryRate: z.number().int().nullable(),
  painScore: z.number().int().nullable(),
  bloodGlucoseMgDl: z.number().int().nullable(),
  recordedBy: RecordedBy,
  recordedAt: Instant,
});
export type VitalsReading = z.infer<typeof VitalsReading>;

/** Every reading of the stay, oldest first (by when taken), for a chart. */
export const VitalsChart = z.object({ items: z.array(VitalsReading) });
export type VitalsChart = z.infer<typeof VitalsChart>;

// ---------------------------------------------------------------- notes

export const NURSING_NOTE_KINDS = ['observation', 'handover', 'care', 'incident'] as const;
export const NursingNoteKind = z.enum(NURSING_NOTE_KINDS);
export type NursingNoteKind = z.infer<typeof NursingNoteKind>;

export const WriteNursingNote = z.strictObject({
  kind: NursingNoteKind,
  body: multiline(4000).refine((s) => s.length > 0, 'Required'),
  /** The note of this stay that this one corrects; the corrected note stays as written. */
  correctsNoteId: Uuid.optional(),
});
export type WriteNursingNote = z.infer<typeof WriteNursingNote>;

export const NursingNote = z.object({
  id: Uuid,
  kind: NursingNoteKind,
  body: z.string(),
  correctsNoteId: Uuid.nullable(),
  /** Later notes that correct this one, oldest first. */
  correctedByNoteIds: z.array(Uuid),
  writtenBy: RecordedBy,
  writtenAt: Instant,
});
export type NursingNote = z.infer<typeof NursingNote>;

/** Every note of the stay, oldest first. */
export const NursingNoteList = z.object({ items: z.array(NursingNote) });
export type NursingNoteList = z.infer<typeof NursingNoteList>;

// ---------------------------------------------------------------- medication administration record

export const ADMINISTRATION_ROUTES = ['oral', 'iv', 'im', 'sc', 'topical', 'inhaled', 'other'] as const;
export const AdministrationRoute = z.enum(ADMINISTRATION_ROUTES);
export type AdministrationRoute = z.infer<typeof AdministrationRoute>;

/** given: units left the ward's store; the others: the dose was not given, and nothing moved. */
export const ADMINISTRATION_OUTCOMES = ['given', 'refused', 'held', 'unavailable'] as const;
export const AdministrationOutcome = z.enum(ADMINISTRATION_OUTCOMES);
export type AdministrationOutcome = z.infer<typeof AdministrationOutcome>;

export const RecordAdministration = z
  .strictObject({
    /** Chosen by the client and sent again on a retry: a dose is never given twice by a retry. */
    idempotencyKey: IdempotencyKey,
    medicineId: Uuid,
    outcome: AdministrationOutcome.default('given'),
    /** Units taken from the ward's store (in the medicine's dispensing unit): only when given. */
    quantity: Quantity.optional(),
    /** The dose as ordered, e.g. "500 mg" or "10 mL". */
    dose: line(200),
    route: AdministrationRoute,
    /** When it was given (or due and not given): now if left out; never in the future or before the admission. */
    givenAt: Instant.optional(),
    note: multiline(1000).optional(),
    /** Why it was not given: required for, and only for, an outcome other than given. */
    reason: line(500).optional(),
    /** The prescription line ordering it: one of this patient's, for this medicine. */
    prescriptionLineId: Uuid.optional(),
  })
  .superRefine((a, ctx) => {
    const given = a.outcome === 'given';
    if (given && a.quantity === undefined) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'Required when the dose is given' });
    }
    if (!given && a.quantity !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'Only for a dose given' });
    }
    if (!given && a.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the dose was not given' });
    }
    if (given && a.reason !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Only for a dose not given' });
    }
  });
export type RecordAdministration = z.infer<typeof RecordAdministration>;

export const MedicationAdministration = z.object({
  id: Uuid,
  medicineId: Uuid,
  /** Generic name, strength, form (and brand). */
  medicineName: z.string(),
  dispensingUnit: z.string(),
  outcome: AdministrationOutcome,
  /** Null for a dose not given. */
  quantity: z.number().int().nullable(),
  dose: z.string(),
  route: AdministrationRoute,
  givenAt: Instant,
  note: z.string().nullable(),
  reason: z.string().nullable(),
  prescriptionLineId: Uuid.nullable(),
  /** The ward store the units came from (null for a dose not given). */
  storeId: Uuid.nullable(),
  storeName: z.string().nullable(),
  /** The batches the units came from, first expiry first (empty for a dose not given). */
  batches: z.array(Pick),
  recordedBy: RecordedBy,
  recordedAt: Instant,
});
export type MedicationAdministration = z.infer<typeof MedicationAdministration>;

/** Every entry of the stay's record, oldest first (by when given). */
export const MedicationAdministrationList = z.object({ items: z.array(MedicationAdministration) });
export type MedicationAdministrationList = z.infer<typeof MedicationAdministrationList>;
