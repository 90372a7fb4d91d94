// The privacy module's rows: consent decisions and erasure requests (a patient's export reads both
// as JSON in export.repo.ts).
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { ErasureStatus } from '../../../contracts/privacy';
import { queryRows, type Executor } from '../../db/client';
import { erasureRequests, patientConsents } from './privacy.tables';

export type ConsentRow = typeof patientConsents.$inferSelect;
export type ErasureRow = typeof erasureRequests.$inferSelect;

export async function insertConsent(
  exec: Executor,
  values: typeof patientConsents.$inferInsert,
): Promise<ConsentRow> {
  const [row] = await exec.insert(patientConsents).values(values).returning();
  return row!;
}

/** Every consent decision of a patient, at every hospital and in the portal, newest first. */
export function consentHistory(exec: Executor, patientId: string): Promise<ConsentRow[]> {
  return exec
    .select()
    .from(patientConsents)
    .where(eq(patientConsents.patientId, patientId))
    .orderBy(desc(patientConsents.recordedAt), desc(patientConsents.id));
}

export async function insertErasureRequest(
  exec: Executor,
  values: typeof erasureRequests.$inferInsert,
): Promise<ErasureRow> {
  const [row] = await exec.insert(erasureRequests).values(values).returning();
  return row!;
}

export async function findErasureRequest(exec: Executor, id: string): Promise<ErasureRow | undefined> {
  const [row] = await exec.select().from(erasureRequests).where(eq(erasureRequests.id, id));
  return row;
}

/**
 * The request, locked until the transaction ends: of a complete, a refusal and a cancel racing
 * for it, the later ones wait and then find it decided.
 */
export async function lockErasureRequest(exec: Executor, id: string): Promise<ErasureRow | undefined> {
  const [row] = await exec.select().from(erasureRequests).where(eq(erasureRequests.id, id)).for('update');
  return row;
}

/** The patient's pending request, if any. */
export async function pendingRequestOf(exec: Executor, patientId: string): Promise<ErasureRow | undefined> {
  const [row] = await exec
    .select()
    .from(erasureRequests)
    .where(and(eq(erasureRequests.patientId, patientId), eq(erasureRequests.status, 'pending')));
  return row;
}

/** Records the decision on a pending request. */
export async function decideErasureRequest(
  exec: Executor,
  id: string,
  d: {
    status: Exclude<ErasureStatus, 'pending'>;
    decidedBy: string | null;
    decidedAtHospitalId: string | null;
    decisionNote: string;
    erased?: Record<string, number>;
  },
): Promise<ErasureRow> {
  const [row] = await exec
    .update(erasureRequests)
    .set({ ...d, erased: d.erased ?? null, decidedAt: sql`now()` })
    .where(eq(erasureRequests.id, id))
    .returning();
  return row!;
}

/**
 * A page of requests, newest first: those of one patient, or those of the patients registered at
 * a hospital.
 */
export async function listErasureRequests(
  exec: Executor,
  who: { patientId: string } | { hospitalId: string },
  q: { status?: ErasureStatus | undefined; limit: number; offset: number },
): Promise<{ rows: ErasureRow[]; total: number }> {
  const where = and(
    'patientId' in who
      ? eq(erasureRequests.patientId, who.patientId)
      : sql`exists (select 1 from patient_registrations r
                     where r.patient_id = ${erasureRequests.patientId} and r.hospital_id = ${who.hospitalId})`,
    q.status ? eq(erasureRequests.status, q.status) : undefined,
  );
  const rows = await exec
    .select()
    .from(erasureRequests)
    .where(where)
    .orderBy(desc(erasureRequests.requestedAt), desc(erasureRequests.id))
    .limit(q.limit)
    .offset(q.offset);
  const [total] = await exec.select({ n: count() }).from(erasureRequests).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

// The patients module's tables, read by name (as other modules' repos read them): an erasure locks
// the record and finds its registrations here; the patients module's own erasure step changes it.

/**
 * The patient record, locked until the transaction ends, with its portal account (if any). A new
 * request locks it `for update`, which also holds off a registration (an insert referring to the
 * record) until it commits. Completing one locks it `for no key update`: care goes on writing rows
 * that refer to the patient (a doctor closing a visit inserts a prescription after locking the
 * consultation), and a full lock taken before the erasure's steps lock those rows would make a
 * circle with them.
 */
export async function lockPatientOf(
  exec: Executor,
  patientId: string,
  mode: 'for update' | 'for no key update' = 'for update',
): Promise<{ id: string; userId: string | null } | undefined> {
  const lock = mode === 'for update' ? sql`for update` : sql`for no key update`;
  const [row] = await queryRows<{ id: string; userId: string | null }>(
    exec,
    sql`select id, user_id as "userId" from patients where id = ${patientId} ${lock}`,
  );
  return row;
}

/** The hospitals where the patient is registered, with the MRN at each. */
export function registrationsOf(
  exec: Executor,
  patientId: string,
): Promise<{ hospitalId: string; mrn: string }[]> {
  return queryRows(
    exec,
    sql`select hospital_id as "hospitalId", mrn from patient_registrations
         where patient_id = ${patientId} order by registered_at, hospital_id`,
  );
}
