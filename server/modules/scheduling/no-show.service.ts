// Missed appointments. A booked appointment nobody checked in for becomes no_show once its start
// plus a grace period has passed (a scheduled job, audited as the system), and the front desk may
// record it by hand any time after the start. The patient is told either way.
import type { Appointment } from '../../../contracts/scheduling';
import type { Db, Tx } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { notify } from '../notifications';
import { present, viewerOf } from './appointments.service';
import { DEFAULT_SCHEDULING_SETTINGS, schedulingSettingsOf } from './scheduling-settings';
import * as repo from './scheduling.repo';
import * as jobsRepo from './scheduling.jobs.repo';

/**
 * How long after the start a booked patient may still turn up and be checked in before the visit
 * counts as missed, where the hospital has not set its own (scheduling settings).
 */
export const NO_SHOW_GRACE_MINUTES = DEFAULT_SCHEDULING_SETTINGS.noShowGraceMinutes;

export const NO_SHOW_QUEUE = 'scheduling.no_show';
const BATCH = 200;

/** Marks a locked, booked appointment missed and queues the patient's notice. */
async function markMissed(tx: Tx, a: repo.AppointmentRow): Promise<void> {
  await repo.updateAppointment(tx, a.id, { status: 'no_show' });
  const c = await jobsRepo.noticeContact(tx, a.id);
  const to = jobsRepo.patientRecipient(c);
  if (!c || !to) return;
  await notify(tx, {
    template: 'scheduling.appointment_no_show',
    ...to,
    hospitalId: a.hospitalId,
    idempotencyKey: `appointment-no-show:${a.id}`,
    data: { appointmentId: a.id, doctorName: c.doctorName, startsAt: a.startsAt.toISOString() },
  });
}

/**
 * Marks every booked appointment whose start + grace is before `now` (the job's clock; tests pass
 * their own) as no_show. Returns how many this call marked; safe to run twice or concurrently (each
 * appointment is re-read under its lock).
 */
export async function markMissedAppointments(db: Db, now: Date = new Date()): Promise<number> {
  const system = { db, ip: '', requestId: `job:${NO_SHOW_QUEUE}`, userAgent: null };
  let marked = 0;
  for (;;) {
    const ids = await jobsRepo.missedAppointments(db, now, NO_SHOW_GRACE_MINUTES, BATCH);
    if (ids.length === 0) return marked;
    const done = await db.transaction(async (tx) => {
      let n = 0;
      for (const id of ids) {
        const a = await repo.lockAppointment(tx, id);
        if (!a || a.status !== 'booked') continue;
        const grace = (await schedulingSettingsOf(tx, a.hospitalId)).noShowGraceMinutes;
        if (a.startsAt.getTime() + grace * 60_000 >= now.getTime()) continue;
        await markMissed(tx, a);
        await auditAnon(tx, system, {
          action: 'appointment.no_show',
          entityType: 'appointment',
          entityId: a.id,
          patientId: a.patientId,
          hospitalId: a.hospitalId,
          before: { status: a.status },
          after: { status: 'no_show', by: 'system', graceMinutes: grace },
        });
        n++;
      }
      return n;
    });
    marked += done;
    if (done === 0) return marked; // what is left changed under us; the next run looks again
  }
}

/** The front desk records that a booked patient did not come: only once the start has passed. */
export async function markNoShow(ctx: Ctx, id: string): Promise<Appointment> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const a = await repo.lockAppointment(tx, id);
    const [facts] = a ? await repo.findAppointments(tx, [id]) : [];
    const staff =
      a && facts && viewerOf(ctx, a, facts.doctorUserId) === 'staff' && can(ctx.actor, 'appointments:book');
    if (!a || !staff) throw notFound('Appointment');
    if (a.status !== 'booked') {
      throw new AppError('INVALID_TRANSITION', `The appointment is ${a.status.replace('_', ' ')}.`, {
        currentStatus: a.status,
      });
    }
    if (a.startsAt.getTime() > Date.now()) {
      throw new AppError('RULE_VIOLATION', 'The appointment has not started yet; it cannot be missed.');
    }
    await markMissed(tx, a);
    await audit(tx, ctx, {
      action: 'appointment.no_show',
      entityType: 'appointment',
      entityId: a.id,
      patientId: a.patientId,
      hospitalId: a.hospitalId,
      before: { status: a.status },
      after: { status: 'no_show', by: 'staff' },
    });
  });
  const [dto] = await present(ctx.db, [id], hospitalId);
  return dto!;
}
