import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { patientAllergies, patientConditions } from './patients.tables';

export type AllergyRow = typeof patientAllergies.$inferSelect;
export type ConditionRow = typeof patientConditions.$inferSelect;

export async function insertAllergy(
  exec: Executor,
  values: typeof patientAllergies.$inferInsert,
): Promise<AllergyRow> {
  const [row] = await exec.insert(patientAllergies).values(values).returning();
  return row!;
}

/** The patient's allergy entry, locked for the update that follows. */
export async function lockAllergy(
  exec: Executor,
  patientId: string,
  id: string,
): Promise<AllergyRow | undefined> {
  const [row] = await exec
    .select()
    .from(patientAllergies)
    .where(and(eq(patientAllergies.id, id), eq(patientAllergies.patientId, patientId)))
    .for('update');
  return row;
}

export async function updateAllergy(
  exec: Executor,
  id: string,
  values: Partial<typeof patientAllergies.$inferInsert>,
): Promise<AllergyRow> {
  const [row] = await exec
    .update(patientAllergies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(patientAllergies.id, id))
    .returning();
  return row!;
}

export async function insertCondition(
  exec: Executor,
  values: typeof patientConditions.$inferInsert,
): Promise<ConditionRow> {
  const [row] = await exec.insert(patientConditions).values(values).returning();
  return row!;
}

/** The patient's condition entry, locked for the update that follows. */
export async function lockCondition(
  exec: Executor,
  patientId: string,
  id: string,
): Promise<ConditionRow | undefined> {
  const [row] = await exec
    .select()
    .from(patientConditions)
    .where(and(eq(patientConditions.id, id), eq(patientConditions.patientId, patientId)))
    .for('update');
  return row;
}

export async function updateCondition(
  exec: Executor,
  id: string,
  values: Partial<typeof patientConditions.$inferInsert>,
): Promise<ConditionRow> {
  const [row] = await exec
    .update(patientConditions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(patientConditions.id, id))
    .returning();
  return row!;
}

// ---------------------------------------------------------------- conditions as FHIR reads them

/** A recorded condition with the names its FHIR form shows: the patient's and the recorder's. */
export type ConditionFhirRow = ConditionRow & {
  patientName: string;
  recorderName: string | null;
  recorderIsDoctor: boolean;
};

export interface ConditionFilter {
  /** Only conditions of patients registered at this hospital (the caller's scope). */
  hospitalId: string;
  id?: string;
  patientId?: string;
  icd10Code?: string;
  status?: string;
}

function conditionWhere(f: ConditionFilter) {
  const c = patientConditions;
  return and(
    sql`exists (select 1 from patient_registrations r
                 where r.patient_id = ${c.patientId} and r.hospital_id = ${f.hospitalId})`,
    f.id === undefined ? undefined : eq(c.id, f.id),
    f.patientId === undefined ? undefined : eq(c.patientId, f.patientId),
    f.icd10Code === undefined ? undefined : eq(c.icd10Code, f.icd10Code),
    f.status === undefined ? undefined : eq(c.status, f.status),
  );
}

/** The conditions matching `f`, newest recorded first, a page of them. */
export async function conditionsForFhir(
  exec: Executor,
  f: ConditionFilter,
  page: { limit: number; offset: number },
): Promise<ConditionFhirRow[]> {
  const c = patientConditions;
  return exec
    .select({
      ...getTableColumns(c),
      patientName: sql<string>`(select trim(p.given_name || ' ' || p.family_name) from patients p where p.id = ${c.patientId})`,
      recorderName: sql<string | null>`(select u.full_name from users u where u.id = ${c.recordedBy})`,
      // Only an approved doctor of the hospital is a Practitioner there; a nurse is named in words.
      recorderIsDoctor: sql<boolean>`exists (select 1 from doctor_profiles dp where dp.user_id = ${c.recordedBy}
        and dp.hospital_id = ${f.hospitalId} and dp.status = 'approved')`,
    })
    .from(c)
    .where(conditionWhere(f))
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countConditions(exec: Executor, f: ConditionFilter): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(patientConditions)
    .where(conditionWhere(f));
  return Number(row?.n ?? 0);
}
