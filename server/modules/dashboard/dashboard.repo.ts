// The dashboard is a read model over other modules' tables. It reads them with plain SQL rather than
// importing their drizzle tables, so no module's internals leak into another's imports; every query
// filters by the hospital (or the person) the caller may see, and none writes.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export interface HospitalCounts {
  patients: number;
  registrations_today: number;
  doctors_approved: number;
  doctors_pending: number;
  staff: number;
  departments: number;
}

/** Headline counts for one hospital; "today" is the calendar day in the hospital's own time zone. */
export async function countHospitalFigures(
  exec: Executor,
  hospitalId: string,
  timeZone: string,
): Promise<HospitalCounts> {
  const rows = await queryRows<HospitalCounts>(
    exec,
    sql`
    select
      (select count(*)::int from patient_registrations where hospital_id = ${hospitalId}) as patients,
      (select count(*)::int from patient_registrations
        where hospital_id = ${hospitalId}
          and registered_at >= (date_trunc('day', now() at time zone ${timeZone}) at time zone ${timeZone})) as registrations_today,
      (select count(*)::int from doctor_profiles where hospital_id = ${hospitalId} and status = 'approved') as doctors_approved,
      (select count(*)::int from doctor_profiles where hospital_id = ${hospitalId} and status = 'pending') as doctors_pending,
      (select count(distinct m.user_id)::int from memberships m join users u on u.id = m.user_id
        where m.hospital_id = ${hospitalId} and m.active and u.status = 'active') as staff,
      (select count(*)::int from departments where hospital_id = ${hospitalId} and active) as departments`,
  );
  return rows[0]!;
}

export interface PlatformCounts {
  hospitals: number;
  users: number;
}

export async function countPlatformFigures(exec: Executor): Promise<PlatformCounts> {
  const rows = await queryRows<PlatformCounts>(
    exec,
    sql`select (select count(*)::int from hospitals where active) as hospitals,
               (select count(*)::int from users where status = 'active') as users`,
  );
  return rows[0]!;
}

export interface RecentRegistrationRow {
  patient_id: string;
  given_name: string;
  family_name: string;
  mrn: string;
  registered_at: Date | string;
}

export async function findRecentRegistrations(
  exec: Executor,
  hospitalId: string,
  limit: number,
): Promise<RecentRegistrationRow[]> {
  return queryRows<RecentRegistrationRow>(
    exec,
    sql`
    select r.patient_id, p.given_name, p.family_name, r.mrn, r.registered_at
      from patient_registrations r join patients p on p.id = r.patient_id
     where r.hospital_id = ${hospitalId}
     order by r.registered_at desc, r.id desc
     limit ${limit}`,
  );
}

export interface OwnRecordRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | Date | null;
  sex: string;
  blood_group: string | null;
  active_allergies: number;
  active_conditions: number;
}

export async function findOwnRecord(exec: Executor, patientId: string): Promise<OwnRecordRow | undefined> {
  const rows = await queryRows<OwnRecordRow>(
    exec,
    sql`
    select p.id, p.given_name, p.family_name, p.date_of_birth::text as date_of_birth, p.sex, p.blood_group,
      (select count(*)::int from patient_allergies a where a.patient_id = p.id and a.status = 'active') as active_allergies,
      (select count(*)::int from patient_conditions c where c.patient_id = p.id and c.status = 'active') as active_conditions
      from patients p where p.id = ${patientId}`,
  );
  return rows[0];
}

export interface OwnRegistrationRow {
  hospital_id: string;
  name: string;
  mrn: string;
  registered_at: Date | string;
  time_zone: string;
}

export async function findOwnRegistrations(exec: Executor, patientId: string): Promise<OwnRegistrationRow[]> {
  return queryRows<OwnRegistrationRow>(
    exec,
    sql`
    select r.hospital_id, h.name, r.mrn, r.registered_at, h.time_zone
      from patient_registrations r join hospitals h on h.id = r.hospital_id
     where r.patient_id = ${patientId}
     order by r.registered_at`,
  );
}

export interface DoctorApplicationRow {
  hospital_id: string;
  hospital_name: string;
  specialty: string;
  status: string;
  rejection_reason: string | null;
  created_at: Date | string;
}

export async function findDoctorApplications(
  exec: Executor,
  userId: string,
): Promise<DoctorApplicationRow[]> {
  return queryRows<DoctorApplicationRow>(
    exec,
    sql`
    select d.hospital_id, h.name as hospital_name, d.specialty, d.status, d.rejection_reason, d.created_at
      from doctor_profiles d join hospitals h on h.id = d.hospital_id
     where d.user_id = ${userId}
     order by d.created_at`,
  );
}
