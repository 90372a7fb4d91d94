// Doctors' weekly hours as FHIR R4 Schedule resources (product §15). A doctor profile is one doctor
// at one hospital and holds their weekly hours there, so a Schedule is a profile and its id is the
// profile's (a doctor's user id alone would not say which hospital). The hours come from the same
// read as booking's (booking-facts.repo.ts); no patient data, so nothing is audited.
import { can } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { referenceId, token } from '../../platform/fhir/fhir.params';
import { ref, type FhirResource, type FhirResourceProvider } from '../../platform/fhir/fhir.types';
import { bookingFactsOf, type BookingFacts } from './booking-facts.repo';
import { localDateOf, utcDate } from './local-time';
import { doctorSpecialties, scheduleIds } from './scheduling.fhir.repo';
import type { TemplateRule } from './slots';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Whether the caller sees this doctor's schedule: staff, the doctors of the hospital they act in;
 * a caller acting in none (a patient), the doctors anyone may book, as /api/doctors/:id/slots
 * shows them.
 */
export function scheduleVisible(
  ctx: Ctx,
  d: Pick<BookingFacts, 'hospitalId' | 'bookable' | 'status'>,
): boolean {
  return staffHospital(ctx) ? d.hospitalId === ctx.actor.hospitalId && d.status === 'approved' : d.bookable;
}

/**
 * The hospital whose every doctor the caller sees, as /api/doctors shows them (doctors:read); a
 * caller without it (a patient, a platform admin naming a hospital) sees the bookable ones only.
 */
export function staffHospital(ctx: Ctx): string | null {
  return ctx.actor.hospitalId && can(ctx.actor, 'doctors:read') ? ctx.actor.hospitalId : null;
}

/** A doctor profile with its hours (any exceptions are not needed here). */
export async function scheduleFacts(ctx: Ctx, ids: string[]): Promise<BookingFacts[]> {
  const today = utcDate(Date.now());
  return bookingFactsOf(ctx.db, ids, { from: today, to: today });
}

/** The weekly hours not yet over, in order of weekday and time. */
function currentHours(templates: TemplateRule[], today: string): TemplateRule[] {
  return templates
    .filter((t) => !t.effectiveTo || t.effectiveTo >= today)
    .sort(
      (a, b) =>
        a.weekday - b.weekday ||
        a.startTime.localeCompare(b.startTime) ||
        a.effectiveFrom.localeCompare(b.effectiveFrom),
    );
}

/** The hours in words, for people: FHIR has no element for a weekly pattern. */
function hoursInWords(hours: TemplateRule[], today: string, timeZone: string): string {
  if (hours.length === 0) return 'No weekly hours set.';
  const parts = hours.map(
    (t) =>
      `${WEEKDAYS[t.weekday - 1]} ${t.startTime}–${t.endTime} in ${t.slotMinutes}-minute slots` +
      (t.effectiveFrom > today ? ` from ${t.effectiveFrom}` : '') +
      (t.effectiveTo ? ` until ${t.effectiveTo}` : ''),
  );
  return `Weekly hours, local time (${timeZone}): ${parts.join('; ')}.`;
}

/** From the first day the hours hold to the last, when every one of them ends. */
function planningHorizon(hours: TemplateRule[]) {
  if (hours.length === 0) return {};
  const start = hours.map((t) => t.effectiveFrom).sort()[0]!;
  const ends = hours.map((t) => t.effectiveTo);
  const end = ends.every((e) => e !== null) ? ends.sort().at(-1)! : null;
  return { planningHorizon: end ? { start, end } : { start } };
}

export function fhirSchedule(d: BookingFacts, specialty: string): FhirResource {
  const tz = d.hospital.timeZone;
  const today = localDateOf(Date.now(), tz);
  const hours = currentHours(d.templates, today);
  return {
    resourceType: 'Schedule',
    id: d.id,
    active: d.bookable,
    ...(specialty ? { specialty: [{ text: specialty }] } : {}),
    actor: [ref('Practitioner', d.userId, d.fullName)],
    ...planningHorizon(hours),
    comment: hoursInWords(hours, today, tz),
  };
}

function activeParam(value: string): boolean {
  const t = token('active', value);
  if (t.system !== null || (t.code !== 'true' && t.code !== 'false')) {
    throw new AppError('BAD_REQUEST', 'Search parameter "active": true or false.');
  }
  return t.code === 'true';
}

export const scheduleFhir: FhirResourceProvider = {
  type: 'Schedule',
  documentation:
    "A doctor's weekly hours at a hospital (one per doctor profile; actor: the Practitioner); active " +
    'when they can be booked. Staff see the hospital they act in; others the doctors anyone may book.',
  // As /api/doctors/:id/slots: the hours are what any signed-in person sees in the free slots.
  access: 'authenticated',
  async read(ctx, id) {
    const [d] = await scheduleFacts(ctx, [id]);
    if (!d || !scheduleVisible(ctx, d)) throw notFound('Schedule');
    const specialty = (await doctorSpecialties(ctx.db, [id])).get(id) ?? '';
    return fhirSchedule(d, specialty);
  },
  search: {
    params: [
      { name: 'actor', type: 'reference', documentation: 'The doctor: Practitioner/<user id>.' },
      { name: 'active', type: 'token', documentation: 'true: the doctor can be booked; false: not.' },
    ],
    async run(ctx, s) {
      const { rows, total } = await scheduleIds(
        ctx.db,
        {
          hospitalId: staffHospital(ctx),
          ...(s.params.actor ? { doctorUserId: referenceId('actor', s.params.actor, 'Practitioner') } : {}),
          ...(s.params.active ? { active: activeParam(s.params.active) } : {}),
        },
        { limit: s.count, offset: s.offset },
      );
      const facts = new Map(
        (
          await scheduleFacts(
            ctx,
            rows.map((r) => r.id),
          )
        ).map((d) => [d.id, d]),
      );
      const resources = rows.flatMap((r) => {
        const d = facts.get(r.id);
        return d ? [fhirSchedule(d, r.specialty)] : [];
      });
      return { resources, total };
    },
  },
};
