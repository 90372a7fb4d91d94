// The nursing record of a ward stay: vitals, notes and medication administrations (append-only by
// trigger, migration 0021). Medicine and store names come from the pharmacy's tables by SQL.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { admissionVitals, medicationAdministrations, nursingNotes } from './nursing.tables';
import { admissions, bedOccupancies, beds, wards } from './wards.tables';

export type VitalsRow = typeof admissionVitals.$inferSelect;
export type NoteRow = typeof nursingNotes.$inferSelect;
export type AdministrationRow = typeof medicationAdministrations.$inferSelect;

/**
 * The admission the record belongs to, at the hospital. `share` holds it against a discharge
 * (which locks it for update) until the entry commits, without making entries queue behind each other.
 */
export async function findAdmission(exec: Executor, hospitalId: string, id: string, lock = false) {
  const q = exec
    .select({
      id: admissions.id,
      patientId: admissions.patientId,
      status: admissions.status,
      admittedAt: admissions.admittedAt,
    })
    .from(admissions)
    .where(and(eq(admissions.id, id), eq(admissions.hospitalId, hospitalId)));
  const [row] = lock ? await q.for('share') : await q;
  return row ?? null;
}

/** The ward of the bed the admission holds now, with the ward's stock store. */
export async function currentWard(exec: Executor, admissionId: string) {
  const [row] = await exec
    .select({ id: wards.id, name: wards.name, storeId: wards.storeId })
    .from(bedOccupancies)
    .innerJoin(beds, eq(beds.id, bedOccupancies.bedId))
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .where(and(eq(bedOccupancies.admissionId, admissionId), isNull(bedOccupancies.endedAt)));
  return row ?? null;
}

// ---------------------------------------------------------------- vitals

export async function insertVitals(tx: Tx, v: typeof admissionVitals.$inferInsert): Promise<VitalsRow> {
  const [row] = await tx.insert(admissionVitals).values(v).returning();
  return row!;
}

export function listVitals(exec: Executor, admissionId: string): Promise<VitalsRow[]> {
  return exec
    .select()
    .from(admissionVitals)
    .where(eq(admissionVitals.admissionId, admissionId))
    .orderBy(asc(admissionVitals.takenAt), asc(admissionVitals.id));
}

// ---------------------------------------------------------------- notes

export async function insertNote(tx: Tx, v: typeof nursingNotes.$inferInsert): Promise<NoteRow> {
  const [row] = await tx.insert(nursingNotes).values(v).returning();
  return row!;
}

export async function findNote(exec: Executor, admissionId: string, id: string): Promise<NoteRow | null> {
  const [row] = await exec
    .select()
    .from(nursingNotes)
    .where(and(eq(nursingNotes.id, id), eq(nursingNotes.admissionId, admissionId)));
  return row ?? null;
}

export function listNotes(exec: Executor, admissionId: string): Promise<NoteRow[]> {
  return exec
    .select()
    .from(nursingNotes)
    .where(eq(nursingNotes.admissionId, admissionId))
    .orderBy(asc(nursingNotes.writtenAt), asc(nursingNotes.id));
}

// ---------------------------------------------------------------- medication administrations

/** Inserts the entry unless its idempotency key was used at the hospital already (then null). */
export async function claimAdministration(
  tx: Tx,
  v: typeof medicationAdministrations.$inferInsert,
): Promise<AdministrationRow | null> {
  const [row] = await tx.insert(medicationAdministrations).values(v).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findAdministrationByKey(exec: Executor, hospitalId: string, key: string) {
  const [row] = await exec
    .select()
    .from(medicationAdministrations)
    .where(
      and(
        eq(medicationAdministrations.hospitalId, hospitalId),
        eq(medicationAdministrations.idempotencyKey, key),
      ),
    );
  return row ?? null;
}

export interface AdministrationListRow extends AdministrationRow {
  genericName: string;
  strength: string;
  form: string;
  brandName: string | null;
  dispensingUnit: string;
  storeName: string | null;
}

/** The stay's entries (or some of them by id), oldest first, with medicine and store names. */
export function listAdministrations(
  exec: Executor,
  admissionId: string,
  ids?: string[],
): Promise<AdministrationListRow[]> {
  const only = ids ? sql`and a.id = any(${sql.param(ids)}::uuid[])` : sql``;
  return queryRows<AdministrationListRow>(
    exec,
    sql`select a.id, a.medicine_id as "medicineId", a.outcome, a.quantity, a.store_id as "storeId",
               a.dose, a.route, a.given_at as "givenAt", a.note, a.reason,
               a.prescription_line_id as "prescriptionLineId", a.recorded_by as "recordedBy",
               a.created_at as "createdAt",
               m.generic_name as "genericName", m.strength, m.form, m.brand_name as "brandName",
               m.dispensing_unit as "dispensingUnit", s.name as "storeName"
          from medication_administrations a
          join medicines m on m.id = a.medicine_id
          left join stores s on s.id = a.store_id
         where a.admission_id = ${admissionId} ${only}
         order by a.given_at, a.id`,
  );
}

/** The medicine a prescription line orders, if the line is one of the patient's at the hospital. */
export async function prescribedMedicine(
  exec: Executor,
  hospitalId: string,
  patientId: string,
  lineId: string,
): Promise<string | null> {
  const [row] = await queryRows<{ medicine_id: string }>(
    exec,
    sql`select l.medicine_id from prescription_lines l join prescriptions p on p.id = l.prescription_id
         where l.id = ${lineId} and p.hospital_id = ${hospitalId} and p.patient_id = ${patientId}`,
  );
  return row?.medicine_id ?? null;
}

/**
 * The doses given on an admission (not those refused, held or unavailable), oldest first: what the
 * bill charges for at discharge.
 */
export async function administeredForBill(
  exec: Executor,
  hospitalId: string,
  admissionId: string,
): Promise<{ administrationId: string; medicineId: string; quantity: number; givenAt: Date }[]> {
  const rows = await exec
    .select({
      administrationId: medicationAdministrations.id,
      medicineId: medicationAdministrations.medicineId,
      quantity: medicationAdministrations.quantity,
      givenAt: medicationAdministrations.givenAt,
    })
    .from(medicationAdministrations)
    .where(
      and(
        eq(medicationAdministrations.hospitalId, hospitalId),
        eq(medicationAdministrations.admissionId, admissionId),
        eq(medicationAdministrations.outcome, 'given'),
      ),
    )
    .orderBy(asc(medicationAdministrations.givenAt), asc(medicationAdministrations.id));
  return rows.map((r) => ({ ...r, quantity: r.quantity! }));
}
