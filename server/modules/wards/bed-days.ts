// Bed-days (ADR 14, "Bed-days and the bill"): how many days of which bed a stay is charged, by the
// hospital's rule, in the hospital's time zone. Pure: the stays and the moment to count up to in,
// the charged days out. Calendar dates, never 24-hour steps, so a day of 23 or 25 hours (a
// daylight-saving change) is one day like any other.
//
// - midnight_census: a day for every local midnight (the first instant of a local date) the patient
//   spends in a bed, at the rate of the bed they are in at that instant. Stays are half-open
//   [from, to): a patient transferred at midnight is counted in the new bed, one discharged at
//   midnight is not counted that night. A stay that crosses no midnight is one day at the
//   admitting bed's rate.
// - calendar_day: a day for every local calendar date on which the patient was in a bed for any
//   time, at the highest rate of the beds they held that date.
import type { BedDayRule } from '../../../contracts/discharge';
import { addDays, localDateOf, localToInstant } from '../scheduling';

export interface CensusStay {
  from: Date;
  /** Null while the patient is in the bed. */
  to: Date | null;
  dailyRateMinor: number;
}

export interface ChargedDay<S> {
  /** The local date charged (for the census, the date whose midnight was counted). */
  date: string;
  stay: S;
}

const startOfDay = (date: string, timeZone: string) => localToInstant(date, '00:00', timeZone);

/** The stay holding the bed at an instant (stays are half-open and never overlap). */
function stayAt<S extends CensusStay>(stays: readonly S[], at: number, until: number): S | undefined {
  return stays.find((s) => s.from.getTime() <= at && at < (s.to?.getTime() ?? until + 1));
}

/**
 * The days an admission's stays are charged, oldest first, counted up to `until` for stays still
 * open (the discharge, or now for the running bill). Stays must be of one admission, oldest first.
 */
export function chargedDays<S extends CensusStay>(
  stays: readonly S[],
  rule: BedDayRule,
  timeZone: string,
  until: Date,
): ChargedDay<S>[] {
  if (stays.length === 0) return [];
  const first = stays[0]!.from.getTime();
  const last = stays[stays.length - 1]!;
  const end = Math.max(first, last.to?.getTime() ?? until.getTime());
  const out: ChargedDay<S>[] = [];
  const lastDate = localDateOf(end, timeZone);
  for (let date = localDateOf(first, timeZone); date <= lastDate; date = addDays(date, 1)) {
    const dayStart = startOfDay(date, timeZone);
    if (rule === 'midnight_census') {
      const stay = dayStart <= end ? stayAt(stays, dayStart, end) : undefined;
      if (stay) out.push({ date, stay });
      continue;
    }
    const dayEnd = startOfDay(addDays(date, 1), timeZone);
    const held = stays.filter((s) => s.from.getTime() < dayEnd && (s.to?.getTime() ?? end + 1) > dayStart);
    // A stay that begins and ends at one instant (admitted and moved at once) holds no time.
    const spent = held.filter((s) => (s.to?.getTime() ?? end + 1) > s.from.getTime());
    const stay = spent.reduce<S | undefined>(
      (best, s) => (!best || s.dailyRateMinor > best.dailyRateMinor ? s : best),
      undefined,
    );
    if (stay) out.push({ date, stay });
  }
  if (out.length === 0) out.push({ date: localDateOf(first, timeZone), stay: stays[0]! });
  return out;
}

export interface BedDayGroup<K> {
  key: K;
  dailyRateMinor: number;
  days: number;
  /** The first and last dates charged in the group. */
  from: string;
  to: string;
}

/**
 * Charged days grouped by what `keyOf` says is one line of the bill (for example ward and bed type)
 * and by rate, in the order first charged.
 */
export function groupDays<S extends CensusStay, K>(
  days: readonly ChargedDay<S>[],
  keyOf: (s: S) => K,
  idOf: (k: K) => string,
): BedDayGroup<K>[] {
  const groups = new Map<string, BedDayGroup<K>>();
  for (const d of days) {
    const key = keyOf(d.stay);
    const id = `${idOf(key)}|${d.stay.dailyRateMinor}`;
    const g = groups.get(id);
    if (g) {
      g.days += 1;
      g.to = d.date;
    } else {
      groups.set(id, { key, dailyRateMinor: d.stay.dailyRateMinor, days: 1, from: d.date, to: d.date });
    }
  }
  return [...groups.values()];
}
