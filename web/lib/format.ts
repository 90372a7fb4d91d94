import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { unitWord } from '../../contracts/units';

export const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The zone times are shown in: the shell sets the one `/api/auth/me` names (the active hospital's for
 * staff, the one a patient's hospitals share), else the browser's; a card of one hospital's sets its
 * own with `OnClockOf`.
 */
export const TimeZoneContext = createContext<string>(browserTimeZone);

/**
 * The locale dates and numbers are written in: the browser's own variant of the app's language
 * when it prefers one (en-GB writes "2 Dec 2026, 16:05", en-IN "2 Dec 2026, 4:05 pm"), else the
 * app's language as it is.
 */
export function formatLocale(language: string, preferred: readonly string[]): string {
  const base = language.split('-')[0]!.toLowerCase();
  for (const tag of preferred) {
    if (tag.split('-')[0]!.toLowerCase() !== base) continue;
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? language;
    } catch {
      // A malformed tag: try the next one.
    }
  }
  return language;
}

export const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

export interface Formatters {
  timeZone: string;
  /** The zone's name in words ("India Standard Time"), as it is at `at` (summer or winter time). */
  zoneName(at?: Date): string;
  /** An instant (UTC on the wire) as date and time in the zone. */
  dateTime(iso: string): string;
  /**
   * `dateTime` in its three pieces: the date, what joins them (", " in English) and the time, so a
   * narrow cell can wrap between date and time rather than inside the time ("6:52 / PM").
   */
  dateTimeParts(iso: string): { date: string; joiner: string; time: string };
  /** The calendar day an instant falls on, in the zone. */
  day(iso: string): string;
  /** A calendar date (YYYY-MM-DD) such as a date of birth: no zone applies. */
  date(isoDate: string): string;
  number(n: number): string;
  /** A count of a medicine's unit: "4 tablets", "1 tablet", "10 ml". */
  amount(n: number, unit: string): string;
  /** Money in minor units (paise, cents) in its currency. */
  money(minor: number, currency: string): string;
  /** Whole years between a date of birth and today. */
  age(isoDate: string): number;
}

export function makeFormatters(locale: string, timeZone: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const calendar = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' });
  return {
    timeZone,
    zoneName: (at = new Date()) =>
      zone.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone,
    dateTime: (iso) => dateTime.format(new Date(iso)),
    dateTimeParts: (iso) => {
      const parts = dateTime.formatToParts(new Date(iso));
      const hour = parts.findIndex((p) => p.type === 'hour' || p.type === 'dayPeriod');
      const text = (ps: Intl.DateTimeFormatPart[]) => ps.map((p) => p.value).join('');
      if (hour <= 0) return { date: text(parts), joiner: '', time: '' };
      // The literal just before the time joins the two ("Mar 2, 2026" + ", " + "2:00 AM").
      const joined = parts[hour - 1]!.type === 'literal' ? hour - 1 : hour;
      return {
        date: text(parts.slice(0, joined)),
        joiner: text(parts.slice(joined, hour)),
        time: text(parts.slice(hour)),
      };
    },
    day: (iso) => day.format(new Date(iso)),
    date: (isoDate) => calendar.format(new Date(`${isoDate}T00:00:00Z`)),
    number: (n) => number.format(n),
    amount: (n, unit) => `${number.format(n)} ${unitWord(unit, n)}`.trim(),
    money: (minor, currency) => {
      const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(minor / 10 ** digits);
    },
    age: (isoDate) => {
      const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
      const now = new Date();
      let years = now.getFullYear() - y;
      if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) years -= 1;
      return years;
    },
  };
}

/** Formatters for the current language (in the browser's regional variant) and the time zone in effect. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const timeZone = useContext(TimeZoneContext);
  return useMemo(
    () => makeFormatters(formatLocale(i18n.language, browserLanguages()), timeZone),
    [i18n.language, timeZone],
  );
}
