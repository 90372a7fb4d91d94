// What other modules may learn about patients: enough to name them on their own records, and only
// for patients registered at the hospital asking (or the patient themselves).
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export interface PatientBrief {
  id: string;
  name: string;
  /** The MRN at the hospital asked about; null when the patient is not registered there. */
  mrn: string | null;
  /** The patient's own account, when they have one (for notices). */
  userId: string | null;
}

/** Names (and MRNs at `hospitalId`) of several patients, for lists; unknown ids are left out. */
export async function patientBriefs(
  exec: Executor,
  ids: readonly string[],
  hospitalId: string | null,
): Promise<Map<string, PatientBrief>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<PatientBrief>(
    exec,
    sql`select p.id, trim(p.given_name || ' ' || p.family_name) as name, r.mrn, p.user_id as "userId"
          from patients p
          left join patient_registrations r on r.patient_id = p.id and r.hospital_id = ${hospitalId}
         where p.id = any(${sql.param(unique)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The patient if registered at the hospital (what staff there may see), else null. */
export async function registeredPatient(
  exec: Executor,
  patientId: string,
  hospitalId: string,
): Promise<PatientBrief | null> {
  const brief = (await patientBriefs(exec, [patientId], hospitalId)).get(patientId);
  return brief?.mrn ? brief : null;
}

/** A patient and how to reach them (record e-mail and phone), for a notice about a visit. */
export interface PatientContact extends PatientBrief {
  email: string | null;
  phone: string | null;
}

/**
 * A scalar subquery: the patient's `PatientContact` as JSON, with the MRN at `hospitalId` (null when
 * not registered there); null when there is no such patient. Booking reads it in the statement that
 * reads the doctor's hours, with the doctor's hospital as `hospitalId`.
 */
export function patientContactSql(
  patientId: string | Placeholder | SQL,
  hospitalId: SQL,
): SQL<PatientContact | null> {
  return sql`(select json_build_object('id', p.id, 'name', trim(p.given_name || ' ' || p.family_name),
                       'mrn', r.mrn, 'userId', p.user_id, 'email', p.email, 'phone', p.phone)
                from patients p
                left join patient_registrations r on r.patient_id = p.id and r.hospital_id = ${hospitalId}
               where p.id = ${patientId})`;
}

/** A patient's active recorded allergies (for warnings when prescribing), most severe first. */
export async function activeAllergies(
  exec: Executor,
  patientId: string,
): Promise<{ substance: string; reaction: string; severity: string }[]> {
  return queryRows(
    exec,
    sql`select substance, reaction, severity from patient_allergies
         where patient_id = ${patientId} and status = 'active'
         order by case severity when 'severe' then 0 when 'moderate' then 1 when 'mild' then 2 else 3 end, substance`,
  );
}

/** Sex and date of birth of a patient (for a prescription's header); null if unknown. */
export async function patientDemographics(
  exec: Executor,
  patientId: string,
): Promise<{ sex: string; dateOfBirth: string | null } | null> {
  const [row] = await queryRows<{ sex: string; dateOfBirth: string | null }>(
    exec,
    sql`select sex, to_char(date_of_birth, 'YYYY-MM-DD') as "dateOfBirth" from patients where id = ${patientId}`,
  );
  return row ?? null;
}
