// The rows the FHIR resources of consultations are made from: consultations, their vital signs (one
// row, several Observations), diagnoses and prescribed lines, each filtered and paged in SQL, always
// within one hospital. Timestamps come back as ISO strings formatted by the database.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { DateRange } from '../../platform/fhir/fhir.params';
import { datesCondition } from '../../platform/fhir/fhir.sql';
import { MEDICINE_NAME } from './clinical.repo';

export interface Page {
  limit: number;
  offset: number;
}

const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const both = (parts: (SQL | null)[]) =>
  sql.join(
    parts.filter((p): p is SQL => p !== null),
    sql` and `,
  );

/**
 * What a query asks: `column = value` for each value given (the hospital's always), and the other
 * conditions. The columns are this file's own words, never a caller's.
 */
function filter(equal: Record<string, string | undefined>, ...more: (SQL | null)[]): SQL {
  const equals = Object.entries(equal).map(([col, v]) =>
    v === undefined ? null : sql`${sql.raw(col)} = ${v}`,
  );
  return both([...equals, ...more]);
}

const dateSql = datesCondition;

const PATIENT_NAME = sql`trim(p.given_name || ' ' || p.family_name) as "patientName"`;

/** One page of a query's rows, newest first as `orderBy` says, and how many match in all. */
async function paged<T>(
  exec: Executor,
  q: { columns: SQL; from: SQL; where: SQL; orderBy: SQL },
  page: Page,
): Promise<{ rows: T[]; total: number }> {
  const [items, [counted]] = await Promise.all([
    queryRows<T>(
      exec,
      sql`select ${q.columns} from ${q.from} where ${q.where}
           order by ${q.orderBy} limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ n: number }>(exec, sql`select count(*)::int as n from ${q.from} where ${q.where}`),
  ]);
  return { rows: items, total: Number(counted?.n ?? 0) };
}

// ---------------------------------------------------------------- consultations

export interface ConsultationFilter {
  hospitalId: string;
  id?: string;
  patientId?: string;
  status?: string;
  opened?: readonly DateRange[];
}

export interface EncounterRow {
  id: string;
  /** The same: the encounter is the consultation. */
  consultationId: string;
  hospitalId: string;
  hospitalName: string;
  patientId: string;
  patientName: string;
  doctorUserId: string;
  doctorName: string;
  appointmentId: string | null;
  status: string;
  chiefComplaint: string;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
}

export function consultationsForFhir(exec: Executor, f: ConsultationFilter, page: Page) {
  const where = filter(
    { 'c.hospital_id': f.hospitalId, 'c.id': f.id, 'c.patient_id': f.patientId, 'c.status': f.status },
    dateSql(sql`c.opened_at`, f.opened),
  );
  return paged<EncounterRow>(
    exec,
    {
      columns: sql`c.id, c.id as "consultationId", c.hospital_id as "hospitalId", h.name as "hospitalName", c.patient_id as "patientId",
               ${PATIENT_NAME}, c.doctor_user_id as "doctorUserId", u.full_name as "doctorName",
               c.appointment_id as "appointmentId", c.status, c.chief_complaint as "chiefComplaint",
               ${iso(sql`c.opened_at`)} as "openedAt", ${iso(sql`c.closed_at`)} as "closedAt",
               ${iso(sql`c.updated_at`)} as "updatedAt"`,
      from: sql`consultations c join hospitals h on h.id = c.hospital_id
                join patients p on p.id = c.patient_id join users u on u.id = c.doctor_user_id`,
      where,
      orderBy: sql`c.opened_at desc, c.id desc`,
    },
    page,
  );
}

// ---------------------------------------------------------------- diagnoses

export interface DiagnosisFilter {
  hospitalId: string;
  id?: string;
  patientId?: string;
  consultationIds?: string[];
  code?: string;
}

export interface DiagnosisFhirRow {
  id: string;
  consultationId: string;
  consultationStatus: string;
  patientId: string;
  patientName: string;
  doctorUserId: string;
  doctorName: string;
  code: string | null;
  title: string | null;
  description: string;
  primary: boolean;
  /** When the visit began: the diagnosis is the visit's. */
  recordedAt: string;
}

export function diagnosesForFhir(exec: Executor, f: DiagnosisFilter, page: Page) {
  const where = filter(
    { 'c.hospital_id': f.hospitalId, 'd.id': f.id, 'c.patient_id': f.patientId, 'd.code': f.code },
    f.consultationIds ? sql`c.id = any(${sql.param(f.consultationIds)}::uuid[])` : null,
  );
  return paged<DiagnosisFhirRow>(
    exec,
    {
      columns: sql`d.id, c.id as "consultationId", c.status as "consultationStatus", c.patient_id as "patientId",
               ${PATIENT_NAME}, c.doctor_user_id as "doctorUserId", u.full_name as "doctorName", d.code,
               i.title, d.description, d.is_primary as "primary", ${iso(sql`c.opened_at`)} as "recordedAt"`,
      from: sql`consultation_diagnoses d join consultations c on c.id = d.consultation_id
                join patients p on p.id = c.patient_id join users u on u.id = c.doctor_user_id
                left join icd10_codes i on i.code = d.code`,
      where,
      orderBy: sql`c.opened_at desc, c.id desc, d.position`,
    },
    page,
  );
}

// ---------------------------------------------------------------- vital signs

/** The Observations one vital-signs row holds, in the order they are listed. */
export const VITAL_KINDS = ['bp', 'hr', 'temp', 'spo2', 'wt', 'ht', 'bmi'] as const;
export type VitalKind = (typeof VITAL_KINDS)[number];

export interface VitalFilter {
  hospitalId: string;
  id?: string;
  patientId?: string;
  kinds?: readonly VitalKind[];
  recorded?: readonly DateRange[];
}

export interface VitalFhirRow {
  id: string;
  kind: VitalKind;
  patientId: string;
  patientName: string;
  consultationId: string | null;
  recordedBy: string;
  recorderName: string;
  recordedAt: string;
  systolic: number | null;
  diastolic: number | null;
  pulse: number | null;
  temperatureC: string | null;
  spo2: number | null;
  weightKg: string | null;
  heightCm: string | null;
}

// One row per value measured (BMI where weight and height both are), so paging counts Observations.
const EXPANDED = sql`vital_signs v cross join lateral (values
    (1, 'bp', v.systolic is not null), (2, 'hr', v.pulse is not null),
    (3, 'temp', v.temperature_c is not null), (4, 'spo2', v.spo2 is not null),
    (5, 'wt', v.weight_kg is not null), (6, 'ht', v.height_cm is not null),
    (7, 'bmi', v.weight_kg is not null and v.height_cm is not null)) k(ord, kind, present)`;

export function vitalsForFhir(exec: Executor, f: VitalFilter, page: Page) {
  const where = filter(
    { 'v.hospital_id': f.hospitalId, 'v.id': f.id, 'v.patient_id': f.patientId },
    sql`k.present`,
    f.kinds ? sql`k.kind = any(${sql.param([...f.kinds])}::text[])` : null,
    dateSql(sql`v.recorded_at`, f.recorded),
  );
  return paged<VitalFhirRow>(
    exec,
    {
      columns: sql`v.id, k.kind, v.patient_id as "patientId", ${PATIENT_NAME},
               v.consultation_id as "consultationId", v.recorded_by as "recordedBy", u.full_name as "recorderName",
               ${iso(sql`v.recorded_at`)} as "recordedAt", v.systolic, v.diastolic, v.pulse,
               v.temperature_c as "temperatureC", v.spo2, v.weight_kg as "weightKg", v.height_cm as "heightCm"`,
      from: sql`${EXPANDED} join patients p on p.id = v.patient_id join users u on u.id = v.recorded_by`,
      where,
      orderBy: sql`v.recorded_at desc, v.id desc, k.ord`,
    },
    page,
  );
}

// ---------------------------------------------------------------- prescribed lines

export interface PrescribedFilter {
  hospitalId: string;
  id?: string;
  patientId?: string;
  consultationId?: string;
  /** A MedicationRequest status, as `statusSql` works it out. */
  status?: string;
  authored?: readonly DateRange[];
}

export interface PrescribedRow {
  id: string;
  prescriptionId: string;
  consultationId: string;
  patientId: string;
  patientName: string;
  status: string;
  authoredOn: string;
  prescriberUserId: string;
  prescriberName: string;
  medicineId: string;
  medicineName: string;
  dispensingUnit: string;
  quantity: number;
  directions: string | null;
}

/**
 * A line's MedicationRequest status from its prescription's and its own dispensing: cancelled
 * before anything was given (cancelled) or after (stopped), all given (completed), else active.
 */
const STATUS = sql`case
    when rx.status = 'cancelled' then case when l.quantity_dispensed > 0 then 'stopped' else 'cancelled' end
    when rx.status = 'dispensed' or l.quantity_dispensed >= l.quantity_prescribed then 'completed'
    else 'active' end`;

/** The lines of prescriptions written in consultations (the pharmacy keeps them once closed). */
export function prescribedForFhir(exec: Executor, f: PrescribedFilter, page: Page) {
  const where = filter(
    { 'c.hospital_id': f.hospitalId, 'l.id': f.id, 'rx.patient_id': f.patientId, 'c.id': f.consultationId },
    f.status === undefined ? null : sql`(${STATUS}) = ${f.status}`,
    dateSql(sql`rx.created_at`, f.authored),
  );
  return paged<PrescribedRow>(
    exec,
    {
      columns: sql`l.id, rx.id as "prescriptionId", c.id as "consultationId", rx.patient_id as "patientId",
               ${PATIENT_NAME}, ${STATUS} as status, ${iso(sql`rx.created_at`)} as "authoredOn",
               coalesce(rx.prescriber_user_id, c.doctor_user_id) as "prescriberUserId",
               rx.prescriber_name as "prescriberName", l.medicine_id as "medicineId",
               ${MEDICINE_NAME} as "medicineName", m.dispensing_unit as "dispensingUnit",
               l.quantity_prescribed as quantity, l.directions`,
      from: sql`prescription_lines l join prescriptions rx on rx.id = l.prescription_id
                join consultations c on c.prescription_id = rx.id join medicines m on m.id = l.medicine_id
                join patients p on p.id = rx.patient_id`,
      where,
      orderBy: sql`rx.created_at desc, rx.id desc, l.position`,
    },
    page,
  );
}
