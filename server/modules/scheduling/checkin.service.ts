// The front desk: checking in a booked patient on the day of the visit, and walk-ins. Both give the
// next token of the doctor's queue on the hospital's local day, taken under the queue day's row
// lock (queue.repo.takeToken): sequential, never repeated, with any number of desks and instances.
// A check-in that fails after taking a token rolls it back with everything else, so no gap either.
import type { Appointment } from '../../../contracts/scheduling';
import type { WalkIn } from '../../../contracts/queue';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import { findHospitalInfo } from '../organisation';
import { registeredPatient } from '../patients';
import { present } from './appointments.service';
import { bookableDoctor } from './availability.service';
import { isoWeekday, localDateOf, offsetAt, utcDate } from './local-time';
import * as queueRepo from './queue.repo';
import * as repo from './scheduling.repo';
import { publishQueueChange } from './visits.service';

/** A walk-in's length when the doctor keeps no hours today to take the slot length from. */
export const DEFAULT_WALK_IN_MINUTES = 15;

async function hospitalZone(tx: Tx, hospitalId: string): Promise<string> {
  const h = await findHospitalInfo(tx, hospitalId);
  if (!h) throw notFound('Hospital');
  return h.timeZone;
}

function alreadyCheckedIn(a: repo.AppointmentRow): AppError {
  return new AppError(
    'ALREADY_CHECKED_IN',
    `Already checked in with token ${a.token}${a.status === 'checked_in' ? '' : ` (${a.status.replace('_', ' ')})`}.`,
    { token: a.token, queueDate: a.queueDate, currentStatus: a.status },
  );
}

/**
 * Checks in a booked appointment of the active hospital on its local day and gives it the next
 * token of its doctor's queue. Checking in again answers 409 ALREADY_CHECKED_IN with the token it
 * has; another day answers 409 NOT_TODAY.
 */
export async function checkIn(ctx: Ctx, id: string): Promise<Appointment> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    // Read first, then the queue day, then lock the appointment: the order every queue change
    // takes (visits.service.lockInQueue), so concurrent changes wait instead of deadlocking.
    const [seen] = await repo.findAppointments(tx, [id]);
    if (!seen || seen.a.hospitalId !== hospitalId) throw notFound('Appointment');
    const refuse = (a: repo.AppointmentRow) => {
      if (a.token !== null) throw alreadyCheckedIn(a);
      if (a.status !== 'booked') {
        throw new AppError('INVALID_TRANSITION', `The appointment is ${a.status.replace('_', ' ')}.`, {
          currentStatus: a.status,
        });
      }
    };
    refuse(seen.a);
    const tz = await hospitalZone(tx, hospitalId);
    const today = localDateOf(Date.now(), tz);
    const day = localDateOf(seen.a.startsAt.getTime(), tz);
    if (day !== today) {
      throw new AppError(
        'NOT_TODAY',
        `This appointment is on ${day}; patients are checked in on the day of their visit (today is ${today}).`,
        { appointmentDate: day, today },
      );
    }
    const token = await queueRepo.takeToken(tx, hospitalId, seen.a.doctorProfileId, today);
    const a = await repo.lockAppointment(tx, id);
    if (!a) throw notFound('Appointment');
    refuse(a); // checked in or cancelled meanwhile: the token taken rolls back with this
    const checkedInAt = new Date();
    await queueRepo.updateVisit(tx, a.id, {
      status: 'checked_in',
      queueDate: today,
      token,
      checkedInAt,
      checkedInBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'appointment.checked_in',
      entityType: 'appointment',
      entityId: a.id,
      patientId: a.patientId,
      hospitalId,
      before: { status: a.status },
      after: { status: 'checked_in', token, queueDate: today, checkedInAt },
    });
    await publishQueueChange(tx, hospitalId, a.doctorProfileId);
  });
  const [dto] = await present(ctx.db, [id], hospitalId);
  return dto!;
}

/** The local wall-clock time HH:MM of an instant in the zone. */
const localTime = (instant: number, tz: string) =>
  new Date(instant + offsetAt(instant, tz)).toISOString().slice(11, 16);

/**
 * A patient registered at the active hospital who came without an appointment: an appointment of
 * an approved doctor of the hospital starting now (as long as the doctor's slots today, else 15
 * minutes), checked in at once with the next token. It holds no slot of the doctor's calendar (the
 * walk-in is seen between booked patients, in token order); the patient still cannot hold two
 * appointments at once (409 PATIENT_BUSY: check in the one they have). The same idempotency key
 * again returns the same appointment.
 */
export async function walkIn(ctx: Ctx, input: WalkIn): Promise<Appointment> {
  const hospitalId = requireHospital(ctx.actor);
  const { idempotencyKey, ...content } = input;
  const hash = sha256(JSON.stringify({ walkIn: true, ...content }));
  const id = await ctx.db.transaction(async (tx) => {
    await repo.lockBookingKey(tx, ctx.actor.userId, idempotencyKey);
    const earlier = await repo.findByKey(tx, ctx.actor.userId, idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== hash) {
        throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for a different booking.');
      }
      return earlier.id;
    }
    const now = Date.now();
    const day = utcDate(now);
    const doctor = await bookableDoctor(tx, input.doctorId, { from: day, to: day, hospitalId });
    if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
    const tz = doctor.hospital.timeZone;
    const today = localDateOf(now, tz);
    const minutes =
      (await queueRepo.slotMinutesAt(tx, doctor.id, today, isoWeekday(today), localTime(now, tz))) ??
      DEFAULT_WALK_IN_MINUTES;
    const startsAt = new Date(now);
    const endsAt = new Date(now + minutes * 60_000);
    if (await repo.patientIsBusy(tx, input.patientId, startsAt, endsAt)) {
      throw new AppError('PATIENT_BUSY', 'The patient already has an appointment at that time.');
    }
    const token = await queueRepo.takeToken(tx, hospitalId, doctor.id, today);
    const row = await repo.insertAppointment(tx, {
      hospitalId,
      doctorProfileId: doctor.id,
      patientId: input.patientId,
      startsAt,
      endsAt,
      status: 'checked_in',
      reason: input.reason ?? '',
      bookedBy: ctx.actor.userId,
      idempotencyKey,
      requestHash: hash,
      walkIn: true,
      queueDate: today,
      token,
      checkedInAt: startsAt,
      checkedInBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'appointment.walk_in',
      entityType: 'appointment',
      entityId: row.id,
      patientId: row.patientId,
      hospitalId,
      after: { doctorId: doctor.id, startsAt, endsAt, token, queueDate: today, reason: row.reason },
    });
    await publishQueueChange(tx, hospitalId, doctor.id);
    return row.id;
  });
  const [dto] = await present(ctx.db, [id], hospitalId);
  return dto!;
}
