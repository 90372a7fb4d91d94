import { describe, expect, it } from 'vitest';
import { makeFormatters } from './format';

describe('formatters', () => {
  it('shows an instant in the hospital time zone, not the machine one', () => {
    const instant = '2026-03-01T20:30:00Z';
    expect(makeFormatters('en', 'Asia/Kolkata').dateTime(instant)).toBe('Mar 2, 2026, 2:00 AM');
    expect(makeFormatters('en', 'Europe/London').dateTime(instant)).toBe('Mar 1, 2026, 8:30 PM');
    expect(makeFormatters('en', 'Asia/Kolkata').day(instant)).toBe('Mar 2, 2026');
  });

  it('keeps a calendar date (a birthday) on its day whatever the zone', () => {
    expect(makeFormatters('en', 'Pacific/Kiritimati').date('1990-01-19')).toBe('Jan 19, 1990');
    expect(makeFormatters('en', 'Pacific/Pago_Pago').date('1990-01-19')).toBe('Jan 19, 1990');
  });

  it('turns minor units into money with the currency’s own decimals', () => {
    const f = makeFormatters('en', 'UTC');
    expect(f.money(80_000, 'INR')).toBe('₹800.00');
    expect(f.money(18_000, 'GBP')).toBe('£180.00');
    expect(f.money(1500, 'JPY')).toBe('¥1,500');
  });
});
