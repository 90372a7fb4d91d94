import { describe, expect, it } from 'vitest';
import { typedNumber } from './number-input';

describe('typed numbers', () => {
  it('reads numbers and the strings a NumberInput keeps while typing', () => {
    expect(typedNumber(12.4)).toBe(12.4);
    expect(typedNumber('12.40')).toBe(12.4);
    expect(typedNumber('12.')).toBe(12);
    expect(typedNumber('1,250.5')).toBe(1250.5);
    expect(typedNumber('')).toBeUndefined();
    expect(typedNumber('  ')).toBeUndefined();
    expect(typedNumber('.')).toBeUndefined();
    expect(typedNumber('12a')).toBeUndefined();
    expect(typedNumber(Number.NaN)).toBeUndefined();
  });
});
