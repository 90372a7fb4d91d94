import { describe, expect, it } from 'vitest';
import { flagOf, rangeFor, rangeText } from './lab-results';

const hb = { refLow: 12, refHigh: 15, criticalLow: 7, criticalHigh: 20 };

describe('flagOf', () => {
  it('is normal at the ends of the range, and critical only beyond a critical limit', () => {
    expect([6.9, 7, 11.9, 12, 15, 15.1, 20, 20.1].map((v) => flagOf(v, hb))).toEqual([
      'critical_low',
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'critical_high',
    ]);
  });

  it('judges against the limits there are, and gives no flag without any', () => {
    const upper = { refLow: null, refHigh: 200, criticalLow: null, criticalHigh: null };
    expect([-5, 200, 201].map((v) => flagOf(v, upper))).toEqual(['normal', 'normal', 'high']);
    const criticalOnly = { refLow: null, refHigh: null, criticalLow: null, criticalHigh: 1000 };
    expect([5, 1001].map((v) => flagOf(v, criticalOnly))).toEqual(['normal', 'critical_high']);
    expect(flagOf(5, { refLow: null, refHigh: null, criticalLow: null, criticalHigh: null })).toBeNull();
  });
});

describe('rangeFor', () => {
  const a = { refLow: 13, refHigh: 17, refLowFemale: 12, refHighFemale: 15 };
  it('takes the female range for a woman where there is one, else the general one', () => {
    expect(rangeFor('female', a)).toEqual({ refLow: 12, refHigh: 15 });
    expect(rangeFor('male', a)).toEqual({ refLow: 13, refHigh: 17 });
    expect(rangeFor('other', a)).toEqual({ refLow: 13, refHigh: 17 });
    expect(rangeFor('female', { ...a, refLowFemale: null, refHighFemale: null })).toEqual({
      refLow: 13,
      refHigh: 17,
    });
  });
});

describe('rangeText', () => {
  it('writes a range, an upper or a lower limit, or nothing', () => {
    const n = (v: number) => v.toFixed(1);
    expect(rangeText({ refLow: 12, refHigh: 15 }, n)).toBe('12.0 – 15.0');
    expect(rangeText({ refLow: null, refHigh: 200 }, n)).toBe('< 200.0');
    expect(rangeText({ refLow: 40, refHigh: null }, n)).toBe('> 40.0');
    expect(rangeText({ refLow: null, refHigh: null }, n)).toBe('');
  });
});
