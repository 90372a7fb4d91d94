import { describe, expect, it } from 'vitest';
import { byMostOwed, billState } from './bill-state';

describe('where a bill stands', () => {
  it('is paid once a final bill owes nothing', () => {
    expect(billState({ status: 'final', balanceMinor: 0 })).toBe('paid');
    expect(billState({ status: 'final', balanceMinor: 1 })).toBe('owing');
    expect(billState({ status: 'cancelled', balanceMinor: 0 })).toBe('cancelled');
    expect(billState({ status: 'draft', balanceMinor: 500 })).toBe('other');
  });

  it('lists hospitals most owed first, then most held', () => {
    const b = (outstandingMinor: number, advanceMinor: number, name: string) => ({
      outstandingMinor,
      advanceMinor,
      name,
    });
    expect(
      byMostOwed([b(0, 0, 'none'), b(100, 0, 'small'), b(0, 50, 'advance'), b(900, 0, 'big')]).map(
        (x) => x.name,
      ),
    ).toEqual(['big', 'small', 'advance', 'none']);
  });
});
