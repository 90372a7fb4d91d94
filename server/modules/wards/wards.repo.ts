// Wards, rooms and beds: the set-up queries, and what the board and admissions read of beds.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { beds, bedOccupancies, wardRooms, wards } from './wards.tables';

export type WardRow = typeof wards.$inferSelect;
export type RoomRow = typeof wardRooms.$inferSelect;
export type BedRow = typeof beds.$inferSelect;

/**
 * How a read locks the row: `update` for set-up changes; `key share` for an admission, which must
 * not land in a bed, room or ward being closed meanwhile, yet must not queue behind other
 * admissions (their key-share locks do not conflict; the exclusion constraint decides between them).
 */
export type Lock = false | 'update' | 'no key update' | 'key share';

export async function hospitalCurrency(exec: Executor, hospitalId: string): Promise<string> {
  const [h] = await queryRows<{ currency: string }>(
    exec,
    sql`select currency from hospitals where id = ${hospitalId}`,
  );
  return h?.currency ?? '';
}

export async function listWards(exec: Executor, hospitalId: string) {
  const [w, r, b] = await Promise.all([
    exec.select().from(wards).where(eq(wards.hospitalId, hospitalId)).orderBy(wards.name),
    exec.select().from(wardRooms).where(eq(wardRooms.hospitalId, hospitalId)).orderBy(wardRooms.name),
    exec.select().from(beds).where(eq(beds.hospitalId, hospitalId)).orderBy(beds.label),
  ]);
  return { wards: w, rooms: r, beds: b };
}

export async function findWard(exec: Executor, hospitalId: string, id: string, lock: Lock = false) {
  const q = exec
    .select()
    .from(wards)
    .where(and(eq(wards.id, id), eq(wards.hospitalId, hospitalId)));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function insertWard(exec: Executor, v: typeof wards.$inferInsert): Promise<WardRow> {
  const [row] = await exec.insert(wards).values(v).returning();
  return row!;
}

export async function updateWard(exec: Executor, id: string, v: Partial<WardRow>): Promise<WardRow> {
  const [row] = await exec
    .update(wards)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(wards.id, id))
    .returning();
  return row!;
}

export async function findRoom(exec: Executor, hospitalId: string, id: string, lock: Lock = false) {
  const q = exec
    .select()
    .from(wardRooms)
    .where(and(eq(wardRooms.id, id), eq(wardRooms.hospitalId, hospitalId)));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function insertRoom(exec: Executor, v: typeof wardRooms.$inferInsert): Promise<RoomRow> {
  const [row] = await exec.insert(wardRooms).values(v).returning();
  return row!;
}

export async function updateRoom(exec: Executor, id: string, v: Partial<RoomRow>): Promise<RoomRow> {
  const [row] = await exec
    .update(wardRooms)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(wardRooms.id, id))
    .returning();
  return row!;
}

export async function findBed(exec: Executor, hospitalId: string, id: string, lock: Lock = false) {
  const q = exec
    .select()
    .from(beds)
    .where(and(eq(beds.id, id), eq(beds.hospitalId, hospitalId)));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

export async function insertBed(exec: Executor, v: typeof beds.$inferInsert): Promise<BedRow> {
  const [row] = await exec.insert(beds).values(v).returning();
  return row!;
}

export async function updateBed(exec: Executor, id: string, v: Partial<BedRow>): Promise<BedRow> {
  const [row] = await exec
    .update(beds)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(beds.id, id))
    .returning();
  return row!;
}

export async function deleteBed(exec: Executor, id: string): Promise<void> {
  await exec.delete(beds).where(eq(beds.id, id));
}

/** Whether the bed has ever held a patient (then it is only ever deactivated). */
export async function bedWasUsed(exec: Executor, bedId: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: bedOccupancies.id })
    .from(bedOccupancies)
    .where(eq(bedOccupancies.bedId, bedId))
    .limit(1);
  return row !== undefined;
}

/** How many beds of the ward (or room) are occupied now. */
export async function occupiedBeds(
  exec: Executor,
  scope: { wardId: string } | { roomId: string },
): Promise<number> {
  const where = 'wardId' in scope ? sql`ward_id = ${scope.wardId}` : sql`room_id = ${scope.roomId}`;
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from beds where ${where} and state = 'occupied'`,
  );
  return Number(row?.n ?? 0);
}

export interface BoardRow {
  wardId: string;
  wardName: string;
  wardKind: string;
  bedId: string | null;
  label: string | null;
  roomId: string | null;
  roomName: string | null;
  bedType: string | null;
  dailyRateMinor: string | number | null;
  state: string | null;
  admissionId: string | null;
  patientId: string | null;
  admittedAt: Date | string | null;
}

/** Every active ward with its active beds (in active rooms) and who is in each bed now. */
export async function boardRows(exec: Executor, hospitalId: string): Promise<BoardRow[]> {
  return queryRows<BoardRow>(
    exec,
    sql`select w.id as "wardId", w.name as "wardName", w.kind as "wardKind",
               b.id as "bedId", b.label, r.id as "roomId", r.name as "roomName", b.bed_type as "bedType",
               b.daily_rate_minor as "dailyRateMinor", b.state,
               a.id as "admissionId", a.patient_id as "patientId", a.admitted_at as "admittedAt"
          from wards w
          left join ward_rooms r on r.ward_id = w.id and r.active
          left join beds b on b.room_id = r.id and b.active
          left join bed_occupancies o on o.bed_id = b.id and o.ended_at is null
          left join admissions a on a.id = o.admission_id
         where w.hospital_id = ${hospitalId} and w.active
         order by w.name, w.id, r.name, b.label`,
  );
}
