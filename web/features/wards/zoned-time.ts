// A `datetime-local` input's value ("2026-05-04T14:30") is a wall-clock time; the hospital's times
// are read and written in its own zone, which may not be the browser's. These turn one into the
// other. A time skipped or repeated by a daylight-saving change resolves to one of its neighbours.

/** The zone's wall clock at an instant as "2026-05-04T14:30" (Swedish dates are written so). */
const wallClock = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' })
    .format(new Date(instant))
    .replace(' ', 'T');

/** The instant as the zone's wall clock, in the `datetime-local` form (to the minute). */
export const toLocalInput = (instant: number, timeZone: string): string => wallClock(instant, timeZone);

/** The instant a `datetime-local` value names in the zone, or null when it is not a date and time. */
export function fromLocalInput(value: string, timeZone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value.trim())) return null;
  const wall = Date.parse(`${value.trim()}:00Z`);
  if (Number.isNaN(wall)) return null;
  const offset = (at: number) => Date.parse(`${wallClock(at, timeZone)}:00Z`) - at;
  // Guess with the offset at the wall time read as UTC, then correct once with the offset there.
  const first = wall - offset(wall);
  return wall - offset(first);
}
