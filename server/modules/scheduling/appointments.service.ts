// Reading appointments: one by id, a patient's own, the hospital's day, a doctor's own day. Staff
// see their active hospital's; a doctor their own; a patient theirs, across hospitals. Anything
// else is 404, as if it did not exist.
import type { Appointment, AppointmentStatus } from '../../../contracts/scheduling';
import type { Executor } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { findHospitalInfo } from '../organisation';
import { patientBriefs } from '../patients';
import { addDays, localToInstant } from './local-time';
import * as repo from './scheduling.repo';

const iso = (d: Date) => d.toISOString();

/** Appointments as the contract shows them, in the order of `ids`; MRNs at `hospitalId` if given. */
export async function present(
  exec: Executor,
  ids: string[],
  hospitalId: string | null,
): Promise<Appointment[]> {
  return presentRows(exec, await repo.findAppointments(exec, ids), ids, hospitalId);
}

/** `present` of rows already read (the FHIR API also wants their doctors' user ids). */
export async function presentRows(
  exec: Executor,
  rows: repo.FoundAppointment[],
  ids: string[],
  hospitalId: string | null,
): Promise<Appointment[]> {
  const hospitalIds = [...new Set(rows.map((r) => r.a.hospitalId))];
  const [hospitals, doctors, patients] = await Promise.all([
    Promise.all(hospitalIds.map((h) => findHospitalInfo(exec, h))),
    findUserNames(
      exec,
      rows.map((r) => r.doctorUserId),
    ),
    patientBriefs(
      exec,
      rows.map((r) => r.a.patientId),
      hospitalId,
    ),
  ]);
  const hospitalById = new Map(hospitals.flatMap((h) => (h ? [[h.id, h] as const] : [])));
  const byId = new Map(rows.map((r) => [r.a.id, r]));
  return ids.flatMap((id): Appointment[] => {
    const r = byId.get(id);
    if (!r) return [];
    const p = patients.get(r.a.patientId);
    return [
      toAppointment(r.a, {
        hospital: hospitalById.get(r.a.hospitalId),
        doctorName: doctors.get(r.doctorUserId) ?? '',
        patientName: p?.name ?? '',
        mrn: hospitalId ? (p?.mrn ?? null) : null,
      }),
    ];
  });
}

/** An appointment row as the contract shows it, with the names it carries. */
export function toAppointment(
  a: repo.AppointmentRow,
  n: {
    hospital: { name: string; timeZone: string } | undefined;
    doctorName: string;
    patientName: string;
    mrn: string | null;
  },
): Appointment {
  return {
    id: a.id,
    hospitalId: a.hospitalId,
    hospitalName: n.hospital?.name ?? '',
    timeZone: n.hospital?.timeZone ?? 'UTC',
    doctorId: a.doctorProfileId,
    doctorName: n.doctorName,
    patientId: a.patientId,
    patientName: n.patientName,
    mrn: n.mrn,
    startsAt: iso(a.startsAt),
    endsAt: iso(a.endsAt),
    status: a.status as AppointmentStatus,
    reason: a.reason,
    bookedAt: iso(a.createdAt),
    cancelledAt: a.cancelledAt ? iso(a.cancelledAt) : null,
    cancellationReason: a.cancellationReason,
    walkIn: a.walkIn,
    token: a.token,
    queueDate: a.queueDate,
    checkedInAt: a.checkedInAt ? iso(a.checkedInAt) : null,
    calledAt: a.calledAt ? iso(a.calledAt) : null,
  };
}

/** How the caller sees an appointment: as staff of its hospital, as its doctor, as its patient, or not at all. */
export function viewerOf(
  ctx: Ctx,
  a: { hospitalId: string; patientId: string },
  doctorUserId: string | null,
): 'staff' | 'doctor' | 'patient' | null {
  if (can(ctx.actor, 'appointments:read', 'appointments:book') && a.hospitalId === ctx.actor.hospitalId)
    return 'staff';
  if (can(ctx.actor, 'appointments:read-own') && doctorUserId === ctx.actor.userId) return 'doctor';
  if (can(ctx.actor, 'appointments:book-own') && a.patientId === ctx.actor.patientId) return 'patient';
  return null;
}

/** One appointment the caller may see. */
export async function getAppointment(ctx: Ctx, id: string): Promise<Appointment> {
  const [row] = await repo.findAppointments(ctx.db, [id]);
  const viewer = row ? viewerOf(ctx, row.a, row.doctorUserId) : null;
  if (!row || !viewer) throw notFound('Appointment');
  const [dto] = await present(ctx.db, [id], viewer === 'patient' ? null : row.a.hospitalId);
  await auditRead(ctx, {
    action: 'appointment.read',
    entityType: 'appointment',
    entityId: id,
    patientId: row.a.patientId,
    hospitalId: row.a.hospitalId,
  });
  return dto!;
}

type Page = { limit: number; offset: number };

/** The signed-in patient's appointments: upcoming (soonest first) or past (latest first). */
export async function listOwnAppointments(ctx: Ctx, q: Page & { when: 'upcoming' | 'past' }) {
  const patientId = ctx.actor.patientId;
  if (!patientId) throw notFound('Patient record');
  const { ids, total } = await repo.listAppointmentIds(
    ctx.db,
    { patientId, when: q.when, now: new Date() },
    q.limit,
    q.offset,
  );
  return { items: await present(ctx.db, ids, null), total, limit: q.limit, offset: q.offset };
}

async function dayList(
  ctx: Ctx,
  q: Page & { date: string; doctorId?: string; status?: AppointmentStatus },
  action: string,
) {
  const hospitalId = requireHospital(ctx.actor);
  const hospital = await findHospitalInfo(ctx.db, hospitalId);
  if (!hospital) throw notFound('Hospital');
  const start = new Date(localToInstant(q.date, '00:00', hospital.timeZone));
  const end = new Date(localToInstant(addDays(q.date, 1), '00:00', hospital.timeZone));
  const { ids, total } = await repo.listAppointmentIds(
    ctx.db,
    { hospitalId, start, end, doctorId: q.doctorId, status: q.status },
    q.limit,
    q.offset,
  );
  const items = await present(ctx.db, ids, hospitalId);
  await auditRead(ctx, {
    action,
    entityType: 'appointment',
    after: { date: q.date, doctorId: q.doctorId ?? null, ids },
  });
  return { items, total, limit: q.limit, offset: q.offset };
}

/** The active hospital's appointments on a local day, optionally one doctor's or one status. */
export async function listDayAppointments(
  ctx: Ctx,
  q: Page & { date: string; doctorId?: string; status?: AppointmentStatus },
) {
  return dayList(ctx, q, 'appointments.day_listed');
}

/** The signed-in doctor's own appointments on a local day at the active hospital. */
export async function listOwnDoctorDay(ctx: Ctx, q: { date: string }) {
  const hospitalId = requireHospital(ctx.actor);
  const own = await repo.ownDoctorFacts(ctx.db, ctx.actor.userId, hospitalId);
  if (!own) throw notFound('Doctor profile');
  return dayList(ctx, { ...q, doctorId: own.id, limit: 100, offset: 0 }, 'appointments.doctor_day_listed');
}
