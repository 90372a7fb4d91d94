// The lab (product §9), part two: orders and their samples. A doctor orders tests from a
// consultation, or the front desk or the lab takes a walk-in's order; the order is billed at once,
// as one draft invoice of its tests at the price list's prices, for the front desk to take payment.
// Each test of an order is one sample to collect, with its own accession number printed on its
// label; the report is due its test's turnaround after the sample was collected. Results,
// verification and the report are in lab-results.ts.
import { z } from 'zod';
import { Instant, line, multiline, Paging, pageOf, Uuid } from './common';
import { IdempotencyKey } from './dispensing';
import { SampleType } from './lab';
import { LabResult } from './lab-results';

export const LabPriority = z.enum(['routine', 'urgent']);
export type LabPriority = z.infer<typeof LabPriority>;

/**
 * An order waits for samples until every test's is collected, then for its results until every
 * test's are verified (reported); it may be cancelled before any sample is taken.
 */
export const LAB_ORDER_STATUSES = ['awaiting_sample', 'collected', 'reported', 'cancelled'] as const;
export const LabOrderStatus = z.enum(LAB_ORDER_STATUSES);
export type LabOrderStatus = z.infer<typeof LabOrderStatus>;

/** A test: its sample awaited, collected, its results entered, verified by a second person. */
export const LabItemStatus = z.enum(['awaiting_sample', 'collected', 'resulted', 'verified', 'cancelled']);
export type LabItemStatus = z.infer<typeof LabItemStatus>;

export const LabOrderSource = z.enum(['consultation', 'walk_in']);
export type LabOrderSource = z.infer<typeof LabOrderSource>;

export const CreateLabOrder = z.strictObject({
  idempotencyKey: IdempotencyKey,
  patientId: Uuid,
  /** The consultation it is ordered from (its doctor, while it is open); none for a walk-in. */
  consultationId: Uuid.optional(),
  testIds: z
    .array(Uuid)
    .min(1, 'Choose at least one test')
    .max(30)
    .refine((ids) => new Set(ids).size === ids.length, 'Each test once'),
  priority: LabPriority.default('routine'),
  /** What the lab should know: the question asked, a drug being taken, fasting or not. */
  clinicalNote: multiline(1000).default(''),
});
export type CreateLabOrder = z.input<typeof CreateLabOrder>;

export const CollectSample = z.strictObject({
  /** Anything about the sample the lab should know (haemolysed, taken from the left arm). */
  note: multiline(500).default(''),
});
export type CollectSample = z.input<typeof CollectSample>;

export const CancelLabOrder = z.strictObject({ reason: line(500) });

/** Why the lab cannot use a sample it collected (haemolysed, clotted, too little): one is taken again. */
export const RejectSample = z.strictObject({ reason: line(200) });
export type RejectSample = z.infer<typeof RejectSample>;
export type CancelLabOrder = z.infer<typeof CancelLabOrder>;

export const LabOrderItemParams = z.strictObject({ id: Uuid, itemId: Uuid });

const Person = z.object({ id: Uuid, name: z.string() });

/** A released correction of a test's results, with the version it superseded. */
export const LabAmendment = z.object({
  /** The version of the results it made (2 for the first correction). */
  version: z.number().int(),
  reason: z.string(),
  enteredAt: Instant,
  enteredBy: Person,
  releasedAt: Instant,
  releasedBy: Person,
  /** The results and remark it replaced, as they were released. */
  superseded: z.object({ results: z.array(LabResult), comment: z.string() }),
});
export type LabAmendment = z.infer<typeof LabAmendment>;

/** A correction entered but not yet released by a second person (shown to staff only). */
export const PendingLabAmendment = z.object({
  version: z.number().int(),
  reason: z.string(),
  results: z.array(LabResult),
  comment: z.string(),
  enteredAt: Instant,
  enteredBy: Person,
});
export type PendingLabAmendment = z.infer<typeof PendingLabAmendment>;

/** One test of an order, and its sample. */
export const LabOrderItem = z.object({
  id: Uuid,
  testId: Uuid,
  /** The test as it was when ordered. */
  code: z.string(),
  name: z.string(),
  sampleType: SampleType,
  turnaroundHours: z.number().int(),
  instructions: z.string(),
  /** The sample's number, printed on its label: the order's number and the test's place in it. */
  accession: z.string(),
  status: LabItemStatus,
  collectedAt: Instant.nullable(),
  collectedBy: Person.nullable(),
  sampleNote: z.string(),
  /** When the report is due: the test's turnaround after collection. */
  dueAt: Instant.nullable(),
  /** Its results, in the report's order, once entered (to patients: once verified). */
  results: z.array(LabResult),
  resultComment: z.string(),
  resultedAt: Instant.nullable(),
  resultedBy: Person.nullable(),
  verifiedAt: Instant.nullable(),
  verifiedBy: Person.nullable(),
  /** The version of the results shown: 1, or one more for each released correction. */
  version: z.number().int(),
  /** Released corrections, oldest first. */
  amendments: z.array(LabAmendment),
  /** A correction waiting for a second person (always null to the patient). */
  pendingAmendment: PendingLabAmendment.nullable(),
});
export type LabOrderItem = z.infer<typeof LabOrderItem>;

export const LabOrder = z.object({
  id: Uuid,
  number: z.string(),
  patient: z.object({
    id: Uuid,
    name: z.string(),
    mrn: z.string().nullable(),
    sex: z.string(),
    dateOfBirth: z.string().nullable(),
  }),
  source: LabOrderSource,
  consultationId: Uuid.nullable(),
  /** The stay the patient was in when it was ordered: its tests are charged on the stay's bill. */
  admissionId: Uuid.nullable(),
  priority: LabPriority,
  clinicalNote: z.string(),
  status: LabOrderStatus,
  orderedAt: Instant,
  orderedBy: Person,
  /**
   * The draft or final invoice the order was billed on (none when its tests cost nothing, or when
   * they are charged on the stay's bill).
   */
  invoiceId: Uuid.nullable(),
  cancelled: z.object({ at: Instant, by: Person, reason: z.string() }).nullable(),
  items: z.array(LabOrderItem),
});
export type LabOrder = z.infer<typeof LabOrder>;

export const LabOrderPage = pageOf(LabOrder);
export type LabOrderPage = z.infer<typeof LabOrderPage>;

export const LabOrderSearch = Paging.extend({
  /**
   * `open` (the default) is what the lab still has to do: orders waiting for a sample or for their
   * results (awaiting_sample and collected), and orders with a correction of a result waiting to be
   * released, urgent first, then oldest first; `all` is every status.
   */
  status: z.enum(['open', ...LAB_ORDER_STATUSES, 'all']).default('open'),
  patientId: Uuid.optional(),
  consultationId: Uuid.optional(),
  /** An order number, or the patient's name or MRN. */
  q: z.string().trim().max(100).optional(),
});
export type LabOrderSearch = z.input<typeof LabOrderSearch>;
