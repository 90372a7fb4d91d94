import { describe, expect, it } from 'vitest';
import { formatLocale, makeFormatters } from './format';

describe('formatters', () => {
  it('shows an instant in the hospital time zone, not the machine one', () => {
    const instant = '2026-03-01T20:30:00Z';
    expect(makeFormatters('en', 'Asia/Kolkata').dateTime(instant)).toBe('Mar 2, 2026, 2:00 AM');
    expect(makeFormatters('en', 'Europe/London').dateTime(instant)).toBe('Mar 1, 2026, 8:30 PM');
    expect(makeFormatters('en', 'Asia/Kolkata').day(instant)).toBe('Mar 2, 2026');
  });

  it('splits date and time where a narrow cell may wrap, the pieces joining to dateTime', () => {
    const instant = '2026-03-01T20:30:00Z';
    for (const [locale, date, joiner, time] of [
      ['en', 'Mar 2, 2026', ', ', '2:00 AM'],
      ['en-GB', '2 Mar 2026', ', ', '02:00'],
    ] as const) {
      const f = makeFormatters(locale, 'Asia/Kolkata');
      const parts = f.dateTimeParts(instant);
      expect({ ...parts, time: parts.time.replace(/\s/g, ' ') }).toEqual({ date, joiner, time });
      // formatToParts keeps the no-break space before AM that format() gives as a plain one.
      const plain = (x: string) => x.replace(/\s/g, ' ');
      expect(plain(parts.date + parts.joiner + parts.time)).toBe(plain(f.dateTime(instant)));
    }
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

describe('time zone and locale', () => {
  it('names the zone in words, summer or winter', () => {
    expect(makeFormatters('en', 'Asia/Kolkata').zoneName()).toBe('India Standard Time');
    const london = makeFormatters('en-GB', 'Europe/London');
    expect(london.zoneName(new Date('2026-01-15T12:00:00Z'))).toBe('Greenwich Mean Time');
    expect(london.zoneName(new Date('2026-07-15T12:00:00Z'))).toBe('British Summer Time');
  });

  it('writes dates in the browser’s variant of the app’s language', () => {
    expect(formatLocale('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(formatLocale('en', ['hi-IN', 'en-IN'])).toBe('en-IN');
    expect(formatLocale('en', ['fr-FR', 'de'])).toBe('en');
    expect(formatLocale('en', [])).toBe('en');
    expect(formatLocale('en', ['en-', 'en-IN'])).toBe('en-IN');
    const instant = '2026-03-01T20:30:00Z';
    expect(makeFormatters(formatLocale('en', ['en-GB']), 'Asia/Kolkata').dateTime(instant)).toBe(
      '2 Mar 2026, 02:00',
    );
    expect(makeFormatters(formatLocale('en', ['en-US']), 'Asia/Kolkata').dateTime(instant)).toBe(
      'Mar 2, 2026, 2:00 AM',
    );
  });
});
