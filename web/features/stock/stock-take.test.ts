import { describe, expect, it } from 'vitest';
import { countedLines, countOf, countsToSave, differences, type StockTakeLine } from './stock-take';

const line = (batchId: string, over: Partial<StockTakeLine> = {}): StockTakeLine => ({
  batchId,
  medicineId: 'm',
  medicineName: 'Paracetamol 500 mg',
  batchNumber: batchId.toUpperCase(),
  expiryDate: '2027-06-30',
  counted: null,
  expected: null,
  difference: null,
  ...over,
});

describe('counting', () => {
  const lines = [line('a'), line('b', { counted: 5 }), line('c', { counted: 7 })];

  it('shows the typed count over the saved one, and a cleared field as not counted', () => {
    expect(countOf(lines[0]!, {})).toBeNull();
    expect(countOf(lines[1]!, {})).toBe(5);
    expect(countOf(lines[1]!, { b: 6 })).toBe(6);
    expect(countOf(lines[1]!, { b: '' })).toBeNull();
    expect(countOf(lines[0]!, { a: 0 })).toBe(0);
  });

  it('saves only whole counts that changed', () => {
    expect(countsToSave(lines, { a: 12, b: 5, c: '', d: 3 })).toEqual([{ batchId: 'a', counted: 12 }]);
    expect(countsToSave(lines, { a: 0, b: 4 })).toEqual([
      { batchId: 'a', counted: 0 },
      { batchId: 'b', counted: 4 },
    ]);
    expect(countsToSave(lines, { a: 1.5, b: -1 })).toEqual([]);
  });

  it('counts lines with a count, typed or saved', () => {
    expect(countedLines(lines, {})).toBe(2);
    expect(countedLines(lines, { a: 0, c: '' })).toBe(2);
  });
});

describe('review', () => {
  it('sums what posting would adjust, and what is still not counted', () => {
    expect(
      differences([
        line('a', { counted: 10, expected: 12, difference: -2 }),
        line('b', { counted: 9, expected: 4, difference: 5 }),
        line('c', { counted: 3, expected: 3, difference: 0 }),
        line('d', { expected: 8 }),
      ]),
    ).toEqual({ lines: 2, over: 5, short: 2, uncounted: 1 });
  });
});
