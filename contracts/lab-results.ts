// The lab (product §9), part three: results. A technician enters each analyte's result for a test
// whose sample is in; each number is flagged against the limits that apply to the patient; a second
// person verifies them, after which they never change, and once every test of the order is
// verified the report is ready and the patient is told. The flagging rule lives here so that the
// form shows the flag the server will record.
import { z } from 'zod';
import { line, multiline, Uuid } from './common';

export const ResultFlag = z.enum(['normal', 'low', 'high', 'critical_low', 'critical_high']);
export type ResultFlag = z.infer<typeof ResultFlag>;

export interface Limits {
  refLow: number | null;
  refHigh: number | null;
  criticalLow: number | null;
  criticalHigh: number | null;
}

/**
 * A number's flag: critical beyond a critical limit (at the limit is not critical), low or high
 * outside the reference range (its ends are normal), else normal; none when no limit applies.
 */
export function flagOf(value: number, l: Limits): ResultFlag | null {
  if (l.criticalLow != null && value < l.criticalLow) return 'critical_low';
  if (l.criticalHigh != null && value > l.criticalHigh) return 'critical_high';
  if (l.refLow != null && value < l.refLow) return 'low';
  if (l.refHigh != null && value > l.refHigh) return 'high';
  if ([l.refLow, l.refHigh, l.criticalLow, l.criticalHigh].every((x) => x == null)) return null;
  return 'normal';
}

/** The reference range that applies to a patient: the female one for a woman where it is set. */
export function rangeFor(
  sex: string,
  a: {
    refLow: number | null;
    refHigh: number | null;
    refLowFemale: number | null;
    refHighFemale: number | null;
  },
): { refLow: number | null; refHigh: number | null } {
  const female = sex === 'female' && (a.refLowFemale != null || a.refHighFemale != null);
  return female
    ? { refLow: a.refLowFemale, refHigh: a.refHighFemale }
    : { refLow: a.refLow, refHigh: a.refHigh };
}

/**
 * A reference range as reports write it: "13.0 – 17.0", "< 200", "> 40", or "" without one. The
 * caller writes the numbers (the report with the analyte's decimals, the screens in their locale).
 */
export function rangeText(
  r: { refLow: number | null; refHigh: number | null },
  number: (n: number) => string,
): string {
  if (r.refLow != null && r.refHigh != null) return `${number(r.refLow)} – ${number(r.refHigh)}`;
  if (r.refHigh != null) return `< ${number(r.refHigh)}`;
  if (r.refLow != null) return `> ${number(r.refLow)}`;
  return '';
}

/** One analyte's result as recorded, with what it was judged against. */
export const LabResult = z.object({
  analyteId: Uuid.nullable(),
  name: z.string(),
  kind: z.enum(['numeric', 'text']),
  unit: z.string(),
  decimals: z.number().int(),
  refLow: z.number().nullable(),
  refHigh: z.number().nullable(),
  criticalLow: z.number().nullable(),
  criticalHigh: z.number().nullable(),
  value: z.number().nullable(),
  text: z.string(),
  flag: ResultFlag.nullable(),
});
export type LabResult = z.infer<typeof LabResult>;

/** Every analyte of the test, once: a number for a numeric one, text for a text one. */
export const EnterResults = z.strictObject({
  values: z
    .array(
      z.strictObject({
        analyteId: Uuid,
        value: z.number().min(-1_000_000_000).max(1_000_000_000).nullable().default(null),
        text: multiline(500).default(''),
      }),
    )
    .min(1)
    .max(40)
    .refine((vs) => new Set(vs.map((v) => v.analyteId)).size === vs.length, 'Each analyte once'),
  /** The technician's remark on the whole test (printed on the report). */
  comment: multiline(1000).default(''),
});
export type EnterResults = z.input<typeof EnterResults>;

/**
 * A correction of a test's verified results (ADR 35): every analyte again, with why. It becomes a new
 * version of the results once a second person releases it; the version it replaces is kept.
 */
export const AmendResults = EnterResults.extend({
  reason: line(500).pipe(z.string().min(5, 'At least 5 characters')),
});
export type AmendResults = z.input<typeof AmendResults>;
