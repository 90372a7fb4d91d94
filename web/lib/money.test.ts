import { describe, expect, it } from 'vitest';
import { currencyDigits, toMajor, toMinor } from './money';

describe('money in minor units', () => {
  it('knows how many decimals a currency has', () => {
    expect(currencyDigits('INR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('not a currency')).toBe(2);
  });

  it('turns a typed amount into whole minor units without float drift', () => {
    expect(toMinor(12.5, 'INR')).toBe(1250);
    expect(toMinor(1.005, 'INR')).toBe(101);
    expect(toMinor(0.1 + 0.2, 'INR')).toBe(30);
    expect(toMinor(1500, 'JPY')).toBe(1500);
    expect(toMinor(1.2345, 'KWD')).toBe(1235);
    expect(toMinor(0, 'INR')).toBe(0);
  });

  it('shows minor units as the amount a person edits', () => {
    expect(toMajor(1250, 'INR')).toBe(12.5);
    expect(toMajor(1500, 'JPY')).toBe(1500);
    expect(toMajor(toMinor(19.99, 'USD'), 'USD')).toBe(19.99);
  });
});
