import type { AvailabilityTemplate } from '../../../contracts/scheduling';

/** ISO weekdays, Monday first. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A weekday's name in a language: 1 = Monday … 7 = Sunday. */
export function weekdayName(weekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  const d = new Date(Date.UTC(2024, 0, weekday));
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(d);
}

/**
 * The weekly hours as the week shows them: each weekday's windows by start time. Hours that ended
 * before `today` (the hospital's date) are left out.
 */
export function weekOf(
  templates: readonly AvailabilityTemplate[],
  today: string,
): { weekday: number; windows: AvailabilityTemplate[] }[] {
  return WEEKDAYS.map((weekday) => ({
    weekday,
    windows: templates
      .filter((t) => t.weekday === weekday && (t.effectiveTo === null || t.effectiveTo >= today))
      .sort(
        (a, b) => a.startTime.localeCompare(b.startTime) || a.effectiveFrom.localeCompare(b.effectiveFrom),
      ),
  }));
}

/** How many slots a window gives each day (a last part shorter than a slot is not offered). */
export function slotsPerDay(t: Pick<AvailabilityTemplate, 'startTime' | 'endTime' | 'slotMinutes'>): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return Math.max(0, Math.floor((minutes(t.endTime) - minutes(t.startTime)) / t.slotMinutes));
}
