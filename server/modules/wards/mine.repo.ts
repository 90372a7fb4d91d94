// The patient's own stays at every hospital: each admission with its hospital and attending doctor
// (by SQL, as admissions read consultations: the hospitals, doctors and users are other modules').
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export interface OwnAdmissionRow {
  id: string;
  hospitalId: string;
  hospitalName: string;
  timeZone: string;
  status: 'active' | 'discharged';
  admittedAt: Date | string;
  dischargedAt: Date | string | null;
  reason: string;
  doctorName: string | null;
}

/** A doctor's name when `userId` holds a doctor profile at the admission's hospital. */
const doctorNamed = (userId: SQL) =>
  sql`(select u.full_name from doctor_profiles dp join users u on u.id = dp.user_id
        where dp.user_id = ${userId} and dp.hospital_id = a.hospital_id)`;

/**
 * The patient's admissions at every hospital, newest first. The attending doctor is the doctor of
 * the consultation they were admitted from, else the one who discharged them, else the one who
 * admitted them.
 */
export async function ownAdmissions(
  exec: Executor,
  patientId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: OwnAdmissionRow[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    queryRows<OwnAdmissionRow>(
      exec,
      sql`select a.id, a.hospital_id as "hospitalId", h.name as "hospitalName", h.time_zone as "timeZone",
                 a.status, a.admitted_at as "admittedAt", a.discharged_at as "dischargedAt", a.reason,
                 coalesce(
                   (select u.full_name from consultations c
                      join doctor_profiles dp on dp.id = c.doctor_profile_id
                      join users u on u.id = dp.user_id
                     where c.id = a.consultation_id),
                   ${doctorNamed(sql.raw('a.discharged_by'))},
                   ${doctorNamed(sql.raw('a.admitted_by'))}
                 ) as "doctorName"
            from admissions a
            join hospitals h on h.id = a.hospital_id
           where a.patient_id = ${patientId}
           order by a.admitted_at desc, a.id desc
           limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ n: number }>(
      exec,
      sql`select count(*)::int as n from admissions where patient_id = ${patientId}`,
    ),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}
