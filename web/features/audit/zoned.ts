import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Midnight at the start of `isoDate` (plus `addDays`) in the time zone, as a UTC instant. */
export function zonedDayStart(isoDate: string, timeZone: string, addDays: number): string {
  return dayjs.tz(isoDate, timeZone).add(addDays, 'day').toISOString();
}
