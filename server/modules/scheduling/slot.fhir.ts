// Doctors' slots as FHIR R4 Slot resources (product §15). Slots are not rows: they are laid out
// from the weekly hours, leave, holidays and bookings by the same reads and the same computation as
// /api/doctors/:id/slots (slots.ts, across DST), so a Slot's id names its schedule and its start
// (`<schedule id>-<yyyymmddThhmm>`, UTC) and is read back by laying out the slots around it.
import { MAX_SLOT_RANGE_DAYS } from '../../../contracts/scheduling';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { dateRange, referenceId, token } from '../../platform/fhir/fhir.params';
import { ref, type FhirResource, type FhirResourceProvider } from '../../platform/fhir/fhir.types';
import { bookingFacts, type BookingFacts } from './booking-facts.repo';
import { addDays, localDateOf, utcDate } from './local-time';
import { scheduleVisible } from './schedule.fhir';
import { doctorBookings } from './scheduling.repo';
import { slotStates, type Interval, type SlotState } from './slots';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MAX_RANGE = MAX_SLOT_RANGE_DAYS * DAY;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SLOT_ID = new RegExp(`^(${UUID})-(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})$`, 'i');

/** A slot's id: its schedule (the doctor profile) and its start to the minute, in UTC. */
export function slotId(scheduleId: string, start: number): string {
  const [date, time] = new Date(start).toISOString().split('T') as [string, string];
  return `${scheduleId}-${date.replaceAll('-', '')}T${time.slice(0, 5).replace(':', '')}`;
}

function parseSlotId(id: string): { scheduleId: string; start: number } | null {
  const m = SLOT_ID.exec(id);
  if (!m) return null;
  const [, scheduleId, y, mo, d, h, mi] = m;
  const start = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  // 2026-02-31 would roll over into March: not an id this server gives.
  if (slotId(scheduleId!, start).toLowerCase() !== id.toLowerCase()) return null;
  return { scheduleId: scheduleId!.toLowerCase(), start };
}

const STATUS: Record<SlotState, string> = { free: 'free', booked: 'busy', unavailable: 'busy-unavailable' };
const STATUS_CODES = ['free', 'busy', 'busy-unavailable', 'busy-tentative', 'entered-in-error'];

type StatedSlot = Interval & { state: SlotState };

/**
 * The doctor (if the caller may see their schedule) and every slot their hours offer starting in
 * [from, to), with its state. A doctor who cannot be booked has no free slot: theirs are unavailable.
 */
async function slotsBetween(
  ctx: Ctx,
  scheduleId: string,
  from: number,
  to: number,
): Promise<{ doctor: BookingFacts; slots: StatedSlot[] } | null> {
  // The facts' exceptions cover the UTC dates two either side, so any zone's local dates.
  const doctor = await bookingFacts(ctx.db, scheduleId, {
    from: addDays(utcDate(from), -2),
    to: addDays(utcDate(to), 2),
  });
  if (!doctor || !scheduleVisible(ctx, doctor)) return null;
  const tz = doctor.hospital.timeZone;
  // A slot lasts at most a few hours: bookings a day either side hold every one that could overlap.
  const booked = await doctorBookings(ctx.db, doctor.id, new Date(from - DAY), new Date(to + DAY));
  const slots = slotStates({
    templates: doctor.templates,
    exceptions: doctor.exceptions,
    booked: booked.map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
    from: addDays(localDateOf(from, tz), -1),
    to: addDays(localDateOf(to, tz), 1),
    timeZone: tz,
    now: Date.now(),
  })
    .filter((s) => s.start >= from && s.start < to)
    .map((s) => (doctor.bookable || s.state !== 'free' ? s : { ...s, state: 'unavailable' as const }));
  return { doctor, slots };
}

function fhirSlot(scheduleId: string, s: StatedSlot): FhirResource {
  return {
    resourceType: 'Slot',
    id: slotId(scheduleId, s.start),
    schedule: ref('Schedule', scheduleId),
    status: STATUS[s.state],
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
  };
}

/**
 * The instants a `start` parameter asks for, at most MAX_SLOT_RANGE_DAYS long: eq its day (or
 * month), ge/gt that many days from then, le/lt from now until then; none: that many days from now.
 */
function window(value: string | undefined, now: number): { from: number; to: number } {
  if (value === undefined) return { from: now, to: now + MAX_RANGE };
  const r = dateRange('start', value);
  const [from, to] = [r.from.getTime(), r.to.getTime()];
  let w: { from: number; to: number };
  switch (r.prefix) {
    case 'eq':
      w = { from, to };
      break;
    case 'ge':
      return { from, to: from + MAX_RANGE };
    case 'gt':
      return { from: to, to: to + MAX_RANGE };
    case 'le':
      w = { from: now, to };
      break;
    case 'lt':
      w = { from: now, to: from };
      break;
    case 'ne':
      throw new AppError('BAD_REQUEST', 'Search parameter "start": ne is not supported for slots.');
  }
  if (w.to - w.from > MAX_RANGE) {
    throw new AppError(
      'BAD_REQUEST',
      `Search parameter "start": at most ${MAX_SLOT_RANGE_DAYS} days of slots at a time.`,
    );
  }
  return w;
}

function statusParam(value: string): Set<string> {
  const codes = value.split(',').map((v) => {
    const t = token('status', v);
    if (
      (t.system !== null && t.system !== 'http://hl7.org/fhir/slotstatus') ||
      !STATUS_CODES.includes(t.code)
    ) {
      throw new AppError('BAD_REQUEST', `Search parameter "status": one of ${STATUS_CODES.join(', ')}.`);
    }
    return t.code;
  });
  return new Set(codes);
}

export const slotFhir: FhirResourceProvider = {
  type: 'Slot',
  idPattern: SLOT_ID,
  documentation:
    "A doctor's slot, from their weekly hours, leave and bookings: free, busy (booked) or " +
    'busy-unavailable (leave, a holiday, already started, or the doctor cannot be booked). ' +
    'Searched per schedule, soonest first.',
  // As /api/doctors/:id/slots; which doctors' slots, as for their Schedule.
  access: 'authenticated',
  async read(ctx, id) {
    const slot = parseSlotId(id);
    const found = slot && (await slotsBetween(ctx, slot.scheduleId, slot.start, slot.start + MINUTE));
    const [s] = found ? found.slots : [];
    if (!slot || !s) throw notFound('Slot');
    return fhirSlot(slot.scheduleId, s);
  },
  search: {
    params: [
      { name: 'schedule', type: 'reference', documentation: 'The schedule: Schedule/<id> (required).' },
      {
        name: 'start',
        type: 'date',
        documentation:
          `When the slot starts, at most ${MAX_SLOT_RANGE_DAYS} days at a time: eq a day, ge/gt the ` +
          `${MAX_SLOT_RANGE_DAYS} days from then, le/lt from now until then; by default the next ${MAX_SLOT_RANGE_DAYS} days.`,
      },
      {
        name: 'status',
        type: 'token',
        documentation: 'free, busy or busy-unavailable (several: a,b).',
        multiple: true,
      },
    ],
    required: ['schedule'],
    async run(ctx, s) {
      const scheduleId = referenceId('schedule', s.params.schedule!, 'Schedule');
      const w = window(s.params.start, Date.now());
      const statuses = s.params.status ? statusParam(s.params.status) : null;
      const found = w.to > w.from ? await slotsBetween(ctx, scheduleId, w.from, w.to) : null;
      // Soonest first, unlike records: a client looking for a slot wants the next ones.
      const matches = (found?.slots ?? []).filter((x) => !statuses || statuses.has(STATUS[x.state]));
      return {
        resources: matches.slice(s.offset, s.offset + s.count).map((x) => fhirSlot(scheduleId, x)),
        total: matches.length,
      };
    },
  },
};
