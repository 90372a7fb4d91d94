// The lab (product §9), part one: the test catalog. A test is what a doctor orders and the lab runs
// (a CBC), on one kind of sample, within a promised turnaround, billed as one service of the price
// list. It measures one or more analytes, each numeric with a unit and, where known, reference and
// critical limits (the female range apart where it differs), or free text (a culture's growth).
import { z } from 'zod';
import { CatalogCode, CatalogSearch, Instant, line, multiline, pageOf, Uuid } from './common';

export const SampleType = z.enum([
  'whole_blood',
  'serum',
  'plasma',
  'urine',
  'stool',
  'sputum',
  'swab',
  'csf',
  'other',
]);
export type SampleType = z.infer<typeof SampleType>;

export const AnalyteKind = z.enum(['numeric', 'text']);
export type AnalyteKind = z.infer<typeof AnalyteKind>;

const Limit = z.number().min(-1_000_000).max(1_000_000).nullable();

/** A limit pair where each may be open, and the low one is not above the high one. */
const ordered = (low: number | null | undefined, high: number | null | undefined, strict = false) =>
  low == null || high == null || (strict ? low < high : low <= high);

export const LabAnalyteInput = z
  .strictObject({
    name: line(100),
    kind: AnalyteKind,
    unit: multiline(30).default(''),
    decimals: z.number().int().min(0).max(4).default(0),
    refLow: Limit.default(null),
    refHigh: Limit.default(null),
    refLowFemale: Limit.default(null),
    refHighFemale: Limit.default(null),
    criticalLow: Limit.default(null),
    criticalHigh: Limit.default(null),
  })
  .refine((a) => ordered(a.refLow, a.refHigh), {
    message: 'The low limit is above the high one',
    path: ['refLow'],
  })
  .refine((a) => ordered(a.refLowFemale, a.refHighFemale), {
    message: 'The low limit is above the high one',
    path: ['refLowFemale'],
  })
  .refine((a) => ordered(a.criticalLow, a.criticalHigh, true), {
    message: 'The low critical limit must be below the high one',
    path: ['criticalLow'],
  })
  .refine(
    (a) =>
      a.kind === 'numeric' ||
      [a.refLow, a.refHigh, a.refLowFemale, a.refHighFemale, a.criticalLow, a.criticalHigh].every(
        (x) => x == null,
      ),
    { message: 'A text result has no limits', path: ['kind'] },
  );
export type LabAnalyteInput = z.input<typeof LabAnalyteInput>;

export const LabAnalyte = z.object({
  id: Uuid,
  name: z.string(),
  kind: AnalyteKind,
  unit: z.string(),
  decimals: z.number().int(),
  refLow: z.number().nullable(),
  refHigh: z.number().nullable(),
  refLowFemale: z.number().nullable(),
  refHighFemale: z.number().nullable(),
  criticalLow: z.number().nullable(),
  criticalHigh: z.number().nullable(),
});
export type LabAnalyte = z.infer<typeof LabAnalyte>;

const Analytes = z
  .array(LabAnalyteInput)
  .min(1, 'A test measures at least one thing')
  .max(40)
  .refine((list) => new Set(list.map((a) => a.name.toLowerCase())).size === list.length, {
    message: 'Two analytes have the same name',
  });

/** Hours from collection to the verified report: up to 90 days (a culture takes days). */
const Turnaround = z.number().int().min(1).max(2160);

export const LabTest = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  sampleType: SampleType,
  turnaroundHours: z.number().int(),
  instructions: z.string(),
  /** The price-list service it is billed as, with today's price. */
  service: z.object({
    id: Uuid,
    code: z.string(),
    name: z.string(),
    priceMinor: z.number().int(),
    taxRateBp: z.number().int(),
    active: z.boolean(),
  }),
  active: z.boolean(),
  analytes: z.array(LabAnalyte),
  createdAt: Instant,
  updatedAt: Instant,
});
export type LabTest = z.infer<typeof LabTest>;
export const LabTestPage = pageOf(LabTest).extend({ currency: z.string() });
export type LabTestPage = z.infer<typeof LabTestPage>;

export const CreateLabTest = z.strictObject({
  code: CatalogCode,
  name: line(200),
  sampleType: SampleType,
  turnaroundHours: Turnaround,
  instructions: multiline(500).default(''),
  serviceId: Uuid,
  analytes: Analytes,
});
export type CreateLabTest = z.infer<typeof CreateLabTest>;

/**
 * A partial change. `analytes` replaces the whole list; `active: false` takes the test off the
 * catalog. The code stays: it is what the lab and the wards know the test by.
 */
export const UpdateLabTest = z
  .strictObject({
    name: line(200).optional(),
    sampleType: SampleType.optional(),
    turnaroundHours: Turnaround.optional(),
    instructions: multiline(500).optional(),
    serviceId: Uuid.optional(),
    active: z.boolean().optional(),
    analytes: Analytes.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateLabTest = z.infer<typeof UpdateLabTest>;

export const LabTestSearch = CatalogSearch;
export type LabTestSearch = z.infer<typeof LabTestSearch>;
