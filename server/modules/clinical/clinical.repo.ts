// Consultations, vitals, diagnoses, addenda and the ICD-10 list as rows. Doctor profiles, hospitals
// and the pharmacy's prescription lines belong to other modules: the few facts needed of them here
// (a doctor's name and registration, a hospital's letterhead, what was prescribed) are read by SQL.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import {
  consultationAddenda,
  consultationDiagnoses,
  consultations,
  icd10Codes,
  vitalSigns,
} from './clinical.tables';
import { escapeLike } from '../../db/like';

export type ConsultationRow = typeof consultations.$inferSelect;
export type VitalsRow = typeof vitalSigns.$inferSelect;
export type DiagnosisRow = typeof consultationDiagnoses.$inferSelect;
export type AddendumRow = typeof consultationAddenda.$inferSelect;
export type Icd10Row = typeof icd10Codes.$inferSelect;

// ---------------------------------------------------------------- ICD-10

export interface Icd10In {
  code: string;
  title: string;
  chapter: string | null;
}

/** Adds the codes the table lacks; codes already there (perhaps retitled by an import) stay as they are. */
export async function insertMissingCodes(exec: Executor, rows: readonly Icd10In[]): Promise<number> {
  if (rows.length === 0) return 0;
  const out = await queryRows<{ code: string }>(
    exec,
    sql`insert into icd10_codes (code, title, chapter)
        select * from unnest(${sql.param(rows.map((r) => r.code))}::text[],
                             ${sql.param(rows.map((r) => r.title))}::text[],
                             ${sql.param(rows.map((r) => r.chapter))}::text[])
        on conflict (code) do nothing
        returning code`,
  );
  return out.length;
}

/**
 * Adds new codes and brings known ones to the given title and chapter (active again). Returns how
 * many were added and how many changed; the rest were already so.
 */
export async function upsertCodes(
  tx: Tx,
  rows: readonly Icd10In[],
): Promise<{ added: number; updated: number }> {
  if (rows.length === 0) return { added: 0, updated: 0 };
  const out = await queryRows<{ inserted: boolean }>(
    tx,
    sql`insert into icd10_codes as c (code, title, chapter)
        select * from unnest(${sql.param(rows.map((r) => r.code))}::text[],
                             ${sql.param(rows.map((r) => r.title))}::text[],
                             ${sql.param(rows.map((r) => r.chapter))}::text[])
        on conflict (code) do update
           set title = excluded.title, chapter = excluded.chapter, active = true, updated_at = now()
         where (c.title, c.chapter, c.active) is distinct from (excluded.title, excluded.chapter, true)
        returning (xmax = 0) as inserted`,
  );
  const added = out.filter((r) => r.inserted).length;
  return { added, updated: out.length - added };
}

/**
 * Active codes matching a query: codes starting with it first, then titles containing it, then
 * titles like it (trigram word similarity, so a misspelt word still finds its code).
 */
export async function searchCodes(tx: Tx, q: string, limit: number): Promise<Icd10Row[]> {
  const lower = q.toLowerCase();
  const like = escapeLike(lower);
  const codePrefix = escapeLike(q.toUpperCase());
  // For this transaction only: looser than the default 0.6, so "diabetis melitus" finds E11.9.
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select code, title, chapter, active, created_at, updated_at from icd10_codes
         where active and (code like ${codePrefix + '%'}
                or lower(code || ' ' || title) like ${'%' + like + '%'}
                or ${lower} <% lower(code || ' ' || title))
         order by (code like ${codePrefix + '%'}) desc, case when code like ${codePrefix + '%'} then code end,
                  (lower(title) like ${like + '%'}) desc,
                  word_similarity(${lower}, lower(code || ' ' || title)) desc, code
         limit ${limit}`,
  );
  return rows.map((r) => ({
    code: r.code as string,
    title: r.title as string,
    chapter: (r.chapter as string | null) ?? null,
    active: Boolean(r.active),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  }));
}

/** The codes among `codes` that exist and are active, with their titles. */
export async function activeCodes(exec: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await exec
    .select({ code: icd10Codes.code, title: icd10Codes.title })
    .from(icd10Codes)
    .where(and(inArray(icd10Codes.code, codes), eq(icd10Codes.active, true)));
  return new Map(rows.map((r) => [r.code, r.title]));
}

// ---------------------------------------------------------------- doctors, hospitals

export interface DoctorFacts {
  id: string;
  userId: string;
  hospitalId: string;
  status: string;
  name: string;
  specialty: string;
  registrationNumber: string;
  qualifications: string;
}

const DOCTOR = sql`select dp.id, dp.user_id as "userId", dp.hospital_id as "hospitalId", dp.status,
                          u.full_name as name, dp.specialty, dp.registration_number as "registrationNumber",
                          dp.qualifications
                     from doctor_profiles dp join users u on u.id = dp.user_id`;

/** The caller's doctor profile at a hospital, if they have one. */
export async function doctorOfUser(
  exec: Executor,
  userId: string,
  hospitalId: string,
): Promise<DoctorFacts | undefined> {
  const [row] = await queryRows<DoctorFacts>(
    exec,
    sql`${DOCTOR} where dp.user_id = ${userId} and dp.hospital_id = ${hospitalId}`,
  );
  return row;
}

export async function doctorsByIds(exec: Executor, ids: string[]): Promise<Map<string, DoctorFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<DoctorFacts>(
    exec,
    sql`${DOCTOR} where dp.id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export interface Letterhead {
  id: string;
  name: string;
  addressLine: string;
  city: string;
  country: string;
  phone: string | null;
  email: string | null;
  timeZone: string;
}

export async function letterheads(exec: Executor, ids: string[]): Promise<Map<string, Letterhead>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<Letterhead>(
    exec,
    sql`select id, name, address_line as "addressLine", city, country, phone, email, time_zone as "timeZone"
          from hospitals where id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The hospital's local date today (YYYY-MM-DD). */
export async function localToday(exec: Executor, hospitalId: string): Promise<string> {
  const [row] = await queryRows<{ d: string }>(
    exec,
    sql`select to_char((now() at time zone h.time_zone)::date, 'YYYY-MM-DD') as d from hospitals h where h.id = ${hospitalId}`,
  );
  return row!.d;
}

export interface WrittenLineRow {
  prescriptionId: string;
  medicineId: string;
  medicineName: string;
  dispensingUnit: string;
  quantity: number;
  directions: string | null;
}

/** A medicine (`m`) as a prescription names it: "Paracetamol 500 mg tablet (Crocin)". */
export const MEDICINE_NAME = sql`m.generic_name || ' ' || m.strength || ' ' || m.form || coalesce(' (' || m.brand_name || ')', '')`;

/** What the pharmacy holds of the prescriptions these consultations wrote, line by line. */
export async function writtenLines(exec: Executor, prescriptionIds: string[]): Promise<WrittenLineRow[]> {
  if (prescriptionIds.length === 0) return [];
  const rows = await queryRows<WrittenLineRow>(
    exec,
    sql`select l.prescription_id as "prescriptionId", l.medicine_id as "medicineId",
               ${MEDICINE_NAME} as "medicineName",
               m.dispensing_unit as "dispensingUnit", l.quantity_prescribed as quantity, l.directions
          from prescription_lines l join medicines m on m.id = l.medicine_id
         where l.prescription_id = any(${sql.param(prescriptionIds)}::uuid[])
         order by l.prescription_id, l.position`,
  );
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

// ---------------------------------------------------------------- consultations

export async function insertConsultation(
  tx: Tx,
  values: typeof consultations.$inferInsert,
): Promise<ConsultationRow> {
  const [row] = await tx.insert(consultations).values(values).returning();
  return row!;
}

export async function findConsultation(
  exec: Executor,
  id: string,
  forUpdate = false,
): Promise<ConsultationRow | undefined> {
  const q = exec.select().from(consultations).where(eq(consultations.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function consultationOfAppointment(
  exec: Executor,
  appointmentId: string,
): Promise<ConsultationRow | undefined> {
  const [row] = await exec.select().from(consultations).where(eq(consultations.appointmentId, appointmentId));
  return row;
}

export async function updateConsultation(
  tx: Tx,
  id: string,
  values: Partial<typeof consultations.$inferInsert>,
): Promise<void> {
  await tx
    .update(consultations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(consultations.id, id));
}

export async function findVitals(exec: Executor, ids: string[]): Promise<Map<string, VitalsRow>> {
  if (ids.length === 0) return new Map();
  const rows = await exec.select().from(vitalSigns).where(inArray(vitalSigns.consultationId, ids));
  return new Map(rows.map((r) => [r.consultationId!, r]));
}

/** Replaces the consultation's vitals (none when `values` is null). */
export async function setVitals(
  tx: Tx,
  c: ConsultationRow,
  recordedBy: string,
  values: Pick<
    typeof vitalSigns.$inferInsert,
    'systolic' | 'diastolic' | 'pulse' | 'temperatureC' | 'spo2' | 'weightKg' | 'heightCm'
  > | null,
): Promise<void> {
  if (!values) {
    await tx.delete(vitalSigns).where(eq(vitalSigns.consultationId, c.id));
    return;
  }
  const row = { ...values, recordedBy, recordedAt: new Date() };
  await tx
    .insert(vitalSigns)
    .values({ ...row, hospitalId: c.hospitalId, patientId: c.patientId, consultationId: c.id })
    .onConflictDoUpdate({ target: vitalSigns.consultationId, set: row });
}

export async function diagnosesOf(exec: Executor, ids: string[]): Promise<DiagnosisRow[]> {
  if (ids.length === 0) return [];
  return exec
    .select()
    .from(consultationDiagnoses)
    .where(inArray(consultationDiagnoses.consultationId, ids))
    .orderBy(asc(consultationDiagnoses.consultationId), asc(consultationDiagnoses.position));
}

export async function replaceDiagnoses(
  tx: Tx,
  consultationId: string,
  rows: { code: string | null; description: string; primary: boolean }[],
): Promise<void> {
  await tx.delete(consultationDiagnoses).where(eq(consultationDiagnoses.consultationId, consultationId));
  if (rows.length === 0) return;
  await tx
    .insert(consultationDiagnoses)
    .values(rows.map((r, position) => ({ ...r, consultationId, position })));
}

export async function insertAddendum(
  tx: Tx,
  values: typeof consultationAddenda.$inferInsert,
): Promise<AddendumRow> {
  const [row] = await tx.insert(consultationAddenda).values(values).returning();
  return row!;
}

export async function addendaOf(exec: Executor, ids: string[]): Promise<AddendumRow[]> {
  if (ids.length === 0) return [];
  return exec
    .select()
    .from(consultationAddenda)
    .where(inArray(consultationAddenda.consultationId, ids))
    .orderBy(asc(consultationAddenda.createdAt), asc(consultationAddenda.id));
}

/** A patient's consultations, newest first: at one hospital, or everywhere (the patient's own). */
export async function listOfPatient(
  exec: Executor,
  patientId: string,
  hospitalId: string | null,
  limit: number,
  offset: number,
): Promise<{ rows: ConsultationRow[]; total: number }> {
  const where = hospitalId
    ? and(eq(consultations.patientId, patientId), eq(consultations.hospitalId, hospitalId))
    : eq(consultations.patientId, patientId);
  const [rows, [counted]] = await Promise.all([
    exec
      .select()
      .from(consultations)
      .where(where)
      .orderBy(desc(consultations.openedAt), desc(consultations.id))
      .limit(limit)
      .offset(offset),
    exec
      .select({ n: sql<number>`count(*)::int` })
      .from(consultations)
      .where(where),
  ]);
  return { rows, total: Number(counted?.n ?? 0) };
}
