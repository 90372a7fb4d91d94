// Money for medicines, computed on the server in integer minor units. Tax is worked out per line
// from its net amount and rounded half up to the minor unit; totals are the sums of the lines.
import { AppError } from '../../platform/errors';

export interface PriceInput {
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
}

export interface PricedAmounts {
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

const toSafe = (n: bigint): number => {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AppError('RULE_VIOLATION', 'This amount is too large to charge.');
  }
  return Number(n);
};

/** A line's net, tax (half up) and total. */
export function priceLine(l: PriceInput): PricedAmounts {
  const net = BigInt(l.quantity) * BigInt(l.unitPriceMinor);
  const tax = (net * BigInt(l.taxRateBp) + 5000n) / 10000n;
  return { netMinor: toSafe(net), taxMinor: toSafe(tax), totalMinor: toSafe(net + tax) };
}

/** Sums of priced lines. */
export function sumLines(lines: readonly PricedAmounts[]): PricedAmounts {
  return lines.reduce(
    (t, l) => ({
      netMinor: t.netMinor + l.netMinor,
      taxMinor: t.taxMinor + l.taxMinor,
      totalMinor: t.totalMinor + l.totalMinor,
    }),
    { netMinor: 0, taxMinor: 0, totalMinor: 0 },
  );
}

/** An amount in minor units as text in its currency, for notices: "₹1,234.50". */
export function formatMoney(minor: number, currency: string): string {
  const f = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}
