// What booking needs of a doctor, read in one statement built once (booking runs it on every
// request, ADR 18): the doctor and their hospital, weekly hours, exceptions and, for a booking, the
// patient's contact and registration at the doctor's hospital.
import { sql, type SQL } from 'drizzle-orm';
import { BatchedLookup, perDatabase, UUID } from '../../db/batched-lookup';
import { positionalRows, type Db, type Executor } from '../../db/client';
import { fixedStatement } from '../../db/fixed-statement';
import type { Positional } from '../../db/side-writes';
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
 * The select behind the facts: the doctors `source` names (as `d`, joined to anything else it
 * needs), the exceptions touching the dates `from`..`to`, and the patient's contact when `patient`
 * gives their id.
 */
function factsSelect(o: { columns?: SQL; source: SQL; from: SQL; to: SQL; patient: SQL | null }): SQL {
  const hhmm = (col: SQL) => sql`to_char(${col}, 'HH24:MI')`;
  const patient = o.patient ? patientContactSql(o.patient, sql`d.hospital_id`) : sql`null`;
  return sql`select ${o.columns ?? sql``}d.id, d.hospital_id as "hospitalId", d.user_id as "userId", d.status,
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
                          and e.starts_on <= ${o.to}
                          and e.ends_on >= ${o.from}), '[]') as exceptions
        from ${o.source}
        join users u on u.id = d.user_id
        join hospitals h on h.id = d.hospital_id`;
}

/**
 * The statement behind `bookingFactsOf`, built once (booking runs it on every request): with the
 * patient's contact and registration at the doctor's hospital read along, or without.
 */
const factsStatement = (withPatient: boolean) =>
  fixedStatement<{ ids: string[]; from: string; to: string; patientId?: string }>(
    () =>
      sql`${factsSelect({
        source: sql`doctor_profiles d`,
        from: sql`${sql.placeholder('from')}::date`,
        to: sql`${sql.placeholder('to')}::date`,
        patient: withPatient ? sql`${sql.placeholder('patientId')}::uuid` : null,
      })}
       where d.id = any(${sql.placeholder('ids')}::uuid[])`,
  );
const facts = { plain: factsStatement(false), withPatient: factsStatement(true) };

/**
 * Many bookings' facts in one statement: each element of `keys` (JSON) is one booking's doctor,
 * dates and patient, and answers with its `n` (a doctor booked twice in the batch comes back once
 * per booking). The keys come as a JSON array rather than as arrays to unnest: PostgreSQL sizes
 * `unnest` of an array it is given, so every plan for a batch of a new size cost less than the
 * generic plan, and it planned this statement anew on every run (0.6 ms, more than running it).
 * `json_to_recordset` is sized the same whatever it is given, and the generic plan is kept.
 */
const batchStatement = fixedStatement<{ keys: string }>(() =>
  factsSelect({
    columns: sql`k.n, `,
    source: sql`json_to_recordset(${sql.placeholder('keys')}::json)
                  as k(doctor_id uuid, from_date date, to_date date, patient_id uuid, n int)
        join doctor_profiles d on d.id = k.doctor_id`,
    from: sql`k.from_date`,
    to: sql`k.to_date`,
    patient: sql`k.patient_id`,
  }),
);

/** The batch read of `committedBookingFacts` keys (`doctor from to patient`), as sent. */
export function bookingFactsBatch(keys: readonly string[]): Positional {
  const rows = keys.map((k, i) => {
    const [doctor_id, from_date, to_date, patient_id] = k.split(' ');
    return { doctor_id, from_date, to_date, patient_id, n: i + 1 };
  });
  return batchStatement({ keys: JSON.stringify(rows) });
}

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
  const rows = await positionalRows<FactsRow>(
    exec,
    patientId === undefined ? facts.plain(values) : facts.withPatient({ ...values, patientId }),
  );
  return rows.map(toFacts);
}

type FactsRow = BookingFacts & { hospitalName: string; timeZone: string };

function toFacts({ hospitalName, timeZone, ...f }: FactsRow): BookingFacts {
  return { ...f, hospital: { id: f.hospitalId, name: hospitalName, timeZone } };
}

/**
 * `bookingFacts` with the patient, as committed, for a booking outside a transaction: bookings that
 * arrive together share one statement (`BatchedLookup`, ADR 23). Never pass a transaction. The
 * facts returned may be shared with another booking of the same doctor, dates and patient:
 * read-only.
 */
export function committedBookingFacts(
  db: Db,
  doctorId: string,
  range: { from: string; to: string },
  patientId: string,
): Promise<BookingFacts | undefined> {
  if (!UUID.test(doctorId) || !UUID.test(patientId)) return Promise.resolve(undefined);
  const key = [doctorId.toLowerCase(), range.from, range.to, patientId.toLowerCase()].join(' ');
  return factsLookup(db).load(key);
}

/** How many statements the batched booking reads on this database sent, and how many bookings they carried. */
export function bookingFactsReads(db: Db): { fetches: number; keys: number } {
  return { ...factsLookup(db).sent };
}

const factsLookup = perDatabase(
  (db) =>
    new BatchedLookup(async (keys) => {
      const rows = await positionalRows<FactsRow & { n: number }>(db, bookingFactsBatch(keys));
      return new Map(rows.map(({ n, ...row }) => [keys[n - 1]!, toFacts(row)]));
    }),
);
