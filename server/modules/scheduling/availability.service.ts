// Doctors' weekly hours and exceptions, and the free slots they leave. A doctor edits their own;
// a hospital admin edits any doctor's at their hospital and sets the hospital's holidays.
import type {
  Availability,
  AvailabilityException,
  AvailabilityTemplate,
  CreateAvailabilityException,
  CreateAvailabilityTemplate,
  NextFreeList,
  NextFreeQuery,
  SlotList,
  SlotQuery,
} from '../../../contracts/scheduling';
import { NEXT_FREE_DAYS } from '../../../contracts/scheduling';
import type { Db, Executor } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findHospitalInfo, type HospitalInfo } from '../organisation';
import { addDays, localDateOf, localToInstant, utcDate } from './local-time';
import { bookingFacts, bookingFactsOf, committedBookingFacts, type BookingFacts } from './booking-facts.repo';
import * as repo from './scheduling.repo';
import { toException, toTemplate } from './scheduling.dto';
import { freeSlots, offeredSlotAt, type Interval } from './slots';

const iso = (ms: number) => new Date(ms).toISOString();

/** The doctor profile the caller may edit at the active hospital (their own, or any for admins). */
async function editableDoctor(ctx: Ctx, doctorId: string | undefined): Promise<repo.DoctorFacts> {
  const hospitalId = requireHospital(ctx.actor);
  const d = doctorId
    ? await repo.doctorFacts(ctx.db, doctorId)
    : await repo.ownDoctorFacts(ctx.db, ctx.actor.userId, hospitalId);
  const mayEdit = d && (can(ctx.actor, 'availability:manage') || d.userId === ctx.actor.userId);
  if (!d || d.hospitalId !== hospitalId || !mayEdit) throw notFound('Doctor');
  return d;
}

async function hospitalOf(exec: Executor, hospitalId: string): Promise<HospitalInfo> {
  const h = await findHospitalInfo(exec, hospitalId);
  if (!h) throw notFound('Hospital');
  return h;
}

/** A doctor's weekly hours, leave and the hospital's holidays. */
export async function getAvailability(ctx: Ctx, doctorId: string | undefined): Promise<Availability> {
  const d = await editableDoctor(ctx, doctorId);
  const hospital = await hospitalOf(ctx.db, d.hospitalId);
  const [templates, exceptions] = await Promise.all([
    repo.templatesOf(ctx.db, d.id),
    repo.exceptionsOf(ctx.db, d.hospitalId, d.id),
  ]);
  return {
    doctorId: d.id,
    hospitalId: d.hospitalId,
    timeZone: hospital.timeZone,
    templates: templates.map(toTemplate),
    exceptions: exceptions.map(toException),
  };
}

/** Adds a weekly window; one that overlaps another of the doctor's on the same weekday is refused. */
export async function addTemplate(
  ctx: Ctx,
  input: CreateAvailabilityTemplate,
): Promise<AvailabilityTemplate> {
  const d = await editableDoctor(ctx, input.doctorId);
  return ctx.db.transaction(async (tx) => {
    await repo.lockDoctorHours(tx, d.id);
    const row = await repo.insertTemplate(tx, {
      hospitalId: d.hospitalId,
      doctorProfileId: d.id,
      weekday: input.weekday,
      startTime: input.startTime,
      endTime: input.endTime,
      slotMinutes: input.slotMinutes,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      createdBy: ctx.actor.userId,
    });
    const dto = toTemplate(row);
    await audit(tx, ctx, {
      action: 'availability.template_added',
      entityType: 'availability_template',
      entityId: row.id,
      after: dto,
    });
    return dto;
  });
}

/** Removes a weekly window (appointments already booked in it stay). */
export async function removeTemplate(ctx: Ctx, id: string): Promise<void> {
  const hospitalId = requireHospital(ctx.actor);
  const found = await repo.findTemplate(ctx.db, id, hospitalId);
  if (!found) throw notFound('Availability');
  await editableDoctor(ctx, found.doctorProfileId);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteTemplate(tx, id, hospitalId);
    if (!row) throw notFound('Availability');
    await audit(tx, ctx, {
      action: 'availability.template_removed',
      entityType: 'availability_template',
      entityId: id,
      before: toTemplate(row),
    });
  });
}

/** Records leave for a doctor, or (doctorId null, admins only) a holiday for the whole hospital. */
export async function addException(
  ctx: Ctx,
  input: CreateAvailabilityException,
): Promise<AvailabilityException> {
  const hospitalId = requireHospital(ctx.actor);
  let doctorId: string | null = null;
  if (input.doctorId === null) {
    if (!can(ctx.actor, 'availability:manage')) {
      throw new AppError('FORBIDDEN', 'Only a hospital admin can set a holiday for the whole hospital.');
    }
  } else {
    doctorId = (await editableDoctor(ctx, input.doctorId)).id;
  }
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertException(tx, {
      hospitalId,
      doctorProfileId: doctorId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      reason: input.reason,
      createdBy: ctx.actor.userId,
    });
    const dto = toException(row);
    await audit(tx, ctx, {
      action: 'availability.exception_added',
      entityType: 'availability_exception',
      entityId: row.id,
      after: dto,
    });
    return dto;
  });
}

/** Withdraws leave or a holiday; its slots become free again. */
export async function removeException(ctx: Ctx, id: string): Promise<void> {
  const hospitalId = requireHospital(ctx.actor);
  const found = await repo.findException(ctx.db, id, hospitalId);
  if (!found) throw notFound('Exception');
  if (found.doctorProfileId) await editableDoctor(ctx, found.doctorProfileId);
  else if (!can(ctx.actor, 'availability:manage')) throw notFound('Exception');
  await ctx.db.transaction(async (tx) => {
    await repo.deleteException(tx, id);
    await audit(tx, ctx, {
      action: 'availability.exception_removed',
      entityType: 'availability_exception',
      entityId: id,
      before: toException(found),
    });
  });
}

/**
 * A doctor who can be booked, read in one statement with their weekly hours and the exceptions
 * touching the UTC dates `from`..`to` (two days either side are added: any time zone's local dates
 * fall inside). 404 for no such doctor, or one of another hospital than `hospitalId` when given.
 * With `patientId`, the patient's contact at the doctor's hospital comes along (booking).
 */
export async function bookableDoctor(
  exec: Executor,
  doctorId: string,
  dates: { from: string; to: string; hospitalId?: string },
  patientId?: string,
): Promise<BookingFacts> {
  return checkedBookable(await bookingFacts(exec, doctorId, factsWindow(dates), patientId), dates.hospitalId);
}

/**
 * `bookableDoctor` for a booking outside a transaction, from committed data: the bookings that
 * arrive together read their facts in one statement (`committedBookingFacts`).
 */
export async function committedBookableDoctor(
  db: Db,
  doctorId: string,
  dates: { from: string; to: string; hospitalId?: string },
  patientId: string,
): Promise<BookingFacts> {
  const doctor = await committedBookingFacts(db, doctorId, factsWindow(dates), patientId);
  return checkedBookable(doctor, dates.hospitalId);
}

/** The UTC dates whose facts cover the local dates `from`..`to` in any zone. */
const factsWindow = (dates: { from: string; to: string }) => ({
  from: addDays(dates.from, -2),
  to: addDays(dates.to, 2),
});

/** The doctor, if there is one (at `hospitalId` when given) and they can be booked; else why not. */
function checkedBookable(doctor: BookingFacts | undefined, hospitalId?: string): BookingFacts {
  if (!doctor || (hospitalId !== undefined && doctor.hospitalId !== hospitalId)) {
    throw notFound('Doctor');
  }
  if (!doctor.bookable) {
    throw new AppError(
      'DOCTOR_NOT_APPROVED',
      'This doctor cannot be booked: not approved, or not in service.',
    );
  }
  return doctor;
}

/** The doctor's free slots on the local dates `from`..`to` (at most 31 days), from now on. */
export async function listSlots(ctx: Ctx, doctorId: string, q: SlotQuery): Promise<SlotList> {
  const doctor = await bookableDoctor(ctx.db, doctorId, q);
  const tz = doctor.hospital.timeZone;
  const start = localToInstant(q.from, '00:00', tz);
  const end = localToInstant(addDays(q.to, 1), '00:00', tz);
  const booked = await repo.doctorBookings(ctx.db, doctor.id, new Date(start), new Date(end));
  const slots = freeSlots({
    templates: doctor.templates,
    exceptions: doctor.exceptions,
    booked: booked.map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
    from: q.from,
    to: q.to,
    timeZone: tz,
    now: Date.now(),
  });
  return {
    doctorId: doctor.id,
    hospitalId: doctor.hospitalId,
    timeZone: tz,
    slots: slots.map((s) => ({ startsAt: iso(s.start), endsAt: iso(s.end) })),
  };
}

/**
 * Each bookable doctor's first free slot from now, looking NEXT_FREE_DAYS ahead: what a patient
 * choosing between doctors wants to compare. Two statements for any number of doctors; doctors who
 * cannot be booked are left out; the others come in the order asked.
 */
export async function nextFreeSlots(ctx: Ctx, q: NextFreeQuery): Promise<NextFreeList> {
  const now = Date.now();
  const today = utcDate(now);
  const ids = [...new Set(q.ids)];
  const doctors = (
    await bookingFactsOf(ctx.db, ids, {
      from: addDays(today, -2),
      to: addDays(today, NEXT_FREE_DAYS + 2),
    })
  )
    .filter((d) => d.bookable)
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  if (doctors.length === 0) return { items: [] };
  const end = new Date(now + (NEXT_FREE_DAYS + 1) * 86_400_000);
  const booked = await repo.bookingsOfDoctors(
    ctx.db,
    doctors.map((d) => d.id),
    new Date(now),
    end,
  );
  const byDoctor = new Map<string, Interval[]>();
  for (const b of booked) {
    const list = byDoctor.get(b.doctorId) ?? [];
    list.push({ start: b.startsAt.getTime(), end: b.endsAt.getTime() });
    byDoctor.set(b.doctorId, list);
  }
  return {
    items: doctors.map((d) => {
      const from = localDateOf(now, d.hospital.timeZone);
      const [first] = freeSlots({
        templates: d.templates,
        exceptions: d.exceptions,
        booked: byDoctor.get(d.id) ?? [],
        from,
        to: addDays(from, NEXT_FREE_DAYS - 1),
        timeZone: d.hospital.timeZone,
        now,
      });
      return { doctorId: d.id, timeZone: d.hospital.timeZone, startsAt: first ? iso(first.start) : null };
    }),
  };
}

/** The doctor's slot that starts at `startsAt`; OUTSIDE_AVAILABILITY when there is none. */
export function offeredSlot(doctor: BookingFacts, startsAt: number): Interval {
  const slot = offeredSlotAt(doctor.templates, doctor.exceptions, startsAt, doctor.hospital.timeZone);
  if (!slot) {
    throw new AppError(
      'OUTSIDE_AVAILABILITY',
      'The doctor does not see patients at that time, or it is not the start of a slot. Choose one of the free slots.',
    );
  }
  return slot;
}
