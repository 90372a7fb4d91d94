import { describe, expect, it } from 'vitest';
import { pickFefo } from './picking';
import { priceLine, sumLines } from './pricing';

const b = (id: string, expiryDate: string, available: number) => ({
  id,
  batchNumber: id,
  expiryDate,
  available,
});

describe('pickFefo', () => {
  it('takes from the soonest expiry first and splits across batches exactly', () => {
    const picks = pickFefo(
      [b('late', '2027-06-30', 50), b('soon', '2027-01-31', 8), b('mid', '2027-03-31', 5)],
      10,
    );
    expect(picks).toEqual([
      { batchId: 'soon', batchNumber: 'soon', expiryDate: '2027-01-31', quantity: 8 },
      { batchId: 'mid', batchNumber: 'mid', expiryDate: '2027-03-31', quantity: 2 },
    ]);
    expect(picks!.reduce((n, p) => n + p.quantity, 0)).toBe(10);
  });

  it('keeps the given order for batches that expire the same day, and skips empty ones', () => {
    const picks = pickFefo(
      [b('empty', '2027-01-01', 0), b('first', '2027-02-01', 3), b('second', '2027-02-01', 3)],
      4,
    );
    expect(picks?.map((p) => [p.batchId, p.quantity])).toEqual([
      ['first', 3],
      ['second', 1],
    ]);
  });

  it('is all or nothing: null when the batches hold less than asked', () => {
    expect(pickFefo([b('a', '2027-01-01', 2), b('b', '2027-02-01', 2)], 5)).toBeNull();
    expect(pickFefo([], 1)).toBeNull();
  });

  it('refuses quantities that are not whole and positive', () => {
    for (const q of [0, -1, 1.5, Number.NaN]) expect(() => pickFefo([b('a', '2027-01-01', 9)], q)).toThrow();
  });
});

describe('pricing', () => {
  it('works tax per line, rounded half up to the minor unit', () => {
    expect(priceLine({ quantity: 3, unitPriceMinor: 1050, taxRateBp: 1200 })).toEqual({
      netMinor: 3150,
      taxMinor: 378,
      totalMinor: 3528,
    });
    // 10 * 125 = 1250 at 5%: 62.5 rounds up to 63; at 0% nothing.
    expect(priceLine({ quantity: 10, unitPriceMinor: 125, taxRateBp: 500 }).taxMinor).toBe(63);
    expect(priceLine({ quantity: 10, unitPriceMinor: 125, taxRateBp: 0 }).taxMinor).toBe(0);
    expect(
      sumLines([
        priceLine({ quantity: 1, unitPriceMinor: 100, taxRateBp: 1800 }),
        priceLine({ quantity: 2, unitPriceMinor: 5, taxRateBp: 0 }),
      ]),
    ).toEqual({ netMinor: 110, taxMinor: 18, totalMinor: 128 });
  });

  it('refuses an amount too large to represent exactly', () => {
    expect(() => priceLine({ quantity: 1_000_000, unitPriceMinor: 1_000_000_000_000, taxRateBp: 0 })).toThrow(
      /too large/,
    );
  });
});
