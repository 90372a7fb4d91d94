// Bed reservations: the rows, and what the bed's state makes of them. A reservation "holds" its bed
// while it is active and not yet past its expiry (`live`); one past its expiry that the job has not
// yet marked expired holds nothing, whatever its status column still says.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { bedReservations } from './wards.tables';

export type ReservationRow = typeof bedReservations.$inferSelect;

const live = () => sql`${bedReservations.status} = 'active' and ${bedReservations.expiresAt} > now()`;

export async function insertReservation(
  exec: Executor,
  v: typeof bedReservations.$inferInsert,
): Promise<ReservationRow> {
  const [row] = await exec.insert(bedReservations).values(v).returning();
  return row!;
}

export async function findReservation(exec: Executor, hospitalId: string, id: string, lock = false) {
  const q = exec
    .select()
    .from(bedReservations)
    .where(and(eq(bedReservations.id, id), eq(bedReservations.hospitalId, hospitalId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The reservations holding the bed now, earliest first, locked against a cancel or the job. */
export function lockLiveOfBed(exec: Executor, bedId: string): Promise<ReservationRow[]> {
  return exec
    .select()
    .from(bedReservations)
    .where(and(eq(bedReservations.bedId, bedId), live()))
    .orderBy(bedReservations.startsAt)
    .for('update');
}

/** The reservation the patient holds at the hospital now (at most one), not locked: lock its bed first. */
export async function liveOfPatient(exec: Executor, hospitalId: string, patientId: string) {
  const [row] = await exec
    .select()
    .from(bedReservations)
    .where(and(eq(bedReservations.hospitalId, hospitalId), eq(bedReservations.patientId, patientId), live()));
  return row ?? null;
}

/** The reservation, locked, if it still holds its bed; null once it has ended or lapsed. */
export async function lockIfLive(exec: Executor, id: string) {
  const [row] = await exec
    .select()
    .from(bedReservations)
    .where(and(eq(bedReservations.id, id), live()))
    .for('update');
  return row ?? null;
}

/** The patient's reservations at the hospital past their expiry that nobody marked yet, locked. */
export function lockStaleOfPatient(exec: Executor, hospitalId: string, patientId: string) {
  return exec
    .select()
    .from(bedReservations)
    .where(
      and(
        eq(bedReservations.hospitalId, hospitalId),
        eq(bedReservations.patientId, patientId),
        eq(bedReservations.status, 'active'),
        sql`${bedReservations.expiresAt} <= now()`,
      ),
    )
    .for('update');
}

/** Active reservations past their expiry at `at` (the job's clock), oldest first: id and bed. */
export function staleReservations(exec: Executor, at: Date, limit: number) {
  return exec
    .select({ id: bedReservations.id, bedId: bedReservations.bedId })
    .from(bedReservations)
    .where(
      and(eq(bedReservations.status, 'active'), sql`${bedReservations.expiresAt} <= ${at.toISOString()}`),
    )
    .orderBy(bedReservations.expiresAt)
    .limit(limit);
}

/**
 * The reservation, locked, if it is still active and past its expiry at `at`; null when another
 * transaction holds it (a request ending it) or it has changed meanwhile.
 */
export async function lockIfStale(exec: Executor, id: string, at: Date) {
  const [row] = await exec
    .select()
    .from(bedReservations)
    .where(
      and(
        eq(bedReservations.id, id),
        eq(bedReservations.status, 'active'),
        sql`${bedReservations.expiresAt} <= ${at.toISOString()}`,
      ),
    )
    .for('update', { skipLocked: true });
  return row ?? null;
}

export async function endReservation(
  exec: Executor,
  id: string,
  v: {
    status: 'consumed' | 'cancelled' | 'expired';
    endedBy: string | null;
    endReason?: string | null;
    admissionId?: string;
  },
): Promise<ReservationRow> {
  const [row] = await exec
    .update(bedReservations)
    .set({ ...v, endedAt: sql`now()` })
    .where(eq(bedReservations.id, id))
    .returning();
  return row!;
}

/** Locks the bed as set-up changes do, before its reservations (the order every writer keeps). */
export async function lockBed(exec: Executor, bedId: string): Promise<void> {
  await exec.execute(sql`select id from beds where id = ${bedId} for update`);
}

/** Whether a reservation holds the bed now. */
export async function bedIsHeld(exec: Executor, bedId: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: bedReservations.id })
    .from(bedReservations)
    .where(and(eq(bedReservations.bedId, bedId), live()))
    .limit(1);
  return row !== undefined;
}

/** A free bed a reservation now holds shows reserved (a bed reserved by hand stays so). */
export async function markBedReserved(exec: Executor, bedId: string): Promise<void> {
  await exec.execute(
    sql`update beds set state = 'reserved', updated_at = now() where id = ${bedId} and state = 'available'`,
  );
}

/** A reserved bed that no reservation holds any more is available again (occupied ones are left be). */
export async function releaseBed(exec: Executor, bedId: string): Promise<void> {
  await exec.execute(
    sql`update beds b set state = 'available', updated_at = now()
         where b.id = ${bedId} and b.state = 'reserved'
           and not exists (select 1 from bed_reservations r
                            where r.bed_id = b.id and r.status = 'active' and r.expires_at > now())`,
  );
}

export interface BoardReservationRow {
  id: string;
  bedId: string;
  patientId: string;
  startsAt: Date | string;
  expiresAt: Date | string;
  reason: string;
  /** False when past its expiry (the job has not marked it yet): it holds nothing. */
  live: boolean;
}

/** Every active reservation of the hospital's beds, earliest first, and whether each still holds. */
export function boardReservations(exec: Executor, hospitalId: string): Promise<BoardReservationRow[]> {
  return queryRows<BoardReservationRow>(
    exec,
    sql`select id, bed_id as "bedId", patient_id as "patientId", starts_at as "startsAt",
               expires_at as "expiresAt", reason, expires_at > now() as live
          from bed_reservations
         where hospital_id = ${hospitalId} and status = 'active'
         order by starts_at, id`,
  );
}

export interface ListedReservation extends ReservationRow {
  bedLabel: string;
  wardId: string;
  wardName: string;
}

export async function searchReservations(
  exec: Executor,
  hospitalId: string,
  q: { liveOnly: boolean; id?: string; bedId?: string; patientId?: string; limit: number; offset: number },
): Promise<{ rows: ListedReservation[]; total: number }> {
  const conds = [sql`r.hospital_id = ${hospitalId}`];
  if (q.liveOnly) conds.push(sql`r.status = 'active' and r.expires_at > now()`);
  if (q.id) conds.push(sql`r.id = ${q.id}`);
  if (q.bedId) conds.push(sql`r.bed_id = ${q.bedId}`);
  if (q.patientId) conds.push(sql`r.patient_id = ${q.patientId}`);
  const where = sql.join(conds, sql` and `);
  const [rows, [count]] = await Promise.all([
    queryRows<ListedReservation>(
      exec,
      sql`select r.id, r.hospital_id as "hospitalId", r.bed_id as "bedId", r.patient_id as "patientId",
                 r.starts_at as "startsAt", r.expires_at as "expiresAt", r.reason, r.status,
                 r.created_by as "createdBy", r.created_at as "createdAt", r.ended_at as "endedAt",
                 r.ended_by as "endedBy", r.end_reason as "endReason", r.admission_id as "admissionId",
                 b.label as "bedLabel", w.id as "wardId", w.name as "wardName"
            from bed_reservations r
            join beds b on b.id = r.bed_id
            join wards w on w.id = b.ward_id
           where ${where}
           order by ${q.liveOnly ? sql`r.starts_at, r.id` : sql`r.created_at desc, r.id desc`}
           limit ${q.limit} offset ${q.offset}`,
    ),
    queryRows<{ n: number }>(exec, sql`select count(*)::int as n from bed_reservations r where ${where}`),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export interface OwnReservationRow {
  id: string;
  hospitalName: string;
  timeZone: string;
  wardName: string;
  bedLabel: string;
  startsAt: Date | string;
  expiresAt: Date | string;
  reason: string;
}

/** The beds held for this patient now, at every hospital. */
export function ownReservations(exec: Executor, patientId: string): Promise<OwnReservationRow[]> {
  return queryRows<OwnReservationRow>(
    exec,
    sql`select r.id, h.name as "hospitalName", h.time_zone as "timeZone", w.name as "wardName",
               b.label as "bedLabel",
               r.starts_at as "startsAt", r.expires_at as "expiresAt", r.reason
          from bed_reservations r
          join hospitals h on h.id = r.hospital_id
          join beds b on b.id = r.bed_id
          join wards w on w.id = b.ward_id
         where r.patient_id = ${patientId} and r.status = 'active' and r.expires_at > now()
         order by r.starts_at`,
  );
}

/** How many beds of the ward (or room) a reservation holds now. */
export async function heldBeds(exec: Executor, scope: { wardId: string } | { roomId: string }) {
  const where = 'wardId' in scope ? sql`b.ward_id = ${scope.wardId}` : sql`b.room_id = ${scope.roomId}`;
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(distinct b.id)::int as n
          from beds b join bed_reservations r on r.bed_id = b.id
         where ${where} and r.status = 'active' and r.expires_at > now()`,
  );
  return Number(row?.n ?? 0);
}
