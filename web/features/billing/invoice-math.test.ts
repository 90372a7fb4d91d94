import { describe, expect, it } from 'vitest';
import { priceInvoiceLine } from '../../../server/modules/billing/money';
import { divRound, previewLine, sumAmounts, type PreviewLine } from './invoice-math';

describe('the preview of a bill', () => {
  it('rounds halves away from zero, both signs', () => {
    expect(divRound(25n, 10n)).toBe(3n);
    expect(divRound(24n, 10n)).toBe(2n);
    expect(divRound(-25n, 10n)).toBe(-3n);
    expect(divRound(0n, 7n)).toBe(0n);
  });

  it('taxes the discounted net', () => {
    // 3 × 19.99 = 59.97; 10% off = 5.997 -> 6.00; net 53.97; 12% = 6.4764 -> 6.48; total 60.45.
    expect(
      previewLine({
        quantity: 3,
        unitPriceMinor: 1999,
        taxRateBp: 1200,
        discount: { kind: 'percent', percentBp: 1000 },
      }),
    ).toEqual({ grossMinor: 5997, discountMinor: 600, netMinor: 5397, taxMinor: 648, totalMinor: 6045 });
    // 1.25 at 18% = 0.225 -> 0.23.
    expect(previewLine({ quantity: 1, unitPriceMinor: 125, taxRateBp: 1800 })).toMatchObject({
      taxMinor: 23,
    });
  });

  it('has no figures for a discount larger than its line', () => {
    expect(
      previewLine({
        quantity: 1,
        unitPriceMinor: 100,
        taxRateBp: 0,
        discount: { kind: 'amount', amountMinor: 101 },
      }),
    ).toBeNull();
    expect(
      previewLine({
        quantity: 1,
        unitPriceMinor: 100,
        taxRateBp: 0,
        discount: { kind: 'amount', amountMinor: 100 },
      }),
    ).toMatchObject({ netMinor: 0, totalMinor: 0 });
  });

  it('sums the rounded lines, not the tax of the sum', () => {
    // 40 lines of 0.05 at 10%: 0.005 -> 0.01 each, so 0.40 of tax (not 0.20).
    const lines = Array.from({ length: 40 }, () =>
      previewLine({ quantity: 1, unitPriceMinor: 5, taxRateBp: 1000 })!,
    );
    expect(sumAmounts(lines)).toEqual({
      grossMinor: 200,
      discountMinor: 0,
      netMinor: 200,
      taxMinor: 40,
      totalMinor: 240,
    });
  });

  it('agrees with the server on many lines', () => {
    // A fixed pseudo-random walk, so a failure is the same on every run.
    let seed = 20261203;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const l: PreviewLine = {
        quantity: 1 + rand(50),
        unitPriceMinor: rand(1_000_000),
        taxRateBp: [0, 500, 1200, 1800, 2800, rand(10_001)][rand(6)]!,
        discount:
          rand(3) === 0
            ? null
            : rand(2) === 0
              ? { kind: 'percent', percentBp: 1 + rand(10_000) }
              : { kind: 'amount', amountMinor: 1 + rand(100_000) },
      };
      const mine = previewLine(l);
      const discount = l.discount ? { ...l.discount, reason: 'x' } : null;
      let server: ReturnType<typeof priceInvoiceLine> | null;
      try {
        server = priceInvoiceLine({ ...l, discount });
      } catch {
        server = null;
      }
      expect(mine, JSON.stringify(l)).toEqual(server);
    }
  });
});
