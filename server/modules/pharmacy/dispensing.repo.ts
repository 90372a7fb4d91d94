import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import {
  dispensings,
  medicines,
  pharmacySaleLines,
  pharmacySales,
  prescriptionLines,
  prescriptions,
} from './pharmacy.tables';

export type PrescriptionRow = typeof prescriptions.$inferSelect;
export type SaleRow = typeof pharmacySales.$inferSelect;

export interface LineRow {
  id: string;
  prescriptionId: string;
  medicineId: string;
  medicineName: string;
  dispensingUnit: string;
  directions: string | null;
  quantityPrescribed: number;
  quantityDispensed: number;
  active: boolean;
}

/**
 * A line's medicine as medicineLabel names it, brand included: two brands of one generic, strength
 * and form are two catalog items with stock of their own, and the pharmacist must see which one.
 */
const lineName = sql<string>`${medicines.genericName} || ' ' || ${medicines.strength} || ' ' || ${medicines.form}
  || coalesce(' (' || ${medicines.brandName} || ')', '')`;

export async function insertPrescription(
  tx: Tx,
  values: typeof prescriptions.$inferInsert,
): Promise<PrescriptionRow> {
  const [row] = await tx.insert(prescriptions).values(values).returning();
  return row!;
}

export async function insertPrescriptionLines(tx: Tx, values: (typeof prescriptionLines.$inferInsert)[]) {
  await tx.insert(prescriptionLines).values(values);
}

export async function findPrescription(
  exec: Executor,
  hospitalId: string,
  id: string,
  lock = false,
): Promise<PrescriptionRow | undefined> {
  const q = exec
    .select()
    .from(prescriptions)
    .where(and(eq(prescriptions.hospitalId, hospitalId), eq(prescriptions.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function linesOf(exec: Executor, prescriptionIds: string[]): Promise<LineRow[]> {
  if (prescriptionIds.length === 0) return [];
  return exec
    .select({
      id: prescriptionLines.id,
      prescriptionId: prescriptionLines.prescriptionId,
      medicineId: prescriptionLines.medicineId,
      medicineName: lineName,
      dispensingUnit: medicines.dispensingUnit,
      directions: prescriptionLines.directions,
      quantityPrescribed: prescriptionLines.quantityPrescribed,
      quantityDispensed: prescriptionLines.quantityDispensed,
      active: medicines.active,
    })
    .from(prescriptionLines)
    .innerJoin(medicines, eq(medicines.id, prescriptionLines.medicineId))
    .where(inArray(prescriptionLines.prescriptionId, prescriptionIds))
    .orderBy(asc(prescriptionLines.position));
}

export async function addDispensed(tx: Tx, lineId: string, quantity: number): Promise<void> {
  await tx
    .update(prescriptionLines)
    .set({ quantityDispensed: sql`${prescriptionLines.quantityDispensed} + ${quantity}` })
    .where(eq(prescriptionLines.id, lineId));
}

export async function setPrescriptionStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.update(prescriptions).set({ status, updatedAt: new Date() }).where(eq(prescriptions.id, id));
}

export async function listPrescriptions(
  exec: Executor,
  hospitalId: string,
  f: { status?: string; patientId?: string },
  limit: number,
  offset: number,
): Promise<{ rows: PrescriptionRow[]; total: number }> {
  const where: SQL[] = [eq(prescriptions.hospitalId, hospitalId)];
  if (f.status) where.push(eq(prescriptions.status, f.status));
  if (f.patientId) where.push(eq(prescriptions.patientId, f.patientId));
  const rows = await exec
    .select({ p: prescriptions, total: sql<number>`count(*) over ()` })
    .from(prescriptions)
    .where(and(...where))
    .orderBy(desc(prescriptions.createdAt), desc(prescriptions.id))
    .limit(limit)
    .offset(offset);
  return { rows: rows.map((r) => r.p), total: rows[0] ? Number(rows[0].total) : 0 };
}

/** Claims an idempotency key for a dispensing; null when it was used before (then see findDispensing). */
export async function claimDispensing(
  tx: Tx,
  values: typeof dispensings.$inferInsert,
): Promise<{ id: string; dispensedAt: Date } | null> {
  const [row] = await tx
    .insert(dispensings)
    .values(values)
    .onConflictDoNothing({ target: [dispensings.hospitalId, dispensings.idempotencyKey] })
    .returning({ id: dispensings.id, dispensedAt: dispensings.dispensedAt });
  return row ?? null;
}

export async function findDispensing(exec: Executor, hospitalId: string, key: string) {
  const [row] = await exec
    .select()
    .from(dispensings)
    .where(and(eq(dispensings.hospitalId, hospitalId), eq(dispensings.idempotencyKey, key)));
  return row;
}

/**
 * Picks recorded in the ledger for a reference (a dispensing, a sale, an order, a ward issue), in
 * the order pickings take batches: soonest expiry, then oldest receipt (as lockBatches orders them).
 */
export async function picksOf(exec: Executor, referenceType: string, referenceIds: string[]) {
  if (referenceIds.length === 0) return [];
  return queryRows<{
    reference_id: string;
    medicine_id: string;
    batch_id: string;
    batch_number: string;
    expiry_date: string;
    quantity: number;
  }>(
    exec,
    sql`select l.reference_id, l.medicine_id, l.batch_id, b.batch_number, to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date,
               (-l.quantity)::int as quantity
          from stock_ledger l join stock_batches b on b.id = l.batch_id
         where l.reference_type = ${referenceType} and l.reference_id = any(${sql.param(referenceIds)}::uuid[]) and l.quantity < 0
         order by b.expiry_date, b.received_at, b.id, l.occurred_at`,
  );
}

// ---------------------------------------------------------------- sales

export async function claimSale(
  tx: Tx,
  values: typeof pharmacySales.$inferInsert,
): Promise<{ id: string } | null> {
  const [row] = await tx
    .insert(pharmacySales)
    .values(values)
    .onConflictDoNothing({ target: [pharmacySales.hospitalId, pharmacySales.idempotencyKey] })
    .returning({ id: pharmacySales.id });
  return row ?? null;
}

export async function completeSale(
  tx: Tx,
  id: string,
  totals: { netMinor: number; taxMinor: number; totalMinor: number },
  lines: (typeof pharmacySaleLines.$inferInsert)[],
): Promise<void> {
  await tx.insert(pharmacySaleLines).values(lines);
  await tx.update(pharmacySales).set(totals).where(eq(pharmacySales.id, id));
}

export async function findSaleByKey(exec: Executor, hospitalId: string, key: string) {
  const [row] = await exec
    .select()
    .from(pharmacySales)
    .where(and(eq(pharmacySales.hospitalId, hospitalId), eq(pharmacySales.idempotencyKey, key)));
  return row;
}

export async function findSale(exec: Executor, hospitalId: string, id: string) {
  const [row] = await exec
    .select()
    .from(pharmacySales)
    .where(and(eq(pharmacySales.hospitalId, hospitalId), eq(pharmacySales.id, id)));
  return row;
}

export async function saleLines(exec: Executor, saleId: string) {
  return exec
    .select({ l: pharmacySaleLines, medicineName: lineName })
    .from(pharmacySaleLines)
    .innerJoin(medicines, eq(medicines.id, pharmacySaleLines.medicineId))
    .where(eq(pharmacySaleLines.saleId, saleId))
    .orderBy(asc(pharmacySaleLines.position));
}

export async function listSales(exec: Executor, hospitalId: string, limit: number, offset: number) {
  const rows = await exec
    .select({
      s: pharmacySales,
      items: sql<number>`(select count(*) from pharmacy_sale_lines l where l.sale_id = ${pharmacySales.id})::int`,
      total: sql<number>`count(*) over ()`,
    })
    .from(pharmacySales)
    .where(eq(pharmacySales.hospitalId, hospitalId))
    .orderBy(desc(pharmacySales.soldAt))
    .limit(limit)
    .offset(offset);
  return { rows, total: rows[0] ? Number(rows[0].total) : 0 };
}

/** Whether a date is after today in the hospital's time zone. */
export async function isAfterLocalToday(exec: Executor, hospitalId: string, date: string): Promise<boolean> {
  const [r] = await queryRows<{ after: boolean }>(
    exec,
    sql`select ${date}::date > (now() at time zone h.time_zone)::date as after from hospitals h where h.id = ${hospitalId}`,
  );
  return Boolean(r?.after);
}
