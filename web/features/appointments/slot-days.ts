// Free slots arrive as UTC instants; people choose them by the hospital's calendar day and clock.

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDate(instant: string | number | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar date `days` later (or earlier, when negative); no zone applies. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface DayOfSlots<S> {
  /** The hospital's local date, YYYY-MM-DD. */
  date: string;
  slots: S[];
}

/**
 * Slots grouped by the local day they start on in the hospital's zone, days in order and slots in
 * order within each day. A slot late in the evening there is on that day, whatever the browser's
 * zone says.
 */
export function groupByLocalDay<S extends { startsAt: string }>(
  slots: readonly S[],
  timeZone: string,
): DayOfSlots<S>[] {
  const byDay = new Map<string, S[]>();
  const sorted = [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const s of sorted) {
    const day = localDate(s.startsAt, timeZone);
    const list = byDay.get(day);
    if (list) list.push(s);
    else byDay.set(day, [s]);
  }
  return [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, slots: list }));
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Morning before 12:00, afternoon until 17:00, evening after, on the hospital's clock. */
export function partOfDay(instant: string, timeZone: string): PartOfDay {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(instant),
    ),
  );
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/** A day's slots (in order) split into the parts of the day that have any. */
export function byPartOfDay<S extends { startsAt: string }>(
  slots: readonly S[],
  timeZone: string,
): { part: PartOfDay; slots: S[] }[] {
  const parts: { part: PartOfDay; slots: S[] }[] = [];
  for (const s of slots) {
    const part = partOfDay(s.startsAt, timeZone);
    const last = parts.at(-1);
    if (last?.part === part) last.slots.push(s);
    else parts.push({ part, slots: [s] });
  }
  return parts;
}

/**
 * The local dates to ask for slots: from yesterday in the browser (the hospital may be a day
 * behind; the server leaves out what has passed) for `days` days, starting `offset` days later.
 */
export function slotWindow(today: string, offset: number, days: number): { from: string; to: string } {
  const from = addDays(today, offset === 0 ? -1 : offset);
  return { from, to: addDays(today, offset + days - 1) };
}

/** Whether two zones show the same clock now (then naming the hospital's zone adds nothing). */
export function sameClock(a: string, b: string, at: Date = new Date()): boolean {
  if (a === b) return true;
  const f = (timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);
  return f(a) === f(b);
}
