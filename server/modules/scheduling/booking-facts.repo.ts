// What booking needs of a doctor, read in one statement built once (booking runs it on every
// request, ADR 18): the doctor and their hospital, weekly hours, exceptions and, for a booking, the
// patient's contact and registration at the doctor's hospital.
import { sql, type SQL } from 'drizzle-orm';
import { positionalRows, type Executor } from '../../db/client';
import { fixedStatement } from '../../db/fixed-statement';
import { bookableDoctorSql } from '../organisation';
import { patientContactSql, type PatientContact } from '../patients';
import type { DoctorFacts } from './scheduling.repo';
import type { ExceptionRule, TemplateRule } from './slots';

/** What booking needs of a doctor, all read in one statement (booking is the hot write path). */
export interface BookingFacts extends DoctorFacts {
  fullName: string;
  /** Read along only when asked for (booking): the patient's contact at the doctor's hospital. */
  patient: PatientContact | null;
  bookable: boolean;
  hospital: { id: string; name: string; timeZone: string };
  templates: TemplateRule[];
  exceptions: ExceptionRule[];
}

/**
 * The statement behind `bookingFactsOf`, built once (booking runs it on every request): with the
 * patient's contact and registration at the doctor's hospital read along, or without.
 */
const factsStatement = (withPatient: boolean) =>
  fixedStatement<{ ids: string[]; from: string; to: string; patientId?: string }>(() => {
    const hhmm = (col: SQL) => sql`to_char(${col}, 'HH24:MI')`;
    const patient = withPatient
      ? patientContactSql(sql.placeholder('patientId'), sql`d.hospital_id`)
      : sql`null`;
    return sql`select d.id, d.hospital_id as "hospitalId", d.user_id as "userId", d.status,
               ${patient} as patient,
               u.full_name as "fullName", ${bookableDoctorSql()} as bookable,
               h.name as "hospitalName", h.time_zone as "timeZone",
               coalesce((select json_agg(json_build_object(
                          'weekday', t.weekday, 'startTime', ${hhmm(sql`t.start_time`)},
                          'endTime', ${hhmm(sql`t.end_time`)}, 'slotMinutes', t.slot_minutes,
                          'effectiveFrom', t.effective_from, 'effectiveTo', t.effective_to))
                           from availability_templates t where t.doctor_profile_id = d.id), '[]') as templates,
               coalesce((select json_agg(json_build_object(
                          'startsOn', e.starts_on, 'endsOn', e.ends_on,
                          'startTime', ${hhmm(sql`e.start_time`)}, 'endTime', ${hhmm(sql`e.end_time`)}))
                           from availability_exceptions e
                          where e.hospital_id = d.hospital_id
                            and (e.doctor_profile_id = d.id or e.doctor_profile_id is null)
                            and e.starts_on <= ${sql.placeholder('to')}::date
                            and e.ends_on >= ${sql.placeholder('from')}::date), '[]') as exceptions
          from doctor_profiles d
          join users u on u.id = d.user_id
          join hospitals h on h.id = d.hospital_id
         where d.id = any(${sql.placeholder('ids')}::uuid[])`;
  });
const facts = { plain: factsStatement(false), withPatient: factsStatement(true) };

/**
 * A doctor profile with its name, whether it can be booked, its hospital's name and time zone, its
 * weekly hours and the exceptions (its own and the hospital's) touching the UTC dates `from`..`to`.
 * With `patientId`, the patient's contact and registration at the doctor's hospital come along.
 */
export async function bookingFacts(
  exec: Executor,
  doctorId: string,
  range: { from: string; to: string },
  patientId?: string,
): Promise<BookingFacts | undefined> {
  return (await bookingFactsOf(exec, [doctorId], range, patientId))[0];
}

/** `bookingFacts` of many doctors in one statement (the doctor finder's next free times). */
export async function bookingFactsOf(
  exec: Executor,
  doctorIds: string[],
  range: { from: string; to: string },
  patientId?: string,
): Promise<BookingFacts[]> {
  const values = { ids: doctorIds, from: range.from, to: range.to };
  const rows = await positionalRows<BookingFacts & { hospitalName: string; timeZone: string }>(
    exec,
    patientId === undefined ? facts.plain(values) : facts.withPatient({ ...values, patientId }),
  );
  return rows.map(({ hospitalName, timeZone, ...f }) => ({
    ...f,
    hospital: { id: f.hospitalId, name: hospitalName, timeZone },
  }));
}
