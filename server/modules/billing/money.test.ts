// The rounding rule of ADR 13 on awkward cases, each worked out by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import { amountInWords, indianWords, internationalWords } from './amount-in-words';
import { divRound, priceInvoiceLine, splitCredit, sumAmounts, taxBreakdown, type LineInput } from './money';

const line = (
  quantity: number,
  unitPriceMinor: number,
  taxRateBp: number,
  discount?: LineInput['discount'],
) => priceInvoiceLine({ quantity, unitPriceMinor, taxRateBp, discount });

describe('rounding halves away from zero', () => {
  it('rounds to the nearest unit and halves away from zero, both signs', () => {
    expect(divRound(15n, 10n)).toBe(2n); // 1.5 -> 2
    expect(divRound(25n, 10n)).toBe(3n); // 2.5 -> 3 (banker's rounding would give 2)
    expect(divRound(24n, 10n)).toBe(2n);
    expect(divRound(-25n, 10n)).toBe(-3n);
    expect(divRound(-24n, 10n)).toBe(-2n);
    expect(divRound(-5n, 10n)).toBe(-1n);
    expect(divRound(4n, 10n)).toBe(0n);
    expect(divRound(0n, 7n)).toBe(0n);
  });
});

describe('a line', () => {
  it('taxes the discounted net, not the gross', () => {
    // 3 × 19.99 = 59.97; 10% off = 5.997 -> 6.00; net 53.97; 12% tax = 6.4764 -> 6.48; total 60.45.
    expect(line(3, 1999, 1200, { kind: 'percent', percentBp: 1000, reason: 'Staff' })).toEqual({
      grossMinor: 5997,
      discountMinor: 600,
      netMinor: 5397,
      taxMinor: 648,
      totalMinor: 6045,
    });
    // 2 × 10.50 = 21.00; 1.00 off; net 20.00; 12% = 2.40; total 22.40.
    expect(line(2, 1050, 1200, { kind: 'amount', amountMinor: 100, reason: 'Loyalty' })).toEqual({
      grossMinor: 2100,
      discountMinor: 100,
      netMinor: 2000,
      taxMinor: 240,
      totalMinor: 2240,
    });
  });

  it('rounds half a minor unit up, in the tax and in a percent discount', () => {
    // 1.25 at 18% = 0.225 -> 0.23 (22.5 paise rounds to 23); total 1.48.
    expect(line(1, 125, 1800)).toMatchObject({ taxMinor: 23, totalMinor: 148 });
    // 2.50 at 5% = 0.125 -> 0.13; total 2.63.
    expect(line(1, 250, 500)).toMatchObject({ taxMinor: 13, totalMinor: 263 });
    // 0.05 with 10% off = 0.005 -> 0.01 off; net 0.04; 5% of 0.04 = 0.002 -> 0; total 0.04.
    expect(line(1, 5, 500, { kind: 'percent', percentBp: 1000, reason: 'x' })).toEqual({
      grossMinor: 5,
      discountMinor: 1,
      netMinor: 4,
      taxMinor: 0,
      totalMinor: 4,
    });
    // 0.49 paise of tax rounds down: 1 × 0.07 at 7% = 0.0049 -> 0.
    expect(line(1, 7, 700)).toMatchObject({ taxMinor: 0, totalMinor: 7 });
  });

  it('takes percent discounts of odd amounts', () => {
    // 7 × 3.33 = 23.31; 15% = 3.4965 -> 3.50; net 19.81; 5% = 0.9905 -> 0.99; total 20.80.
    expect(line(7, 333, 500, { kind: 'percent', percentBp: 1500, reason: 'Senior citizen' })).toEqual({
      grossMinor: 2331,
      discountMinor: 350,
      netMinor: 1981,
      taxMinor: 99,
      totalMinor: 2080,
    });
    // 10.01 with 33.33% off = 3.336333 -> 3.34; net 6.67; 18% = 1.2006 -> 1.20; total 7.87.
    expect(line(1, 1001, 1800, { kind: 'percent', percentBp: 3333, reason: 'Camp' })).toEqual({
      grossMinor: 1001,
      discountMinor: 334,
      netMinor: 667,
      taxMinor: 120,
      totalMinor: 787,
    });
    // 100% off leaves nothing to tax.
    expect(line(4, 999, 1200, { kind: 'percent', percentBp: 10_000, reason: 'Waived' })).toMatchObject({
      discountMinor: 3996,
      netMinor: 0,
      taxMinor: 0,
      totalMinor: 0,
    });
  });

  it('keeps large amounts exact and refuses a discount bigger than its line', () => {
    // 9,999 × 99,999.99 = 999,899,900.01 (99,989,990,001 paise); 28% of it = 27,997,197,200.28 paise -> .00
    expect(line(9999, 9_999_999, 2800)).toEqual({
      grossMinor: 99_989_990_001,
      discountMinor: 0,
      netMinor: 99_989_990_001,
      taxMinor: 27_997_197_200,
      totalMinor: 127_987_187_201,
    });
    expect(() => line(1, 500, 0, { kind: 'amount', amountMinor: 501, reason: 'x' })).toThrow(
      /more than its line/,
    );
  });
});

describe('an invoice of many lines', () => {
  it('sums rounded lines: 40 lines of 0.05 at 10% carry 0.40 of tax, not 0.20', () => {
    // Each line: 0.05 net, 10% = 0.005 -> 0.01 tax, 0.06 total. 40 lines: 2.00 net, 0.40 tax, 2.40.
    // (Taxing the invoice's 2.00 once would give 0.20: the rule is per line, then summed.)
    const lines = Array.from({ length: 40 }, () => line(1, 5, 1000));
    expect(sumAmounts(lines)).toEqual({
      grossMinor: 200,
      discountMinor: 0,
      netMinor: 200,
      taxMinor: 40,
      totalMinor: 240,
    });
  });

  it('sums 40 discounted lines exactly', () => {
    // Each: 3 × 3.33 = 9.99; 5% = 0.4995 -> 0.50; net 9.49; 12% = 1.1388 -> 1.14; total 10.63.
    // 40 of them: gross 399.60, discount 20.00, net 379.60, tax 45.60, total 425.20.
    const lines = Array.from({ length: 40 }, () =>
      line(3, 333, 1200, { kind: 'percent', percentBp: 500, reason: 'Package' }),
    );
    expect(sumAmounts(lines)).toEqual({
      grossMinor: 39_960,
      discountMinor: 2000,
      netMinor: 37_960,
      taxMinor: 4560,
      totalMinor: 42_520,
    });
  });

  it('breaks tax down by rate', () => {
    const lines = [
      { taxRateBp: 1200, ...line(3, 1999, 1200, { kind: 'percent', percentBp: 1000, reason: 'x' }) },
      { taxRateBp: 0, ...line(1, 50_000, 0) },
      { taxRateBp: 500, ...line(1, 250, 500) },
      { taxRateBp: 1200, ...line(2, 1050, 1200, { kind: 'amount', amountMinor: 100, reason: 'y' }) },
    ];
    expect(taxBreakdown(lines)).toEqual([
      { taxRateBp: 0, netMinor: 50_000, taxMinor: 0 },
      { taxRateBp: 500, netMinor: 250, taxMinor: 13 },
      // 53.97 + 20.00 net; 6.48 + 2.40 tax
      { taxRateBp: 1200, netMinor: 7397, taxMinor: 888 },
    ]);
  });
});

describe('splitting a credit into net and tax', () => {
  it('splits in proportion, and the last credit takes exactly what is left', () => {
    // Invoice 60.45 = 53.97 net + 6.48 tax. Credit 10.00: tax 10.00 × 6.48 / 60.45 = 1.07196 -> 1.07.
    const first = splitCredit(1000, { netMinor: 5397, taxMinor: 648 });
    expect(first).toEqual({ netMinor: 893, taxMinor: 107 });
    // Left: 45.04 net + 5.41 tax; crediting all of it takes both exactly.
    expect(splitCredit(5045, { netMinor: 4504, taxMinor: 541 })).toEqual({ netMinor: 4504, taxMinor: 541 });
    expect(first.netMinor + 4504).toBe(5397);
    expect(first.taxMinor + 541).toBe(648);
  });
});

describe('amounts in words', () => {
  it('counts rupees in lakhs and crores, with paise', () => {
    expect(indianWords(100_000n)).toBe('One Lakh');
    expect(indianWords(12_34_56_789n)).toBe(
      'Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred Eighty-Nine',
    );
    expect(indianWords(1_00_00_00_000n)).toBe('One Hundred Crore');
    expect(amountInWords(12_345_678, 'INR')).toBe(
      'Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Seventy-Eight Paise Only',
    );
    expect(amountInWords(100, 'INR')).toBe('Rupees One Only');
    expect(amountInWords(5, 'INR')).toBe('Rupees Zero and Five Paise Only');
    expect(amountInWords(1_00_00_000_00, 'INR')).toBe('Rupees One Crore Only');
    expect(amountInWords(101_010_010_00, 'INR')).toBe('Rupees Ten Crore Ten Lakh Ten Thousand Ten Only');
  });

  it('counts other currencies in thousands and millions', () => {
    expect(internationalWords(1_000_000n)).toBe('One Million');
    expect(internationalWords(2_005_019n)).toBe('Two Million Five Thousand Nineteen');
    expect(amountInWords(123_456_789, 'USD')).toBe(
      'One Million Two Hundred Thirty-Four Thousand Five Hundred Sixty-Seven Dollars and Eighty-Nine Cents Only',
    );
    expect(amountInWords(101, 'USD')).toBe('One Dollar and One Cent Only');
    expect(amountInWords(250_000, 'GBP')).toBe('Two Thousand Five Hundred Pounds Only');
    expect(amountInWords(1500, 'JPY')).toBe('One Thousand Five Hundred Yen Only');
    // KWD has three decimals and no names here: its code and the fils as a fraction.
    expect(amountInWords(215_250, 'KWD')).toBe('Two Hundred Fifteen KWD and 250/1000 Only');
  });
});
