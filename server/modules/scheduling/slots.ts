// Free slots from weekly templates, exceptions and bookings (pure: no database, no clock).
// A template is a window of local wall-clock time on a weekday; the window's ends are resolved to
// instants in the hospital's zone (local-time.ts), and slots of the template's length are laid
// from its start in real time, so every slot lasts exactly its length even on a DST day.
import { addDays, datesBetween, isoWeekday, localToInstant, utcDate } from './local-time';

const MINUTE = 60_000;

export interface TemplateRule {
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface ExceptionRule {
  startsOn: string;
  endsOn: string;
  startTime: string | null;
  endTime: string | null;
}

/** A half-open interval of instants [start, end), in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** Every slot the templates offer on the local dates `from`..`to`, in time order. */
export function templateSlots(
  templates: TemplateRule[],
  from: string,
  to: string,
  timeZone: string,
): Interval[] {
  const out: Interval[] = [];
  for (const date of datesBetween(from, to)) {
    const weekday = isoWeekday(date);
    for (const t of templates) {
      if (t.weekday !== weekday || date < t.effectiveFrom || (t.effectiveTo && date > t.effectiveTo))
        continue;
      const windowEnd = localToInstant(date, t.endTime, timeZone);
      const step = t.slotMinutes * MINUTE;
      for (let s = localToInstant(date, t.startTime, timeZone); s + step <= windowEnd; s += step) {
        out.push({ start: s, end: s + step });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The instants the exceptions take away on the local dates `from`..`to`. */
export function blockedIntervals(
  exceptions: ExceptionRule[],
  from: string,
  to: string,
  timeZone: string,
): Interval[] {
  const out: Interval[] = [];
  for (const e of exceptions) {
    const first = e.startsOn > from ? e.startsOn : from;
    const last = e.endsOn < to ? e.endsOn : to;
    if (first > last) continue;
    for (const date of datesBetween(first, last)) {
      out.push(
        e.startTime && e.endTime
          ? {
              start: localToInstant(date, e.startTime, timeZone),
              end: localToInstant(date, e.endTime, timeZone),
            }
          : {
              start: localToInstant(date, '00:00', timeZone),
              end: localToInstant(addDays(date, 1), '00:00', timeZone),
            },
      );
    }
  }
  return out;
}

export interface FreeSlotInput {
  templates: TemplateRule[];
  exceptions: ExceptionRule[];
  /** Active appointments of the doctor. */
  booked: Interval[];
  from: string;
  to: string;
  timeZone: string;
  now: number;
}

/** Slots offered by the templates that have not started, are not blocked, and overlap no booking. */
export function freeSlots(i: FreeSlotInput): Interval[] {
  return slotStates(i).flatMap((s) => (s.state === 'free' ? [{ start: s.start, end: s.end }] : []));
}

/** Why a slot the templates offer can or cannot be booked: a booking holds it, or it is gone or blocked. */
export type SlotState = 'free' | 'booked' | 'unavailable';

/**
 * Every slot the templates offer, each with its state: `booked` when a booking overlaps it,
 * `unavailable` when it has started or an exception takes it away, otherwise `free` (the slots
 * `freeSlots` lists).
 */
export function slotStates(i: FreeSlotInput): (Interval & { state: SlotState })[] {
  const blocked = blockedIntervals(i.exceptions, i.from, i.to, i.timeZone);
  return templateSlots(i.templates, i.from, i.to, i.timeZone).map((s) => {
    const state: SlotState = i.booked.some((b) => overlaps(s, b))
      ? 'booked'
      : s.start <= i.now || blocked.some((b) => overlaps(s, b))
        ? 'unavailable'
        : 'free';
    return { ...s, state };
  });
}

/**
 * The templates' slot that starts at `startsAt`, unless an exception takes it away; null when
 * there is none (bookings and the clock are checked separately, each with its own answer).
 *
 * Every booking asks this, so it does not lay out the days' slots to look for one (a doctor seen
 * round the clock in 5-minute slots has 288 a day, and laying out three days took a sixth of an
 * instance's CPU under a load of bookings): a template offers the slot when `startsAt` is a whole
 * number of slots after its window opens and the slot ends by the time the window closes.
 */
export function offeredSlotAt(
  templates: TemplateRule[],
  exceptions: ExceptionRule[],
  startsAt: number,
  timeZone: string,
): Interval | null {
  // A slot belongs to the local date of its template's window, which is within a day of the
  // slot's own local date (a window may open before a repeated midnight), which is within a day of
  // its UTC date (zones stay within 14 hours of UTC): the five dates around the UTC date hold it,
  // without asking the zone for the local date.
  const { from, to } = datesAround(startsAt);
  const slot = templateSlotAt(templates, datesBetween(from, to), startsAt, timeZone);
  if (!slot) return null;
  return blockedIntervals(exceptions, from, to, timeZone).some((b) => overlaps(slot, b)) ? null : slot;
}

/** The templates' slot that starts at `startsAt`, whatever exceptions say; null when there is none. */
export function templateSlotStarting(
  templates: TemplateRule[],
  startsAt: number,
  timeZone: string,
): Interval | null {
  const { from, to } = datesAround(startsAt);
  return templateSlotAt(templates, datesBetween(from, to), startsAt, timeZone);
}

/** The five dates around an instant's UTC date, which hold the local date of any slot starting then. */
function datesAround(startsAt: number): { from: string; to: string } {
  const day = utcDate(startsAt);
  return { from: addDays(day, -2), to: addDays(day, 2) };
}

/** The slot starting at `startsAt` that the templates offer on `dates`: the one templateSlots lists first. */
function templateSlotAt(
  templates: TemplateRule[],
  dates: string[],
  startsAt: number,
  timeZone: string,
): Interval | null {
  // Dates in order, then templates in order, as templateSlots lays them out (its sort keeps ties).
  for (const date of dates) {
    const weekday = isoWeekday(date);
    for (const t of templates) {
      if (t.weekday !== weekday || date < t.effectiveFrom || (t.effectiveTo && date > t.effectiveTo))
        continue;
      const step = t.slotMinutes * MINUTE;
      const sinceOpening = startsAt - localToInstant(date, t.startTime, timeZone);
      if (sinceOpening < 0 || sinceOpening % step !== 0) continue;
      if (startsAt + step <= localToInstant(date, t.endTime, timeZone))
        return { start: startsAt, end: startsAt + step };
    }
  }
  return null;
}
