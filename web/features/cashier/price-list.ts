// The price list's forms: what a person types (a price in major units, tax in percent) and the
// contract's shapes (minor units, basis points), both ways.
import type { BillingService, DepartmentFee } from '../../../contracts/price-list';
import { toMajor, toMinor } from '../../lib/money';
import { typedNumber } from '../procurement/number-input';

export interface ServiceValues {
  code: string;
  name: string;
  price: number | string;
  taxPercent: number | string;
}

export interface FeeValues {
  fee: number | string;
  taxPercent: number | string;
}

/** Contract fields that the forms hold under another name (in other units). */
export const FORM_NAME_OF: Record<string, string> = {
  priceMinor: 'price',
  feeMinor: 'fee',
  taxRateBp: 'taxPercent',
};

/** A percentage typed (12.5) as basis points (1250); two decimals at most, as the box allows. */
export function percentToBp(percent: number): number {
  return Math.round(Number(`${percent}e2`));
}

/** An amount typed: minor units, NaN when something unreadable is typed, undefined when empty. */
function minorOf(v: number | string, currency: string): number | undefined {
  const n = typedNumber(v);
  if (n !== undefined) return toMinor(n, currency);
  return typeof v === 'string' && v.trim() !== '' ? Number.NaN : undefined;
}

function bpOf(v: number | string): number | undefined {
  const n = typedNumber(v);
  if (n !== undefined) return percentToBp(n);
  return typeof v === 'string' && v.trim() !== '' ? Number.NaN : undefined;
}

export function serviceValues(s: BillingService | null, currency: string): ServiceValues {
  return {
    code: s?.code ?? '',
    name: s?.name ?? '',
    price: s ? toMajor(s.priceMinor, currency) : '',
    taxPercent: s ? s.taxRateBp / 100 : 0,
  };
}

/** The body of POST /api/billing/services (checked against the contract by the caller). */
export function toCreateService(v: ServiceValues, currency: string) {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    priceMinor: minorOf(v.price, currency),
    taxRateBp: bpOf(v.taxPercent),
  };
}

/** The body of PATCH /api/billing/services/:id: only what changed (the code never changes). */
export function toUpdateService(v: ServiceValues, before: BillingService, currency: string) {
  const out: { name?: string; priceMinor?: number; taxRateBp?: number } = {};
  const after = toCreateService(v, currency);
  if (after.name !== before.name) out.name = after.name;
  if (after.priceMinor !== before.priceMinor) out.priceMinor = after.priceMinor;
  if (after.taxRateBp !== before.taxRateBp) out.taxRateBp = after.taxRateBp;
  return out;
}

export function feeValues(d: DepartmentFee, currency: string): FeeValues {
  return {
    fee: d.feeMinor === null ? '' : toMajor(d.feeMinor, currency),
    taxPercent: d.taxRateBp === null ? 0 : d.taxRateBp / 100,
  };
}

/** The body of PUT /api/billing/consultation-fees/:departmentId. */
export function toSetDepartmentFee(v: FeeValues, currency: string) {
  return { feeMinor: minorOf(v.fee, currency), taxRateBp: bpOf(v.taxPercent) };
}

/** Errors keyed by contract path, re-keyed to the form's field names. */
export function toFormErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, e]) => [FORM_NAME_OF[k] ?? k, e]));
}
