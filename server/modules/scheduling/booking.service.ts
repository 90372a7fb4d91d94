// Booking, moving and cancelling appointments. The database's exclusion constraints say whether a
// time is free (ADR 10): the loser of a race, or anyone asking for a taken time, gets 409
// SLOT_TAKEN / PATIENT_BUSY. Each change is audited and announced to the patient in its own
// transaction.
import type {
  Appointment,
  BookAppointment,
  CancelAppointment,
  RescheduleAppointment,
} from '../../../contracts/scheduling';
import type { Executor, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import type { Positional } from '../../db/side-writes';
import { can, requireHospital } from '../../platform/auth/actor';
import { audit, auditWrite } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound, sqlState, UNIQUE_VIOLATION } from '../../platform/errors';
import { noticeWrites, notify } from '../notifications';
import { ensureRegistered } from '../patients';
import { present, toAppointment, viewerOf } from './appointments.service';
import { bookableDoctor, committedBookableDoctor, offeredSlot } from './availability.service';
import { utcDate } from './local-time';
import type { BookingFacts } from './booking-facts.repo';
import { schedulingSettingsOf } from './scheduling-settings';
import * as repo from './scheduling.repo';
import { clearReminders, noticeContact, patientRecipient } from './scheduling.jobs.repo';
import { tellDoctor } from './doctor-notices';

/**
 * The slot of a bookable doctor starting at `startsAt`, or the reason there is none (the past, an
 * unbookable doctor, outside their hours). Whether it is free is the database's to say: the
 * exclusion constraints refuse an overlapping insert or move with SLOT_TAKEN or PATIENT_BUSY
 * (ADR 10), so no separate look first: booking is the front desk's busiest write. `doctorOn`
 * reads the doctor's facts for a UTC date.
 */
async function slotAt(doctorOn: (day: string) => Promise<BookingFacts>, startsAt: string) {
  const start = Date.parse(startsAt);
  if (start <= Date.now()) throw new AppError('IN_THE_PAST', 'That time has already passed.');
  const day = utcDate(start);
  const doctor = await doctorOn(day);
  const slot = offeredSlot(doctor, start);
  return { doctor, startsAt: new Date(slot.start), endsAt: new Date(slot.end) };
}

/** Whom the patient's notices about an appointment go to (their account, else their record's contact), and the names. */
async function noticeFacts(tx: Tx, appointmentId: string) {
  const contact = await noticeContact(tx, appointmentId);
  return {
    to: patientRecipient(contact),
    doctorName: contact?.doctorName ?? 'your doctor',
    patientName: contact?.patientName ?? '',
  };
}

/**
 * Unique and exclusion violations: what a second copy of a booking request runs into while the
 * first one commits (its key, its slot, the patient's time, the patient's registration).
 */
const TWIN_CONFLICTS = new Set([UNIQUE_VIOLATION, '23P01']);

/**
 * Books a free slot: for the signed-in patient (registering them at the hospital if this is their
 * first visit there), or by front-desk staff for a patient registered at the active hospital. The
 * same idempotency key again returns the same appointment.
 *
 * Booking is the front desk's busiest write, so it is two round trips (ADR 18): one statement reads
 * the doctor, their hours and the patient; one writes the appointment with its audit row, its
 * notice and the notice's jobs riding along. Both are shared with the bookings that arrive at the
 * same moment (ADR 23, ADR 24), each still refused on its own. Only a patient's first booking at a
 * hospital, which registers them there, runs as a transaction of several statements.
 */
export async function book(ctx: Ctx, input: BookAppointment): Promise<Appointment> {
  const { idempotencyKey, ...content } = input;
  const forOther = input.patientId !== undefined && input.patientId !== ctx.actor.patientId;
  if (forOther && !can(ctx.actor, 'appointments:book')) throw notFound('Patient');
  const patientId = input.patientId ?? ctx.actor.patientId;
  if (!patientId) {
    throw new AppError('VALIDATION_FAILED', 'Say which patient the appointment is for.', {
      errors: [{ path: 'body.patientId', message: 'Required when booking for a patient' }],
    });
  }
  // Booking for oneself registers one at the doctor's hospital; staff book only for patients
  // already registered at theirs.
  const asStaff = forOther;
  const hash = sha256(JSON.stringify({ ...content, startsAt: new Date(input.startsAt).toISOString() }));
  const hospitalId = asStaff ? requireHospital(ctx.actor) : null;
  try {
    // No look-up of the key first: a key used before makes the insert fail on the key's unique
    // index (or the slot's exclusion), and the earlier booking is answered below.
    // Read from committed data, shared with the bookings that arrive at the same time (ADR 23).
    const slot = await slotAt(
      (day) =>
        committedBookableDoctor(
          ctx.db,
          input.doctorId,
          { from: day, to: day, hospitalId: hospitalId ?? undefined },
          patientId,
        ),
      input.startsAt,
    );
    const patient = slot.doctor.patient;
    if (!patient || (asStaff && !patient.mrn)) throw notFound('Patient');
    const id = newId();
    // `exec` plans the notice; `insert` writes. On the pool, the write goes out with the other
    // bookings of the same moment (ADR 24).
    const write = async (
      exec: Executor,
      insert: (values: repo.AppointmentInsert, writes: Positional[]) => Promise<repo.AppointmentRow>,
    ) => {
      const to = patientRecipient({
        patientUserId: patient.userId,
        patientEmail: patient.email,
        patientPhone: patient.phone,
        patientName: patient.name,
        doctorUserId: slot.doctor.userId,
        doctorName: slot.doctor.fullName,
      });
      const notice = to
        ? await noticeWrites(exec, {
            template: 'scheduling.appointment_booked',
            ...to,
            hospitalId: slot.doctor.hospitalId,
            hospital: slot.doctor.hospital,
            idempotencyKey: `appointment-booked:${id}`,
            data: {
              appointmentId: id,
              doctorName: slot.doctor.fullName,
              startsAt: slot.startsAt.toISOString(),
            },
          })
        : [];
      const booked = auditWrite(ctx, {
        action: 'appointment.booked',
        entityType: 'appointment',
        entityId: id,
        patientId,
        hospitalId: slot.doctor.hospitalId,
        after: {
          doctorId: slot.doctor.id,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          reason: input.reason ?? '',
        },
      });
      return insert(
        {
          id,
          hospitalId: slot.doctor.hospitalId,
          doctorProfileId: slot.doctor.id,
          patientId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status: 'booked',
          reason: input.reason ?? '',
          bookedBy: ctx.actor.userId,
          idempotencyKey,
          requestHash: hash,
        },
        [booked, ...notice],
      );
    };
    const row = patient.mrn
      ? await write(ctx.db, (values, writes) => repo.insertAppointmentTogether(ctx.db, values, writes))
      : await ctx.db.transaction(async (tx) => {
          await ensureRegistered(tx, ctx, patientId, slot.doctor.hospitalId);
          return write(tx, (values, writes) => repo.insertAppointment(tx, values, writes));
        });
    return toAppointment(row, {
      hospital: slot.doctor.hospital,
      doctorName: slot.doctor.fullName,
      patientName: patient.name,
      mrn: asStaff ? patient.mrn : null,
    });
  } catch (e) {
    // The same request again: at once, it waited on the first's slot (or key) and was refused;
    // later, its key (or its own slot) refused it, or the slot can no longer be booked (passed,
    // doctor away). Either way, once the first has committed it answers with that appointment.
    if (TWIN_CONFLICTS.has(sqlState(e) ?? '') || e instanceof AppError) {
      const earlier = await repo.findByKey(ctx.db, ctx.actor.userId, idempotencyKey);
      if (earlier && earlier.requestHash !== hash) {
        throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for a different booking.');
      }
      if (earlier) return (await present(ctx.db, [earlier.id], hospitalId))[0]!;
    }
    throw e;
  }
}

/** Locks an appointment the caller may change, and says in which capacity (staff or its patient). */
async function lockForChange(tx: Tx, ctx: Ctx, id: string) {
  const a = await repo.lockAppointment(tx, id);
  const [facts] = a ? await repo.findAppointments(tx, [id]) : [];
  const viewer = a && facts ? viewerOf(ctx, a, facts.doctorUserId) : null;
  const as =
    viewer === 'staff' && can(ctx.actor, 'appointments:book')
      ? ('staff' as const)
      : can(ctx.actor, 'appointments:book-own') && a?.patientId === ctx.actor.patientId
        ? ('patient' as const)
        : null;
  if (!a || !facts || !as) throw notFound('Appointment');
  if (a.status !== 'booked') {
    throw new AppError('INVALID_TRANSITION', `The appointment is ${a.status.replace('_', ' ')}.`, {
      currentStatus: a.status,
    });
  }
  if (as === 'patient') {
    // The hospital's cut-off (scheduling settings); after it only its staff change the visit.
    const { patientChangeCutoffHours: cutoff } = await schedulingSettingsOf(tx, a.hospitalId);
    if (a.startsAt.getTime() - Date.now() < cutoff * 3600_000) {
      throw new AppError(
        'CANCELLATION_CUTOFF',
        `Appointments can be changed online up to ${cutoff} hour${cutoff === 1 ? '' : 's'} before; please call the hospital.`,
      );
    }
  }
  return { a, as, doctorUserId: facts.doctorUserId };
}

/** Moves a booked appointment to another free slot of the same doctor: all of it, or nothing. */
export async function reschedule(ctx: Ctx, id: string, input: RescheduleAppointment): Promise<Appointment> {
  const as = await ctx.db.transaction(async (tx) => {
    const { a, as, doctorUserId } = await lockForChange(tx, ctx, id);
    await repo.lockCalendars(tx, a.doctorProfileId, a.patientId);
    const slot = await slotAt(
      (day) => bookableDoctor(tx, a.doctorProfileId, { from: day, to: day }),
      input.startsAt,
    );
    // One UPDATE frees the old time and takes the new: the constraint sees only the new one.
    await repo.updateAppointment(tx, a.id, { startsAt: slot.startsAt, endsAt: slot.endsAt });
    // Reminders sent for the old time say the old time: the new one gets its own.
    await clearReminders(tx, a.id);
    await audit(tx, ctx, {
      action: 'appointment.rescheduled',
      entityType: 'appointment',
      entityId: a.id,
      patientId: a.patientId,
      hospitalId: a.hospitalId,
      before: { startsAt: a.startsAt, endsAt: a.endsAt },
      after: { startsAt: slot.startsAt, endsAt: slot.endsAt },
    });
    const n = await noticeFacts(tx, a.id);
    if (n.to) {
      await notify(tx, {
        template: 'scheduling.appointment_rescheduled',
        ...n.to,
        hospitalId: a.hospitalId,
        idempotencyKey: `appointment-moved:${a.id}:${slot.startsAt.toISOString()}`,
        data: {
          appointmentId: a.id,
          doctorName: n.doctorName,
          startsAt: slot.startsAt.toISOString(),
          previousStartsAt: a.startsAt.toISOString(),
        },
      });
    }
    await tellDoctor(tx, {
      appointmentId: a.id,
      hospitalId: a.hospitalId,
      patientId: a.patientId,
      doctorUserId,
      change: 'rescheduled',
      startsAt: slot.startsAt,
      previousStartsAt: a.startsAt,
    });
    return as;
  });
  const [dto] = await present(ctx.db, [id], as === 'staff' ? requireHospital(ctx.actor) : null);
  return dto!;
}

/** Cancels a booked appointment: its patient up to the cut-off, staff at any time with a reason. */
export async function cancel(ctx: Ctx, id: string, input: CancelAppointment): Promise<Appointment> {
  const as = await ctx.db.transaction(async (tx) => {
    const { a, as, doctorUserId } = await lockForChange(tx, ctx, id);
    const reason = input.reason?.trim() || null;
    if (as === 'staff' && !reason) {
      throw new AppError('VALIDATION_FAILED', 'Give the patient a reason for cancelling.', {
        errors: [{ path: 'body.reason', message: 'Required when staff cancel' }],
      });
    }
    await repo.updateAppointment(tx, a.id, {
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: ctx.actor.userId,
      cancellationReason: reason,
    });
    await audit(tx, ctx, {
      action: 'appointment.cancelled',
      entityType: 'appointment',
      entityId: a.id,
      patientId: a.patientId,
      hospitalId: a.hospitalId,
      before: { status: a.status },
      after: { status: 'cancelled', reason, by: as },
    });
    const n = await noticeFacts(tx, a.id);
    if (n.to) {
      await notify(tx, {
        template: 'scheduling.appointment_cancelled',
        ...n.to,
        hospitalId: a.hospitalId,
        idempotencyKey: `appointment-cancelled:${a.id}`,
        data: { appointmentId: a.id, doctorName: n.doctorName, startsAt: a.startsAt.toISOString(), reason },
      });
    }
    await tellDoctor(tx, {
      appointmentId: a.id,
      hospitalId: a.hospitalId,
      patientId: a.patientId,
      doctorUserId,
      change: 'cancelled',
      startsAt: a.startsAt,
      reason,
    });
    return as;
  });
  const [dto] = await present(ctx.db, [id], as === 'staff' ? requireHospital(ctx.actor) : null);
  return dto!;
}
