// The bed form: what a person types (the daily rate in major units of the hospital's currency) and
// the contract's shapes (integer minor units), both ways.
import type { Bed, BedType } from '../../../contracts/wards';
import { toMajor, toMinor } from '../../lib/money';
import { typedNumber } from '../procurement/number-input';

export interface BedValues {
  label: string;
  bedType: BedType;
  rate: number | string;
}

/** Contract fields the form holds under another name. */
export const BED_FORM_NAMES: Record<string, string> = { dailyRateMinor: 'rate' };

export function bedValues(bed: Bed | null, currency: string): BedValues {
  return {
    label: bed?.label ?? '',
    bedType: bed?.bedType ?? 'standard',
    rate: bed ? toMajor(bed.dailyRateMinor, currency) : '',
  };
}

/** The rate typed, in minor units: undefined when empty, NaN when it is not a number at all. */
export function rateMinor(rate: number | string, currency: string): number | undefined {
  const major = typedNumber(rate);
  if (major === undefined) return String(rate).trim() === '' ? undefined : Number.NaN;
  return toMinor(major, currency);
}

/** The body of POST /api/wards/beds (checked against the contract by the caller). */
export function toCreateBed(v: BedValues, roomId: string, currency: string) {
  return { roomId, label: v.label.trim(), bedType: v.bedType, dailyRateMinor: rateMinor(v.rate, currency) };
}

/** The body of PATCH /api/wards/beds/:id: only what changed. */
export function toUpdateBed(v: BedValues, before: Bed, currency: string) {
  const out: { label?: string; bedType?: BedType; dailyRateMinor?: number } = {};
  const after = toCreateBed(v, before.roomId, currency);
  if (after.label !== before.label) out.label = after.label;
  if (after.bedType !== before.bedType) out.bedType = after.bedType;
  if (after.dailyRateMinor !== before.dailyRateMinor) out.dailyRateMinor = after.dailyRateMinor;
  return out;
}

/** Errors keyed by contract path, re-keyed to the form's field names. */
export const toBedFormErrors = (errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, e]) => [BED_FORM_NAMES[k] ?? k, e]));
