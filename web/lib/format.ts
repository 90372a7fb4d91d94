import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The zone times are shown in: the active hospital's for staff, the browser's for patients. */
export const TimeZoneContext = createContext<string>(browserTimeZone);

export interface Formatters {
  timeZone: string;
  /** An instant (UTC on the wire) as date and time in the zone. */
  dateTime(iso: string): string;
  /** The calendar day an instant falls on, in the zone. */
  day(iso: string): string;
  /** A calendar date (YYYY-MM-DD) such as a date of birth: no zone applies. */
  date(isoDate: string): string;
  number(n: number): string;
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
  return {
    timeZone,
    dateTime: (iso) => dateTime.format(new Date(iso)),
    day: (iso) => day.format(new Date(iso)),
    date: (isoDate) => calendar.format(new Date(`${isoDate}T00:00:00Z`)),
    number: (n) => number.format(n),
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

/** Formatters for the current language and the hospital's time zone. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const timeZone = useContext(TimeZoneContext);
  return useMemo(() => makeFormatters(i18n.language, timeZone), [i18n.language, timeZone]);
}
