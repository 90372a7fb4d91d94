// The preview of a bill before it is created, worked out by the server's rule (ADR 13,
// server/modules/billing/money.ts): per line gross = quantity × unit price; the discount is the
// amount given or round(gross × percent / 10 000); tax = round(net × rate / 10 000) on the
// discounted net; round() halves away from zero; the bill's figures are the sums of its lines.
// web/lib/pricing.ts has the pharmacy's half-up rounding but no discounts, hence this. The
// server's figures are the truth: this only shows what to expect.

export type PreviewDiscount =
  { kind: 'amount'; amountMinor: number } | { kind: 'percent'; percentBp: number };

export interface PreviewLine {
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
  discount?: PreviewDiscount | null;
}

export interface BillAmounts {
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export const ZERO: BillAmounts = { grossMinor: 0, discountMinor: 0, netMinor: 0, taxMinor: 0, totalMinor: 0 };

/** n / d rounded to the nearest integer, halves away from zero (d > 0). */
export function divRound(n: bigint, d: bigint): bigint {
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
  return n < 0n ? -q : q;
}

/** A line's amounts, or null when its discount is more than the line (the server refuses that). */
export function previewLine(l: PreviewLine): BillAmounts | null {
  const gross = BigInt(l.quantity) * BigInt(l.unitPriceMinor);
  let discount = 0n;
  if (l.discount?.kind === 'amount') discount = BigInt(l.discount.amountMinor);
  if (l.discount?.kind === 'percent') discount = divRound(gross * BigInt(l.discount.percentBp), 10_000n);
  if (discount > gross) return null;
  const net = gross - discount;
  const tax = divRound(net * BigInt(l.taxRateBp), 10_000n);
  return {
    grossMinor: Number(gross),
    discountMinor: Number(discount),
    netMinor: Number(net),
    taxMinor: Number(tax),
    totalMinor: Number(net + tax),
  };
}

/** The sums of the lines' rounded amounts. */
export function sumAmounts(lines: readonly BillAmounts[]): BillAmounts {
  return lines.reduce(
    (t, l) => ({
      grossMinor: t.grossMinor + l.grossMinor,
      discountMinor: t.discountMinor + l.discountMinor,
      netMinor: t.netMinor + l.netMinor,
      taxMinor: t.taxMinor + l.taxMinor,
      totalMinor: t.totalMinor + l.totalMinor,
    }),
    ZERO,
  );
}
