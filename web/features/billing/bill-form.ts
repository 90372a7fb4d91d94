// A bill's lines as the form holds them (amounts and percentages as typed, in major units) and
// the bodies the API takes: CreateInvoice, InvoiceLineInput and UpdateInvoiceLine.
import type { InvoiceLine } from '../../../contracts/billing';
import { toMajor, toMinor } from '../../lib/money';
import { typedNumber } from '../procurement/number-input';
import { previewLine, type BillAmounts, type PreviewDiscount } from './invoice-math';

export type BillLineKind = 'service' | 'medicine' | 'other';
export type DiscountKind = 'none' | 'amount' | 'percent';

export interface DiscountValues {
  discountKind: DiscountKind;
  /** An amount in major units, or a percentage (12.5). */
  discountValue: number | string;
  discountReason: string;
}

export interface BillLineValues extends DiscountValues {
  key: string;
  kind: BillLineKind;
  /** The service's or medicine's id; '' for a line described here. */
  refId: string;
  /** Typed for an `other` line; the listed name otherwise. */
  description: string;
  /** Major units: typed for an `other` line, the listed price otherwise. */
  unitPrice: number | string;
  /** Percent: typed for an `other` line, the listed rate otherwise. */
  taxPercent: number | string;
  quantity: number | string;
}

export interface BillValues {
  departmentId: string;
  doctorId: string;
  notes: string;
  lines: BillLineValues[];
}

let next = 0;
const lineKey = () => `bill-line-${++next}`;

export const noDiscount = (): DiscountValues => ({
  discountKind: 'none',
  discountValue: '',
  discountReason: '',
});

/** A line for something on the price list or in the catalog, at its listed price and tax. */
export function listedLine(
  kind: 'service' | 'medicine',
  item: { id: string; name: string; priceMinor: number; taxRateBp: number },
  currency: string,
): BillLineValues {
  return {
    key: lineKey(),
    kind,
    refId: item.id,
    description: item.name,
    unitPrice: toMajor(item.priceMinor, currency),
    taxPercent: item.taxRateBp / 100,
    quantity: 1,
    ...noDiscount(),
  };
}

/** An empty line to describe and price by hand. */
export const otherLine = (): BillLineValues => ({
  key: lineKey(),
  kind: 'other',
  refId: '',
  description: '',
  unitPrice: '',
  taxPercent: 0,
  quantity: 1,
  ...noDiscount(),
});

/** A percentage as typed (12.5) in basis points (1250), rounded on the decimal text. */
export function percentToBp(percent: number): number {
  const shifted = Number(`${percent}e2`);
  return Math.round(Number.isFinite(shifted) ? shifted : percent * 100);
}

const num = typedNumber;

/**
 * The discount a line's fields describe, or undefined for none. Figures not typed are left out,
 * so the contract names the field that is missing.
 */
export function discountOf(v: DiscountValues, currency: string) {
  if (v.discountKind === 'none') return undefined;
  const value = num(v.discountValue);
  const reason = v.discountReason.trim().replace(/\s*\n\s*/g, ' ');
  if (v.discountKind === 'amount')
    return {
      kind: 'amount' as const,
      amountMinor: value === undefined ? undefined : toMinor(value, currency),
      reason,
    };
  return {
    kind: 'percent' as const,
    percentBp: value === undefined ? undefined : percentToBp(value),
    reason,
  };
}

/** The body of a line (InvoiceLineInput): a service, a medicine, or described and priced here. */
export function toLineInput(l: BillLineValues, currency: string) {
  // Blank is not "one" (the contract's default): NaN has the contract ask for a number.
  const quantity = num(l.quantity) ?? Number.NaN;
  const discount = discountOf(l, currency);
  const common = { quantity, ...(discount ? { discount } : {}) };
  if (l.kind === 'service') return { serviceId: l.refId || undefined, ...common };
  if (l.kind === 'medicine') return { medicineId: l.refId || undefined, ...common };
  const price = num(l.unitPrice);
  const tax = num(l.taxPercent);
  return {
    description: l.description.trim() || undefined,
    unitPriceMinor: price === undefined ? undefined : toMinor(price, currency),
    taxRateBp: tax === undefined ? undefined : percentToBp(tax),
    ...common,
  };
}

/** The body of POST /api/billing/invoices (the contract checks it before it is sent). */
export function toCreateInvoice(patientId: string, values: BillValues, currency: string) {
  return {
    patientId,
    ...(values.departmentId ? { departmentId: values.departmentId } : {}),
    ...(values.doctorId ? { doctorId: values.doctorId } : {}),
    ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
    lines: values.lines.map((l) => toLineInput(l, currency)),
  };
}

/** The body of PATCH …/lines/:lineId: the new quantity and the discount (null takes it off). */
export function toUpdateLine(v: DiscountValues & { quantity: number | string }, currency: string) {
  return { quantity: num(v.quantity) ?? Number.NaN, discount: discountOf(v, currency) ?? null };
}

/** A line of a draft as the change-line form edits it. */
export function discountValuesOf(l: InvoiceLine, currency: string): DiscountValues {
  if (!l.discount) return noDiscount();
  return {
    discountKind: l.discount.kind,
    discountValue:
      l.discount.kind === 'amount' ? toMajor(l.discount.value, currency) : l.discount.value / 100,
    discountReason: l.discount.reason,
  };
}

/** What a line should come to, or null while it is incomplete or its discount exceeds it. */
export function previewOf(l: BillLineValues, currency: string): BillAmounts | null {
  const quantity = num(l.quantity);
  const price = num(l.unitPrice);
  const tax = num(l.taxPercent);
  if (quantity === undefined || price === undefined || tax === undefined) return null;
  if (!Number.isInteger(quantity) || quantity < 1 || price < 0 || tax < 0) return null;
  const d = discountOf(l, currency);
  let discount: PreviewDiscount | null = null;
  if (d?.kind === 'amount' && d.amountMinor !== undefined)
    discount = { kind: 'amount', amountMinor: d.amountMinor };
  if (d?.kind === 'percent' && d.percentBp !== undefined)
    discount = { kind: 'percent', percentBp: d.percentBp };
  return previewLine({
    quantity,
    unitPriceMinor: toMinor(price, currency),
    taxRateBp: percentToBp(tax),
    discount,
  });
}

const FIELD_PATHS: [RegExp, string][] = [
  [/(^|\.)unitPriceMinor$/, '$1unitPrice'],
  [/(^|\.)taxRateBp$/, '$1taxPercent'],
  [/(^|\.)discount\.(amountMinor|percentBp)$/, '$1discountValue'],
  [/(^|\.)discount\.reason$/, '$1discountReason'],
  [/(^|\.)discount$/, '$1discountValue'],
  [/(^|\.)(serviceId|medicineId)$/, '$1description'],
];

/** Error paths of a line's body as the form's own fields (`lines.0.unitPriceMinor` → `lines.0.unitPrice`). */
export function toLineFormPath(path: string): string {
  for (const [re, to] of FIELD_PATHS) if (re.test(path)) return path.replace(re, to);
  // A problem with the line as a whole (a service and a price given together) goes on its description.
  return /^lines\.\d+$/.test(path) ? `${path}.description` : path;
}

/** Where the contract's problems with a body go: each on the form's own field. */
export const lineErrorSink = (form: { setErrors(e: Record<string, string>): void }, prefix = '') => ({
  setErrors: (e: Record<string, string>) =>
    form.setErrors(
      Object.fromEntries(Object.entries(e).map(([k, v]) => [`${prefix}${toLineFormPath(k)}`, v])),
    ),
});

const SERVER_FIELDS = [
  'description',
  'quantity',
  'unitPriceMinor',
  'taxRateBp',
  'discount',
  'discount.amountMinor',
  'discount.percentBp',
  'discount.reason',
];

/**
 * The server's error paths of lines as the form's, for applyServerErrors: `from` is where the
 * server puts a line's fields (`lines.0.`, or '' for a line added alone), `to` where the form has them.
 */
export function lineServerPaths(lines: readonly { from: string; to: string }[]): Record<string, string> {
  return Object.fromEntries(
    lines.flatMap(({ from, to }) => SERVER_FIELDS.map((f) => [`${from}${f}`, `${to}${toLineFormPath(f)}`])),
  );
}
