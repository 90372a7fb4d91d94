// The doctor's queue and the public board. The doctor sees their day (in consultation, then waiting
// by token, then booked by time) and calls the next waiting patient: the lowest token checked in.
// One patient at a time: calling the next while the current one is still in consultation answers
// 409 PATIENT_IN_CONSULTATION until that visit is completed (closing the consultation) or the patient
// is sent back to the waiting list (return-to-queue).
//
// The board of a hospital is public (a screen in the waiting room): per doctor with a queue today,
// the token called in and the next few waiting, with the patients' initials and nothing else.
import { BOARD_NEXT_COUNT, type MyQueue, type QueueBoard } from '../../../contracts/queue';
import type { Appointment, AppointmentStatus } from '../../../contracts/scheduling';
import type { Db } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findHospitalInfo } from '../organisation';
import { present } from './appointments.service';
import { addDays, localDateOf, localToInstant } from './local-time';
import * as queueRepo from './queue.repo';
import * as repo from './scheduling.repo';
import { beginVisit, returnToQueue } from './visits.service';

async function ownDoctor(ctx: Ctx) {
  const hospitalId = requireHospital(ctx.actor);
  const own = await repo.ownDoctorFacts(ctx.db, ctx.actor.userId, hospitalId);
  if (!own) throw notFound('Doctor profile');
  const hospital = await findHospitalInfo(ctx.db, hospitalId);
  if (!hospital) throw notFound('Hospital');
  return { hospitalId, doctorId: own.id, timeZone: hospital.timeZone };
}

const ORDER: Record<AppointmentStatus, number> = {
  in_consultation: 0,
  checked_in: 1,
  booked: 2,
  completed: 3,
  no_show: 4,
  cancelled: 5,
};

/** Waiting ones by token, booked ones by time, the rest by token then time. */
function byQueueOrder(x: Appointment, y: Appointment): number {
  return (
    ORDER[x.status] - ORDER[y.status] ||
    (x.status === 'booked' ? 0 : (x.token ?? Infinity) - (y.token ?? Infinity)) ||
    x.startsAt.localeCompare(y.startsAt)
  );
}

/** The signed-in doctor's appointments on a local day (today by default) at the active hospital. */
export async function myQueue(ctx: Ctx, q: { date?: string }): Promise<MyQueue> {
  const { hospitalId, doctorId, timeZone } = await ownDoctor(ctx);
  const date = q.date ?? localDateOf(Date.now(), timeZone);
  const start = new Date(localToInstant(date, '00:00', timeZone));
  const end = new Date(localToInstant(addDays(date, 1), '00:00', timeZone));
  const { ids } = await repo.listAppointmentIds(ctx.db, { hospitalId, start, end, doctorId }, 500, 0);
  const items = (await present(ctx.db, ids, hospitalId)).sort(byQueueOrder);
  await auditRead(ctx, {
    action: 'queue.doctor_day_listed',
    entityType: 'appointment',
    after: { date, ids },
  });
  return {
    date,
    doctorId,
    timeZone,
    items,
    waiting: items.filter((a) => a.status === 'checked_in').length,
  };
}

/** Calls the waiting patient with the lowest token in: their visit begins. */
export async function callNext(ctx: Ctx): Promise<Appointment> {
  const { hospitalId, doctorId, timeZone } = await ownDoctor(ctx);
  const today = localDateOf(Date.now(), timeZone);
  const id = await ctx.db.transaction(async (tx) => {
    // The queue day's lock first (as every queue change takes it), then the first waiting.
    const day = await queueRepo.lockQueueDay(tx, hospitalId, doctorId, today);
    const next = await queueRepo.lockNextWaiting(tx, hospitalId, doctorId, today);
    if (!next) {
      // Nothing to call: say so (and that someone is still in, if so) without changing anything.
      if (day.currentAppointmentId) {
        const current = await repo.lockAppointment(tx, day.currentAppointmentId);
        if (current?.status === 'in_consultation') {
          throw new AppError(
            'PATIENT_IN_CONSULTATION',
            `Token ${current.token} is still in consultation: finish or send it back first.`,
            { currentToken: current.token, currentAppointmentId: current.id },
          );
        }
      }
      throw new AppError('QUEUE_EMPTY', 'Nobody is waiting in your queue.');
    }
    await beginVisit(tx, ctx, { appointmentId: next.id, hospitalId, doctorProfileId: doctorId });
    return next.id;
  });
  const [dto] = await present(ctx.db, [id], hospitalId);
  return dto!;
}

/** The doctor sends their patient in consultation back to the waiting list (keeping the token). */
export async function sendBack(ctx: Ctx, appointmentId: string): Promise<Appointment> {
  const { hospitalId, doctorId } = await ownDoctor(ctx);
  await ctx.db.transaction((tx) =>
    returnToQueue(tx, ctx, { appointmentId, hospitalId, doctorProfileId: doctorId }),
  );
  const [dto] = await present(ctx.db, [appointmentId], hospitalId);
  return dto!;
}

/** "Ravi Varma" → "R. V."; one letter per name part (at most three), nothing else of the name. */
export function initialsOf(givenName: string, familyName: string): string {
  const letters = `${givenName} ${familyName}`
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((part) => {
      const first = [...part].find((ch) => /\p{L}/u.test(ch));
      return first ? `${first.toLocaleUpperCase()}.` : '';
    })
    .filter(Boolean);
  return letters.join(' ') || '?';
}

/** The hospital (by code) whose public board this is; 404 for an unknown or inactive one. */
export async function boardHospital(db: Db, slug: string) {
  const hospital = await queueRepo.activeHospitalByCode(db, slug);
  if (!hospital) throw notFound('Hospital');
  return hospital;
}

/** A hospital's queue today: per doctor with a queue, who is in and the next few waiting. */
export async function loadBoard(db: Db, hospital: queueRepo.HospitalFacts): Promise<QueueBoard> {
  const date = localDateOf(Date.now(), hospital.timeZone);
  const [doctors, rows] = await Promise.all([
    queueRepo.queueDoctors(db, hospital.id, date),
    queueRepo.boardRows(db, hospital.id, date),
  ]);
  return {
    hospitalName: hospital.name,
    code: hospital.code,
    timeZone: hospital.timeZone,
    date,
    at: new Date().toISOString(),
    doctors: doctors.map((d) => {
      const mine = rows.filter((r) => r.doctorId === d.doctorId);
      const ticket = (r: queueRepo.BoardRow) => ({
        token: r.token,
        initials: initialsOf(r.givenName, r.familyName),
      });
      const inNow = mine.filter((r) => r.status === 'in_consultation');
      const current = inNow.find((r) => r.current) ?? inNow[0];
      const waiting = mine.filter((r) => r.status === 'checked_in');
      return {
        doctorId: d.doctorId,
        doctorName: d.doctorName,
        current: current ? ticket(current) : null,
        next: waiting.slice(0, BOARD_NEXT_COUNT).map(ticket),
        waiting: waiting.length,
      };
    }),
  };
}
