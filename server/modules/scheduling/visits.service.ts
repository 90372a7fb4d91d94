// The doctor's side of the queue: calling a checked-in patient in (the visit begins) and ending the
// visit. The clinical module calls beginVisit/completeVisit inside its own transactions (opening and
// closing a consultation), the queue's call-next calls beginVisit; each change is audited and
// announced to the queue screens of every app instance when it commits.
//
// One patient at a time per doctor: while the queue's current appointment is in consultation,
// another cannot begin (409 PATIENT_IN_CONSULTATION, with its token) until that one is completed or
// sent back to the waiting list (returnToQueue). Beginning the visit already in consultation again
// is harmless (a retry, or opening the consultation after calling the patient in).
import type { Tx } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { publish } from '../../platform/live/live';
import * as queueRepo from './queue.repo';
import * as repo from './scheduling.repo';

/** The live topic of a hospital's queue: every change to it is published here. */
export const queueTopic = (hospitalId: string) => `queue:${hospitalId}`;

/** Announces (on commit) that a hospital's queue changed, for the doctor named. */
export async function publishQueueChange(tx: Tx, hospitalId: string, doctorId: string): Promise<void> {
  await publish(tx, queueTopic(hospitalId), doctorId);
}

/**
 * Locks an appointment at the hospital (and of the doctor, if given) with its queue day, in the one
 * order every queue change takes (the queue day, then its appointments), so two changes to one
 * doctor's queue wait for each other instead of deadlocking. 404 for anything else.
 */
export async function lockInQueue(tx: Tx, appointmentId: string, hospitalId: string, doctorId?: string) {
  const seen = (await repo.findAppointments(tx, [appointmentId]))[0]?.a;
  const mine = (x: repo.AppointmentRow | undefined) =>
    x && x.hospitalId === hospitalId && (doctorId === undefined || x.doctorProfileId === doctorId);
  if (!mine(seen)) throw notFound('Appointment');
  const day = seen!.queueDate
    ? await queueRepo.lockQueueDay(tx, seen!.hospitalId, seen!.doctorProfileId, seen!.queueDate)
    : null;
  const a = await repo.lockAppointment(tx, appointmentId);
  if (!a || !mine(a)) throw notFound('Appointment');
  // Checked in meanwhile (its queue day was not locked): the check-in holds it now; take it again.
  if (a.queueDate !== seen!.queueDate) return lockInQueue(tx, appointmentId, hospitalId, doctorId);
  return { ...a, day };
}

const statusWords = (s: string) => s.replace('_', ' ');

function notCheckedIn(status: string): AppError {
  return new AppError(
    'APPOINTMENT_NOT_CHECKED_IN',
    `The appointment is ${statusWords(status)}; the patient must be checked in first.`,
    { currentStatus: status },
  );
}

/** The doctor starts seeing the patient of an appointment at their hospital. */
export async function beginVisit(
  tx: Tx,
  ctx: Ctx,
  p: { appointmentId: string; hospitalId: string; doctorProfileId: string },
): Promise<{ appointmentId: string; patientId: string }> {
  const a = await lockInQueue(tx, p.appointmentId, p.hospitalId, p.doctorProfileId);
  if ((a.status !== 'checked_in' && a.status !== 'in_consultation') || !a.queueDate || !a.day) {
    throw notCheckedIn(a.status);
  }
  const day = a.day;
  if (day.currentAppointmentId && day.currentAppointmentId !== a.id) {
    const current = await repo.lockAppointment(tx, day.currentAppointmentId);
    if (current?.status === 'in_consultation') {
      throw new AppError(
        'PATIENT_IN_CONSULTATION',
        `Token ${current.token} is still in consultation: finish or send it back first.`,
        { currentToken: current.token, currentAppointmentId: current.id },
      );
    }
  }
  if (a.status === 'in_consultation' && day.currentAppointmentId === a.id) {
    return { appointmentId: a.id, patientId: a.patientId };
  }
  const calledAt = a.calledAt ?? new Date();
  await queueRepo.updateVisit(tx, a.id, { status: 'in_consultation', calledAt });
  await queueRepo.setCurrent(tx, a.hospitalId, a.doctorProfileId, a.queueDate, a.id);
  await audit(tx, ctx, {
    action: 'appointment.called_in',
    entityType: 'appointment',
    entityId: a.id,
    patientId: a.patientId,
    hospitalId: a.hospitalId,
    before: { status: a.status },
    after: { status: 'in_consultation', token: a.token, calledAt },
  });
  await publishQueueChange(tx, a.hospitalId, a.doctorProfileId);
  return { appointmentId: a.id, patientId: a.patientId };
}

/**
 * The visit of an appointment at the hospital ends: checked in or in consultation becomes
 * completed, and it leaves the doctor's queue. Completing a completed appointment changes nothing.
 */
export async function completeVisit(
  tx: Tx,
  ctx: Ctx,
  p: { appointmentId: string; hospitalId: string },
): Promise<void> {
  const a = await lockInQueue(tx, p.appointmentId, p.hospitalId);
  if (a.status === 'completed') return;
  if (a.status !== 'checked_in' && a.status !== 'in_consultation') throw notCheckedIn(a.status);
  await queueRepo.updateVisit(tx, a.id, { status: 'completed' });
  await queueRepo.clearCurrent(tx, a.id);
  await audit(tx, ctx, {
    action: 'appointment.completed',
    entityType: 'appointment',
    entityId: a.id,
    patientId: a.patientId,
    hospitalId: a.hospitalId,
    before: { status: a.status },
    after: { status: 'completed', token: a.token },
  });
  await publishQueueChange(tx, a.hospitalId, a.doctorProfileId);
}

/**
 * Sends a patient in consultation back to the waiting list (keeping their token and place: the
 * lowest waiting token is called next), for instance when they step out for a test.
 */
export async function returnToQueue(
  tx: Tx,
  ctx: Ctx,
  p: { appointmentId: string; hospitalId: string; doctorProfileId: string },
): Promise<void> {
  const a = await lockInQueue(tx, p.appointmentId, p.hospitalId, p.doctorProfileId);
  if (a.status !== 'in_consultation') {
    throw new AppError('INVALID_TRANSITION', `The appointment is ${statusWords(a.status)}.`, {
      currentStatus: a.status,
    });
  }
  await queueRepo.updateVisit(tx, a.id, { status: 'checked_in' });
  await queueRepo.clearCurrent(tx, a.id);
  await audit(tx, ctx, {
    action: 'appointment.returned_to_queue',
    entityType: 'appointment',
    entityId: a.id,
    patientId: a.patientId,
    hospitalId: a.hospitalId,
    before: { status: a.status },
    after: { status: 'checked_in', token: a.token },
  });
  await publishQueueChange(tx, a.hospitalId, a.doctorProfileId);
}
