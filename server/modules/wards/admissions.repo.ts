// Admissions and the stays in beds they are made of.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { admissions, bedOccupancies } from './wards.tables';

export type AdmissionRow = typeof admissions.$inferSelect;
export type OccupancyRow = typeof bedOccupancies.$inferSelect;

export async function findAdmission(exec: Executor, hospitalId: string, id: string, lock = false) {
  const q = exec
    .select()
    .from(admissions)
    .where(and(eq(admissions.id, id), eq(admissions.hospitalId, hospitalId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * The patient's open admission at the hospital. `share` holds it until the transaction ends (see
 * stay-hold.ts); a discharge that ended it meanwhile leaves none, the row being checked again once
 * the discharge commits.
 */
export async function activeAdmissionOf(
  exec: Executor,
  hospitalId: string,
  patientId: string,
  lock: false | 'share' = false,
) {
  const q = exec
    .select({ id: admissions.id })
    .from(admissions)
    .where(
      and(
        eq(admissions.hospitalId, hospitalId),
        eq(admissions.patientId, patientId),
        eq(admissions.status, 'active'),
      ),
    );
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

/** Whether the consultation is one of the patient's at the hospital. */
export async function consultationOf(
  exec: Executor,
  hospitalId: string,
  patientId: string,
  consultationId: string,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`select id from consultations
         where id = ${consultationId} and hospital_id = ${hospitalId} and patient_id = ${patientId}`,
  );
  return rows.length > 0;
}

export async function insertAdmission(
  exec: Executor,
  v: typeof admissions.$inferInsert,
): Promise<AdmissionRow> {
  const [row] = await exec.insert(admissions).values(v).returning();
  return row!;
}

export async function dischargeAdmission(
  exec: Executor,
  id: string,
  v: { dischargedBy: string; dischargeSummary: string },
): Promise<void> {
  await exec
    .update(admissions)
    .set({ ...v, status: 'discharged', dischargedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(admissions.id, id));
}

/**
 * Starts a stay in a bed now, at the bed's daily rate of now; the exclusion constraint refuses a bed
 * someone holds.
 */
export async function startStay(
  exec: Executor,
  v: { hospitalId: string; admissionId: string; bedId: string; dailyRateMinor: number; createdBy: string },
): Promise<void> {
  await exec.insert(bedOccupancies).values(v);
}

/** The bed the admission holds now. */
export async function openStay(exec: Executor, admissionId: string): Promise<OccupancyRow | null> {
  const [row] = await exec
    .select()
    .from(bedOccupancies)
    .where(and(eq(bedOccupancies.admissionId, admissionId), isNull(bedOccupancies.endedAt)));
  return row ?? null;
}

export async function endStay(exec: Executor, id: string, endedBy: 'transfer' | 'discharge') {
  await exec
    .update(bedOccupancies)
    .set({ endedAt: sql`now()`, endedBy })
    .where(eq(bedOccupancies.id, id));
}

export interface StayRow {
  admissionId: string;
  bedId: string;
  bedLabel: string;
  wardId: string;
  wardName: string;
  startedAt: Date | string;
  endedAt: Date | string | null;
  endedBy: 'transfer' | 'discharge' | null;
}

export async function staysOf(exec: Executor, admissionIds: readonly string[]): Promise<StayRow[]> {
  if (admissionIds.length === 0) return [];
  return queryRows<StayRow>(
    exec,
    sql`select o.admission_id as "admissionId", o.bed_id as "bedId", b.label as "bedLabel",
               w.id as "wardId", w.name as "wardName", o.started_at as "startedAt",
               o.ended_at as "endedAt", o.ended_by as "endedBy"
          from bed_occupancies o
          join beds b on b.id = o.bed_id
          join wards w on w.id = b.ward_id
         where o.admission_id = any(${sql.param([...admissionIds])}::uuid[])
         order by o.started_at, o.created_at`,
  );
}

export async function searchAdmissions(
  exec: Executor,
  hospitalId: string,
  q: {
    status: 'active' | 'discharged' | null;
    patientId?: string;
    /** When the admission began, as a condition on its column (the FHIR API's `date`). */
    admitted?: (column: SQL) => SQL;
    limit: number;
    offset: number;
  },
): Promise<{ rows: AdmissionRow[]; total: number }> {
  const conds = [eq(admissions.hospitalId, hospitalId)];
  if (q.status) conds.push(eq(admissions.status, q.status));
  if (q.patientId) conds.push(eq(admissions.patientId, q.patientId));
  if (q.admitted) conds.push(q.admitted(sql`${admissions.admittedAt}`));
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    exec
      .select()
      .from(admissions)
      .where(where)
      .orderBy(sql`${admissions.admittedAt} desc, ${admissions.id} desc`)
      .limit(q.limit)
      .offset(q.offset),
    exec
      .select({ n: sql<number>`count(*)::int` })
      .from(admissions)
      .where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}
