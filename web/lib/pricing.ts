// Money for medicines worked out the way the server does (server/modules/pharmacy/pricing.ts), so
// the total a person is shown before they confirm is the total they are charged: per line,
// net = quantity × unit price and tax = net × rate / 10000 rounded half up to the minor unit;
// the totals are the sums of the lines. BigInt keeps large amounts exact.

export interface PriceInput {
  quantity: number;
  unitPriceMinor: number;
  /** Basis points: 1800 = 18%. */
  taxRateBp: number;
}

export interface Amounts {
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** One line's net, tax (half up) and total, in minor units. */
export function priceLine(l: PriceInput): Amounts {
  const net = BigInt(l.quantity) * BigInt(l.unitPriceMinor);
  const tax = (net * BigInt(l.taxRateBp) + 5000n) / 10000n;
  return { netMinor: Number(net), taxMinor: Number(tax), totalMinor: Number(net + tax) };
}

/** The sums of the lines' amounts. */
export function sumLines(lines: readonly PriceInput[]): Amounts {
  return lines.map(priceLine).reduce(
    (t, l) => ({
      netMinor: t.netMinor + l.netMinor,
      taxMinor: t.taxMinor + l.taxMinor,
      totalMinor: t.totalMinor + l.totalMinor,
    }),
    { netMinor: 0, taxMinor: 0, totalMinor: 0 },
  );
}

/** A tax rate in basis points as a percentage people read: 1800 → 18, 1250 → 12.5. */
export function ratePercent(bp: number): number {
  return bp / 100;
}
