// Suppliers and what they supply: the only queries that touch these tables.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { supplierItems, suppliers } from './procurement.tables';
import { containsLower } from '../../db/like';

export type SupplierRow = typeof suppliers.$inferSelect;
export type NewSupplierRow = typeof suppliers.$inferInsert;
export type SupplierWithFigures = SupplierRow & { itemCount: number; used: boolean };

const FIGURES = sql`(select count(*)::int from supplier_items i where i.supplier_id = s.id) as item_count,
  exists (select 1 from purchase_orders o where o.supplier_id = s.id) as used`;

function fromRaw(r: Record<string, unknown>): SupplierWithFigures {
  return {
    id: r.id as string,
    hospitalId: r.hospital_id as string,
    name: r.name as string,
    contactName: (r.contact_name as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    addressLine: (r.address_line as string | null) ?? null,
    taxId: (r.tax_id as string | null) ?? null,
    paymentTerms: (r.payment_terms as string | null) ?? null,
    leadTimeDays: Number(r.lead_time_days),
    active: Boolean(r.active),
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    itemCount: Number(r.item_count),
    used: Boolean(r.used),
  };
}

export async function searchSuppliers(
  db: Executor,
  hospitalId: string,
  q: { text?: string; active: boolean | null; limit: number; offset: number },
): Promise<{ rows: SupplierWithFigures[]; total: number }> {
  const conditions = [sql`s.hospital_id = ${hospitalId}`];
  if (q.active !== null) conditions.push(sql`s.active = ${q.active}`);
  if (q.text) {
    const like = containsLower(q.text);
    conditions.push(sql`(lower(s.name) like ${like} or lower(coalesce(s.contact_name, '')) like ${like}
      or lower(coalesce(s.email, '')) like ${like} or lower(coalesce(s.tax_id, '')) like ${like})`);
  }
  const where = sql.join(conditions, sql` and `);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.*, ${FIGURES}, count(*) over ()::int as total
          from suppliers s where ${where}
         order by s.active desc, lower(s.name), s.id
         limit ${q.limit} offset ${q.offset}`,
  );
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && q.offset > 0) {
    const c = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from suppliers s where ${where}`,
    );
    total = Number(c[0]!.n);
  }
  return { rows: rows.map(fromRaw), total };
}

export async function findSupplier(
  db: Executor,
  hospitalId: string,
  id: string,
  lock = false,
): Promise<SupplierWithFigures | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.*, ${FIGURES} from suppliers s where s.id = ${id} and s.hospital_id = ${hospitalId}
        ${lock ? sql`for update of s` : sql``}`,
  );
  return rows[0] ? fromRaw(rows[0]) : null;
}

export async function findSupplierByName(db: Executor, hospitalId: string, name: string) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from suppliers where hospital_id = ${hospitalId} and lower(name) = lower(${name}) for update`,
  );
  return rows[0]?.id ?? null;
}

export async function insertSupplier(db: Executor, row: NewSupplierRow): Promise<string> {
  const [r] = await db.insert(suppliers).values(row).returning({ id: suppliers.id });
  return r!.id;
}

export async function updateSupplier(
  db: Executor,
  hospitalId: string,
  id: string,
  patch: Partial<NewSupplierRow>,
): Promise<void> {
  await db
    .update(suppliers)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(suppliers.id, id), eq(suppliers.hospitalId, hospitalId)));
}

export interface SupplierItemRow {
  medicineId: string;
  medicineName: string;
  packSize: number;
  lastPriceMinor: number | null;
  preferred: boolean;
  updatedAt: Date;
}

export async function listSupplierItems(db: Executor, supplierId: string): Promise<SupplierItemRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select i.medicine_id, i.last_price_minor, i.preferred, i.updated_at, m.pack_size,
               m.generic_name || coalesce(' (' || m.brand_name || ')', '') || ' ' || m.strength || ' ' || m.form as name
          from supplier_items i join medicines m on m.id = i.medicine_id
         where i.supplier_id = ${supplierId}
         order by lower(m.generic_name), m.strength, m.id`,
  );
  return rows.map((r) => ({
    medicineId: r.medicine_id as string,
    medicineName: r.name as string,
    packSize: Number(r.pack_size),
    lastPriceMinor: r.last_price_minor === null ? null : Number(r.last_price_minor),
    preferred: Boolean(r.preferred),
    updatedAt: new Date(r.updated_at as string),
  }));
}

/** Clears another supplier's preference for the medicine, so this one can hold it. */
export async function clearPreferred(db: Executor, medicineId: string, exceptSupplierId: string) {
  await db
    .update(supplierItems)
    .set({ preferred: false, updatedAt: new Date() })
    .where(
      and(
        eq(supplierItems.medicineId, medicineId),
        eq(supplierItems.preferred, true),
        sql`${supplierItems.supplierId} <> ${exceptSupplierId}`,
      ),
    );
}

export async function upsertSupplierItem(
  db: Executor,
  row: { supplierId: string; medicineId: string; lastPriceMinor?: number | null; preferred?: boolean },
): Promise<void> {
  const set: Record<string, unknown> = { updatedAt: new Date() };
  if (row.lastPriceMinor !== undefined) set.lastPriceMinor = row.lastPriceMinor;
  if (row.preferred !== undefined) set.preferred = row.preferred;
  await db
    .insert(supplierItems)
    .values({
      supplierId: row.supplierId,
      medicineId: row.medicineId,
      lastPriceMinor: row.lastPriceMinor ?? null,
      preferred: row.preferred ?? false,
    })
    .onConflictDoUpdate({ target: [supplierItems.supplierId, supplierItems.medicineId], set });
}

export async function deleteSupplierItem(db: Executor, supplierId: string, medicineId: string) {
  const r = await db
    .delete(supplierItems)
    .where(and(eq(supplierItems.supplierId, supplierId), eq(supplierItems.medicineId, medicineId)))
    .returning({ id: supplierItems.medicineId });
  return r.length > 0;
}

/** The medicine, if it is in this hospital's catalog. */
export async function medicineOfHospital(db: Executor, hospitalId: string, medicineId: string) {
  const rows = await queryRows<{ id: string; active: boolean }>(
    db,
    sql`select id, active from medicines where id = ${medicineId} and hospital_id = ${hospitalId}`,
  );
  return rows[0] ?? null;
}
