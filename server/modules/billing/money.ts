// Invoice arithmetic, in integer minor units (ADR 13). The rule, stated once:
//   gross    = quantity × unit price                                    (exact)
//   discount = the amount given, or round(gross × percent bp / 10 000)  (never more than gross)
//   net      = gross − discount
//   tax      = round(net × tax rate bp / 10 000)                       (on the discounted net)
//   total    = net + tax
// where round() is to the nearest minor unit, halves away from zero, applied once per line; an
// invoice's figures are the sums of its rounded line figures, never recomputed from its totals.
// BigInt throughout, so no intermediate product is ever rounded by floating point.
import { AppError } from '../../platform/errors';

export type Discount =
  | { kind: 'amount'; amountMinor: number; reason: string }
  | { kind: 'percent'; percentBp: number; reason: string };

export interface LineInput {
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
  discount?: Discount | null;
}

export interface LineAmounts {
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** n / d rounded to the nearest integer, halves away from zero (d > 0). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divRound: the divisor must be positive');
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
}

const toSafe = (n: bigint): number => {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError('RULE_VIOLATION', 'This amount is too large to bill.');
  }
  return Number(n);
};

/**
 * A line's amounts by the rule above. A discount larger than the line refuses with
 * VALIDATION_FAILED at `path` (the line's place in the request).
 */
export function priceInvoiceLine(l: LineInput, path = 'body.lines'): LineAmounts {
  const gross = BigInt(l.quantity) * BigInt(l.unitPriceMinor);
  let discount = 0n;
  if (l.discount?.kind === 'amount') discount = BigInt(l.discount.amountMinor);
  if (l.discount?.kind === 'percent') discount = divRound(gross * BigInt(l.discount.percentBp), 10_000n);
  if (discount > gross) {
    throw new AppError('VALIDATION_FAILED', 'A discount cannot be more than its line.', {
      errors: [{ path: `${path}.discount`, message: 'More than the line before discount' }],
    });
  }
  const net = gross - discount;
  const tax = divRound(net * BigInt(l.taxRateBp), 10_000n);
  return {
    grossMinor: toSafe(gross),
    discountMinor: toSafe(discount),
    netMinor: toSafe(net),
    taxMinor: toSafe(tax),
    totalMinor: toSafe(net + tax),
  };
}

/** The invoice's figures: the sums of its lines' rounded figures. */
export function sumAmounts(lines: readonly LineAmounts[]): LineAmounts {
  const total = { grossMinor: 0n, discountMinor: 0n, netMinor: 0n, taxMinor: 0n, totalMinor: 0n };
  for (const l of lines) {
    total.grossMinor += BigInt(l.grossMinor);
    total.discountMinor += BigInt(l.discountMinor);
    total.netMinor += BigInt(l.netMinor);
    total.taxMinor += BigInt(l.taxMinor);
    total.totalMinor += BigInt(l.totalMinor);
  }
  return {
    grossMinor: toSafe(total.grossMinor),
    discountMinor: toSafe(total.discountMinor),
    netMinor: toSafe(total.netMinor),
    taxMinor: toSafe(total.taxMinor),
    totalMinor: toSafe(total.totalMinor),
  };
}

/** Net and tax by tax rate (the invoice's tax breakdown), lowest rate first. */
export function taxBreakdown(
  lines: readonly { taxRateBp: number; netMinor: number; taxMinor: number }[],
): { taxRateBp: number; netMinor: number; taxMinor: number }[] {
  const byRate = new Map<number, { netMinor: number; taxMinor: number }>();
  for (const l of lines) {
    const r = byRate.get(l.taxRateBp) ?? { netMinor: 0, taxMinor: 0 };
    byRate.set(l.taxRateBp, { netMinor: r.netMinor + l.netMinor, taxMinor: r.taxMinor + l.taxMinor });
  }
  return [...byRate.entries()].sort(([a], [b]) => a - b).map(([taxRateBp, r]) => ({ taxRateBp, ...r }));
}

/**
 * How a partial credit of `amountMinor` (tax included) splits into net and tax: in the proportion
 * of what is left to credit on the invoice, tax rounded by the same rule; the credit that brings
 * the invoice to zero takes exactly what is left, so credit notes always add up to the invoice.
 */
export function splitCredit(
  amountMinor: number,
  left: { netMinor: number; taxMinor: number },
): { netMinor: number; taxMinor: number } {
  const leftTotal = left.netMinor + left.taxMinor;
  if (amountMinor === leftTotal) return { netMinor: left.netMinor, taxMinor: left.taxMinor };
  const tax = Number(divRound(BigInt(amountMinor) * BigInt(left.taxMinor), BigInt(leftTotal)));
  return { netMinor: amountMinor - tax, taxMinor: tax };
}
