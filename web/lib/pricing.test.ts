import { describe, expect, it } from 'vitest';
import { priceLine, ratePercent, sumLines } from './pricing';

describe('priceLine', () => {
  it('multiplies quantity by unit price and adds the tax on the net', () => {
    expect(priceLine({ quantity: 3, unitPriceMinor: 250, taxRateBp: 1200 })).toEqual({
      netMinor: 750,
      taxMinor: 90,
      totalMinor: 840,
    });
  });

  it('rounds the tax half up to the minor unit', () => {
    // 5 × 0.05 = 0.25 → rounds up to 1 paisa at exactly a half, down below it.
    expect(priceLine({ quantity: 1, unitPriceMinor: 10, taxRateBp: 500 }).taxMinor).toBe(1);
    expect(priceLine({ quantity: 1, unitPriceMinor: 9, taxRateBp: 500 }).taxMinor).toBe(0);
    expect(priceLine({ quantity: 1, unitPriceMinor: 333, taxRateBp: 1800 }).taxMinor).toBe(60);
  });

  it('charges no tax at a zero rate', () => {
    expect(priceLine({ quantity: 7, unitPriceMinor: 1999, taxRateBp: 0 })).toEqual({
      netMinor: 13993,
      taxMinor: 0,
      totalMinor: 13993,
    });
  });

  it('stays exact for large amounts', () => {
    const l = priceLine({ quantity: 1_000_000, unitPriceMinor: 9_999_999, taxRateBp: 1800 });
    expect(l.netMinor).toBe(9_999_999_000_000);
    expect(l.taxMinor).toBe(1_799_999_820_000);
  });
});

describe('sumLines', () => {
  it('rounds each line on its own, then adds the lines (as the server does)', () => {
    // Each line's tax is 0.5 → 1; taxing the summed net would give 1 instead of 2.
    const lines = [
      { quantity: 1, unitPriceMinor: 10, taxRateBp: 500 },
      { quantity: 1, unitPriceMinor: 10, taxRateBp: 500 },
    ];
    expect(sumLines(lines)).toEqual({ netMinor: 20, taxMinor: 2, totalMinor: 22 });
  });

  it('is zero for no lines', () => {
    expect(sumLines([])).toEqual({ netMinor: 0, taxMinor: 0, totalMinor: 0 });
  });
});

describe('ratePercent', () => {
  it('turns basis points into a percentage', () => {
    expect(ratePercent(1800)).toBe(18);
    expect(ratePercent(1250)).toBe(12.5);
  });
});
