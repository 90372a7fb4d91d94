import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { sealPatientColumns } from './patients.sealed';
import { patientRegistrations, patients } from './patients.tables';

export type PatientRow = typeof patients.$inferSelect;
export type NewPatientRow = typeof patients.$inferInsert;
export type RegistrationRow = typeof patientRegistrations.$inferSelect;

export async function insertPatient(exec: Executor, values: NewPatientRow): Promise<PatientRow> {
  const [row] = await exec.insert(patients).values(sealPatientColumns(values)).returning();
  return row!;
}

/** The patient row, locked until the transaction ends so concurrent edits apply one after another. */
export async function lockPatient(exec: Executor, id: string): Promise<PatientRow | undefined> {
  const [row] = await exec.select().from(patients).where(eq(patients.id, id)).for('update');
  return row;
}

export async function updatePatient(
  exec: Executor,
  id: string,
  values: Partial<NewPatientRow>,
): Promise<void> {
  await exec
    .update(patients)
    .set({ ...sealPatientColumns(values), updatedAt: new Date() })
    .where(eq(patients.id, id));
}

export async function findRegistration(
  exec: Executor,
  patientId: string,
  hospitalId: string,
): Promise<RegistrationRow | undefined> {
  const [row] = await exec
    .select()
    .from(patientRegistrations)
    .where(
      and(eq(patientRegistrations.patientId, patientId), eq(patientRegistrations.hospitalId, hospitalId)),
    );
  return row;
}

/**
 * Serialises registering one person at one hospital, for this transaction: the second waits, then
 * finds the first one's registration.
 */
export async function lockRegistration(tx: Tx, patientId: string, hospitalId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`registration:${hospitalId}:${patientId}`}, 0))`,
  );
}

export async function insertRegistration(
  exec: Executor,
  values: typeof patientRegistrations.$inferInsert,
): Promise<RegistrationRow> {
  const [row] = await exec.insert(patientRegistrations).values(values).returning();
  return row!;
}

export interface DuplicateRow extends Record<string, unknown> {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  phone: string | null;
  mrn: string;
}

/**
 * Patients registered at the hospital who are probably this person: the same phone, or a name at
 * least 0.5 trigram-similar with the same date of birth.
 */
export async function findLikelyDuplicates(
  exec: Executor,
  hospitalId: string,
  p: { searchName: string; dateOfBirth: string | null; phone: string | null },
): Promise<DuplicateRow[]> {
  const alike: SQL[] = [];
  if (p.phone) alike.push(sql`p.phone = ${p.phone}`);
  if (p.dateOfBirth) {
    alike.push(
      sql`(p.date_of_birth = ${p.dateOfBirth} and p.search_name % ${p.searchName} and similarity(p.search_name, ${p.searchName}) >= 0.5)`,
    );
  }
  if (alike.length === 0) return [];
  return queryRows<DuplicateRow>(
    exec,
    sql`select p.id, p.given_name, p.family_name, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, p.phone, r.mrn
          from patient_registrations r join patients p on p.id = r.patient_id
         where r.hospital_id = ${hospitalId} and (${sql.join(alike, sql` or `)})
         order by r.registered_at desc
         limit 10`,
  );
}

/**
 * The people these details identify: a similar name, and the same e-mail (on the record or its
 * account) or the same date of birth and phone; with whether each is registered at `hospitalId`.
 * At most three: more than one elsewhere means the details do not tell people apart. Each branch
 * of the search is served by an index. A record merged into another is nobody's any more.
 */
export async function findPeopleByDetails(
  exec: Executor,
  hospitalId: string,
  p: { searchName: string; dateOfBirth: string | null; phone: string | null; email: string | null },
): Promise<{ id: string; registeredHere: boolean }[]> {
  const branches: SQL[] = [];
  if (p.dateOfBirth && p.phone) {
    branches.push(
      sql`select id, search_name from patients
             where phone = ${p.phone} and date_of_birth = ${p.dateOfBirth} and merged_into_id is null`,
    );
  }
  if (p.email) {
    branches.push(
      sql`select id, search_name from patients where lower(email) = ${p.email} and merged_into_id is null`,
    );
    branches.push(
      sql`select p.id, p.search_name from users u join patients p on p.user_id = u.id
             where u.email = ${p.email} and p.merged_into_id is null`,
    );
  }
  if (branches.length === 0) return [];
  const rows = await queryRows<{ id: string; registered_here: boolean }>(
    exec,
    sql`select c.id, exists (select 1 from patient_registrations r
                              where r.patient_id = c.id and r.hospital_id = ${hospitalId}) as registered_here
          from (${sql.join(branches, sql` union `)}) c
         where similarity(c.search_name, ${p.searchName}) >= 0.5
         limit 3`,
  );
  return rows.map((r) => ({ id: r.id, registeredHere: r.registered_here }));
}

/** Ends every registration of a merged record; says which MRNs it had, at which hospitals. */
export async function endRegistrations(
  exec: Executor,
  patientId: string,
): Promise<{ hospitalId: string; mrn: string }[]> {
  return exec
    .delete(patientRegistrations)
    .where(eq(patientRegistrations.patientId, patientId))
    .returning({ hospitalId: patientRegistrations.hospitalId, mrn: patientRegistrations.mrn });
}

/** Marks a temporary record as merged into the person's own. */
export async function markMerged(exec: Executor, id: string, intoId: string, by: string): Promise<void> {
  await exec
    .update(patients)
    .set({ mergedIntoId: intoId, mergedAt: sql`now()`, mergedBy: by, updatedAt: new Date() })
    .where(eq(patients.id, id));
}
