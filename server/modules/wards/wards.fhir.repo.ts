// What the FHIR API reads of the wards (admissions.fhir.ts, vitals.fhir.ts, locations.fhir.ts):
// admissions' attending doctors, pages of a patient's charted vital signs filtered and ordered in
// SQL, and the wards, rooms and beds as one list of places. Always at one hospital.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { DateRange } from '../../platform/fhir/fhir.params';
import { datesCondition } from '../../platform/fhir/fhir.sql';

const page = (limit: number, offset: number) => sql`limit ${limit} offset ${offset}`;
const where = (conds: SQL[]) => sql.join(conds, sql` and `);

/**
 * The attending doctor of each admission (as the patient's own list names them): the doctor of the
 * consultation it came from, else the doctor who discharged, else the one who admitted the patient.
 */
export async function attendingDoctors(
  exec: Executor,
  admissionIds: string[],
): Promise<Map<string, { userId: string; name: string }>> {
  if (admissionIds.length === 0) return new Map();
  const rows = await queryRows<{ admissionId: string; userId: string; name: string }>(
    exec,
    sql`select a.id as "admissionId", d.user_id as "userId", u.full_name as name
          from admissions a
          cross join lateral (
            select user_id from (
              select 1 as rank, dp.user_id from consultations c
                join doctor_profiles dp on dp.id = c.doctor_profile_id where c.id = a.consultation_id
              union all
              select 2, dp.user_id from doctor_profiles dp
               where dp.user_id = a.discharged_by and dp.hospital_id = a.hospital_id and dp.status = 'approved'
              union all
              select 3, dp.user_id from doctor_profiles dp
               where dp.user_id = a.admitted_by and dp.hospital_id = a.hospital_id and dp.status = 'approved'
            ) x order by rank limit 1
          ) d
          join users u on u.id = d.user_id
         where a.id = any(${sql.param(admissionIds)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.admissionId, { userId: r.userId, name: r.name }]));
}

// ---------------------------------------------------------------- vital signs

/** One vital sign of a charted set: the set's row, which sign, and who charted it. */
export interface VitalSignRow {
  id: string;
  sign: string;
  admissionId: string;
  patientId: string;
  patientName: string;
  takenAt: string;
  createdAt: string;
  systolic: number | null;
  diastolic: number | null;
  pulse: number | null;
  temperatureC: string | null;
  spo2: number | null;
  respiratoryRate: number | null;
  painScore: number | null;
  bloodGlucoseMgDl: number | null;
  recordedBy: string;
  recordedByName: string;
  /** Whether who charted it is a doctor here (a Practitioner of the FHIR API). */
  recordedByDoctor: boolean;
}

/** Each charted set unfolds into one row per sign it holds (`sign` is the short name in its id). */
const SIGNS = sql`admission_vitals v
  join admissions a on a.id = v.admission_id
  join patients p on p.id = a.patient_id
  cross join lateral (values ('bp', v.systolic is not null), ('hr', v.pulse is not null),
    ('temp', v.temperature_c is not null), ('spo2', v.spo2 is not null),
    ('rr', v.respiratory_rate is not null), ('pain', v.pain_score is not null),
    ('glu', v.blood_glucose_mg_dl is not null)) s(sign, present)`;

const SIGN_COLUMNS = sql`v.id, s.sign, v.admission_id as "admissionId", a.patient_id as "patientId",
  trim(p.given_name || ' ' || p.family_name) as "patientName", v.taken_at as "takenAt",
  v.created_at as "createdAt", v.systolic, v.diastolic, v.pulse, v.temperature_c as "temperatureC",
  v.spo2, v.respiratory_rate as "respiratoryRate", v.pain_score as "painScore",
  v.blood_glucose_mg_dl as "bloodGlucoseMgDl", v.recorded_by as "recordedBy",
  u.full_name as "recordedByName",
  exists (select 1 from doctor_profiles dp where dp.user_id = v.recorded_by
           and dp.hospital_id = v.hospital_id and dp.status = 'approved') as "recordedByDoctor"`;

/** A patient's vital signs charted on their stays here, newest first, of the signs asked for. */
export async function vitalSignPage(
  exec: Executor,
  hospitalId: string,
  q: {
    patientId: string;
    signs: readonly string[];
    dates?: readonly DateRange[];
    limit: number;
    offset: number;
  },
): Promise<{ rows: VitalSignRow[]; total: number }> {
  const conds = [
    sql`v.hospital_id = ${hospitalId}`,
    sql`a.patient_id = ${q.patientId}`,
    sql`s.present`,
    sql`s.sign = any(${sql.param([...q.signs])}::text[])`,
  ];
  const taken = datesCondition(sql`v.taken_at`, q.dates);
  if (taken) conds.push(taken);
  const [rows, [count]] = await Promise.all([
    queryRows<VitalSignRow>(
      exec,
      sql`select ${SIGN_COLUMNS} from ${SIGNS} join users u on u.id = v.recorded_by
           where ${where(conds)} order by v.taken_at desc, v.id desc, s.sign ${page(q.limit, q.offset)}`,
    ),
    queryRows<{ n: number }>(exec, sql`select count(*)::int as n from ${SIGNS} where ${where(conds)}`),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** One sign of one charted set at the hospital, if the set holds it. */
export async function vitalSign(
  exec: Executor,
  hospitalId: string,
  id: string,
  sign: string,
): Promise<VitalSignRow | null> {
  const [row] = await queryRows<VitalSignRow>(
    exec,
    sql`select ${SIGN_COLUMNS} from ${SIGNS} join users u on u.id = v.recorded_by
         where v.hospital_id = ${hospitalId} and v.id = ${id} and s.sign = ${sign} and s.present`,
  );
  return row ?? null;
}

// ---------------------------------------------------------------- places

/** A ward, room or bed, with what it is part of. */
export interface PlaceRow {
  kind: 'ward' | 'room' | 'bed';
  id: string;
  hospitalId: string;
  name: string;
  active: boolean;
  /** A ward's kind (general, icu …) or a bed's type (standard, icu …). */
  type: string | null;
  /** A bed's state now. */
  state: string | null;
  parentId: string | null;
  parentName: string | null;
  /** The ward of a bed (a room's is its parent). */
  wardName: string | null;
  createdAt: string;
  updatedAt: string;
}

const PLACES = sql`(
  select 'ward' as kind, w.id, w.hospital_id, w.name, w.active, w.kind as type, null as state,
         null::uuid as parent_id, null as parent_name, null as ward_name, w.created_at, w.updated_at
    from wards w
  union all
  select 'room', r.id, r.hospital_id, r.name, r.active, null, null, w.id, w.name, null,
         r.created_at, r.updated_at
    from ward_rooms r join wards w on w.id = r.ward_id
  union all
  select 'bed', b.id, b.hospital_id, b.label, b.active, b.bed_type, b.state, r.id, r.name, w.name,
         b.created_at, b.updated_at
    from beds b join ward_rooms r on r.id = b.room_id join wards w on w.id = b.ward_id
) l`;

const PLACE_COLUMNS = sql`l.kind, l.id, l.hospital_id as "hospitalId", l.name, l.active, l.type,
  l.state, l.parent_id as "parentId", l.parent_name as "parentName", l.ward_name as "wardName",
  l.created_at as "createdAt", l.updated_at as "updatedAt"`;

/** The hospital's wards, rooms and beds, newest first: by name (its start), what they are in, kind. */
export async function placePage(
  exec: Executor,
  hospitalId: string,
  q: { namePrefix?: string; partOf?: string; kind?: string; limit: number; offset: number },
): Promise<{ rows: PlaceRow[]; total: number }> {
  const conds = [sql`l.hospital_id = ${hospitalId}`];
  if (q.namePrefix !== undefined) conds.push(sql`starts_with(lower(l.name), ${q.namePrefix.toLowerCase()})`);
  if (q.partOf) conds.push(sql`l.parent_id = ${q.partOf}`);
  if (q.kind) conds.push(sql`l.kind = ${q.kind}`);
  const [rows, [count]] = await Promise.all([
    queryRows<PlaceRow>(
      exec,
      sql`select ${PLACE_COLUMNS} from ${PLACES} where ${where(conds)}
           order by l.created_at desc, l.id desc ${page(q.limit, q.offset)}`,
    ),
    queryRows<{ n: number }>(exec, sql`select count(*)::int as n from ${PLACES} where ${where(conds)}`),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function place(exec: Executor, hospitalId: string, id: string): Promise<PlaceRow | null> {
  const [row] = await queryRows<PlaceRow>(
    exec,
    sql`select ${PLACE_COLUMNS} from ${PLACES} where l.hospital_id = ${hospitalId} and l.id = ${id}`,
  );
  return row ?? null;
}
