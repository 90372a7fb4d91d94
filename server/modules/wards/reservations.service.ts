// Bed reservations for a named patient (ADR 14, "Reservations"): made by those who admit, on a free
// bed (or one an admin reserved by hand), from now or later until an expiry at most a week ahead.
// The bed reads `reserved` while one holds it. Two reservations of one bed never overlap in time
// (bed_reservations_bed_no_overlap), and reserving locks the bed as admitting does, so a bed taken
// meanwhile is never reserved. Admitting the patient consumes it (reservations.hold), cancelling
// frees the bed, and once past its expiry it holds nothing: every read treats it so at once, and
// the job marks it expired. Every change is audited and announced on the bed board.
import {
  MAX_RESERVATION_DAYS,
  type CancelReservation,
  type CreateReservation,
  type OwnReservations,
  type Reservation,
  type ReservationPage,
  type ReservationSearch,
} from '../../../contracts/bed-reservations';
import type { Db, Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import type { AnonCtx, Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { patientBriefs, registeredPatient } from '../patients';
import { freeBed } from './admissions.service';
import * as repo from './reservations.repo';
import { publishBedChange } from './wards.live';

export const EXPIRE_QUEUE = 'wards.reservations_expire';
/** The clocks of a desk and the server may differ this much. */
const DRIFT_MS = 60_000;
const DAY_MS = 86_400_000;
const BATCH = 200;

const iso = (d: Date | string) => new Date(d).toISOString();

async function present(exec: Executor, hospitalId: string, rows: repo.ListedReservation[]) {
  const names = await patientBriefs(
    exec,
    rows.map((r) => r.patientId),
    hospitalId,
  );
  const now = Date.now();
  return rows.map((r): Reservation => {
    const brief = names.get(r.patientId);
    const lapsed = r.status === 'active' && new Date(r.expiresAt).getTime() <= now;
    return {
      id: r.id,
      bedId: r.bedId,
      bedLabel: r.bedLabel,
      wardId: r.wardId,
      wardName: r.wardName,
      patient: { id: r.patientId, name: brief?.name ?? '', mrn: brief?.mrn ?? null },
      from: iso(r.startsAt),
      until: iso(r.expiresAt),
      reason: r.reason,
      status: lapsed ? 'expired' : (r.status as Reservation['status']),
      createdAt: iso(r.createdAt),
      endedAt: r.endedAt ? iso(r.endedAt) : lapsed ? iso(r.expiresAt) : null,
      endReason: r.endReason,
      admissionId: r.admissionId,
    };
  });
}

async function readOne(exec: Executor, hospitalId: string, id: string): Promise<Reservation> {
  const { rows } = await repo.searchReservations(exec, hospitalId, {
    liveOnly: false,
    id,
    limit: 1,
    offset: 0,
  });
  if (!rows[0]) throw notFound('Reservation');
  return (await present(exec, hospitalId, rows))[0]!;
}

/** Marks reservations past their expiry expired, audited as the system, and frees their beds. */
async function expire(tx: Tx, system: AnonCtx, rows: repo.ReservationRow[]): Promise<void> {
  for (const r of rows) {
    await repo.endReservation(tx, r.id, { status: 'expired', endedBy: null });
    await repo.releaseBed(tx, r.bedId);
    await auditAnon(tx, system, {
      action: 'wards.reservation.expired',
      entityType: 'bed_reservation',
      entityId: r.id,
      patientId: r.patientId,
      hospitalId: r.hospitalId,
      before: { status: 'active', until: iso(r.expiresAt) },
      after: { status: 'expired', by: 'system' },
    });
  }
}

/** The times asked for, checked against now: the start (never before now) and the expiry. */
function window(input: CreateReservation): { from: Date; until: Date } {
  const now = Date.now();
  const from = input.from ? Date.parse(input.from) : now;
  const until = Date.parse(input.until);
  if (from < now - DRIFT_MS) throw new AppError('IN_THE_PAST', 'A reservation cannot start in the past.');
  if (until <= now) throw new AppError('IN_THE_PAST', 'This expiry has already passed.');
  if (until > now + MAX_RESERVATION_DAYS * DAY_MS + DRIFT_MS) {
    throw new AppError(
      'RULE_VIOLATION',
      `A bed is reserved for at most ${MAX_RESERVATION_DAYS} days ahead: choose an earlier expiry.`,
    );
  }
  return { from: new Date(Math.max(from, now)), until: new Date(until) };
}

export async function createReservation(ctx: Ctx, input: CreateReservation): Promise<Reservation> {
  const hospitalId = requireHospital(ctx.actor);
  const { from, until } = window(input);
  const id = await ctx.db.transaction(async (tx) => {
    if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
    const bed = await freeBed(tx, hospitalId, input.bedId, 'update');
    // A reservation of theirs that lapsed unmarked would stand in the way of the new one.
    const stale = await repo.lockStaleOfPatient(tx, hospitalId, input.patientId);
    await expire(tx, { db: ctx.db, ip: ctx.ip, requestId: ctx.requestId, userAgent: null }, stale);
    const row = await repo.insertReservation(tx, {
      hospitalId,
      bedId: bed.id,
      patientId: input.patientId,
      startsAt: from,
      expiresAt: until,
      reason: input.reason,
      createdBy: ctx.actor.userId,
    });
    await repo.markBedReserved(tx, bed.id);
    await audit(tx, ctx, {
      action: 'wards.reservation.created',
      entityType: 'bed_reservation',
      entityId: row.id,
      patientId: input.patientId,
      before: { bedState: bed.state },
      after: { bedId: bed.id, bedLabel: bed.label, from: iso(from), until: iso(until), reason: input.reason },
    });
    await publishBedChange(tx, hospitalId);
    return row.id;
  });
  return readOne(ctx.db, hospitalId, id);
}

export async function cancelReservation(
  ctx: Ctx,
  id: string,
  input: CancelReservation,
): Promise<Reservation> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const seen = await repo.findReservation(tx, hospitalId, id);
    if (!seen) throw notFound('Reservation');
    const gone = () =>
      new AppError(
        'INVALID_TRANSITION',
        'This reservation no longer holds the bed (used, cancelled or expired).',
      );
    if (seen.status !== 'active' || seen.expiresAt.getTime() <= Date.now()) throw gone();
    // The bed first, then the reservation: the order admitting and reserving lock them in.
    await repo.lockBed(tx, seen.bedId);
    const row = await repo.findReservation(tx, hospitalId, id, true);
    if (row?.status !== 'active') throw gone();
    await repo.endReservation(tx, id, {
      status: 'cancelled',
      endedBy: ctx.actor.userId,
      endReason: input.reason,
    });
    await repo.releaseBed(tx, row.bedId);
    await audit(tx, ctx, {
      action: 'wards.reservation.cancelled',
      entityType: 'bed_reservation',
      entityId: id,
      patientId: row.patientId,
      before: { status: 'active', bedId: row.bedId },
      after: { status: 'cancelled', reason: input.reason },
    });
    await publishBedChange(tx, hospitalId);
  });
  return readOne(ctx.db, hospitalId, id);
}

export async function listReservations(ctx: Ctx, q: ReservationSearch): Promise<ReservationPage> {
  const hospitalId = requireHospital(ctx.actor);
  const { rows, total } = await repo.searchReservations(ctx.db, hospitalId, {
    liveOnly: q.status === 'active',
    bedId: q.bedId,
    patientId: q.patientId,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: await present(ctx.db, hospitalId, rows), total, limit: q.limit, offset: q.offset };
}

/** The beds held for the signed-in patient now, at every hospital: their own, nobody else's. */
export async function ownReservations(ctx: Ctx): Promise<OwnReservations> {
  const patientId = ctx.actor.patientId;
  if (!patientId) throw notFound('Patient record');
  const rows = await repo.ownReservations(ctx.db, patientId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      hospitalName: r.hospitalName,
      timeZone: r.timeZone,
      wardName: r.wardName,
      bedLabel: r.bedLabel,
      from: iso(r.startsAt),
      until: iso(r.expiresAt),
      reason: r.reason,
    })),
  };
}

/**
 * The job: marks every reservation past its expiry at `now` (the job's clock; tests pass their own)
 * expired and frees its bed, one bed at a time (the bed locked first, as everywhere). Returns how
 * many it marked; safe to run twice or on several workers (a row another holds is left for later).
 */
export async function expireReservations(db: Db, now: Date = new Date()): Promise<number> {
  const system: AnonCtx = { db, ip: '', requestId: `job:${EXPIRE_QUEUE}`, userAgent: null };
  let marked = 0;
  for (;;) {
    const due = await repo.staleReservations(db, now, BATCH);
    let done = 0;
    for (const { id, bedId } of due) {
      done += await db.transaction(async (tx) => {
        await repo.lockBed(tx, bedId);
        const row = await repo.lockIfStale(tx, id, now);
        if (!row) return 0;
        await expire(tx, system, [row]);
        await publishBedChange(tx, row.hospitalId);
        return 1;
      });
    }
    marked += done;
    if (due.length < BATCH || done === 0) return marked;
  }
}
