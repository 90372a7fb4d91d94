// The medicine catalog, with each medicine's stock summed from its batches.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { medicines } from './pharmacy.tables';
import { escapeLike } from '../../db/like';

export type MedicineRow = typeof medicines.$inferSelect;
export type NewMedicineRow = typeof medicines.$inferInsert;

export interface StockFigures {
  on_hand: number;
  reserved: number;
  available_in_pharmacy: number;
  expired: number;
  next_expiry: string | null;
}

/**
 * Per medicine: usable stock across the hospital's stores, what is reserved, what the pharmacy can
 * hand out now, expired stock awaiting write-off, and the soonest usable expiry.
 */
const STOCK = sql`
  coalesce((select json_build_object(
      'on_hand', coalesce(sum(b.on_hand) filter (where not stock_expired(b.expiry_date, b.hospital_id)), 0),
      'reserved', coalesce(sum(b.reserved) filter (where not stock_expired(b.expiry_date, b.hospital_id)), 0),
      'available_in_pharmacy', coalesce(sum(b.on_hand - b.reserved)
          filter (where s.kind = 'pharmacy' and not stock_expired(b.expiry_date, b.hospital_id)), 0),
      'expired', coalesce(sum(b.on_hand) filter (where stock_expired(b.expiry_date, b.hospital_id)), 0),
      'next_expiry', to_char(min(b.expiry_date) filter (where b.on_hand > 0 and not stock_expired(b.expiry_date, b.hospital_id)), 'YYYY-MM-DD'))
    from stock_batches b join stores s on s.id = b.store_id
   where b.medicine_id = m.id and b.on_hand > 0),
  json_build_object('on_hand', 0, 'reserved', 0, 'available_in_pharmacy', 0, 'expired', 0, 'next_expiry', null))`;

export type MedicineWithStock = MedicineRow & { stock: StockFigures; currency: string };

const COLUMNS = sql`m.*, ${STOCK} as stock, h.currency`;

type Raw = Record<string, unknown> & { stock: StockFigures | string };

function toRow(r: Raw): MedicineWithStock {
  const stock = typeof r.stock === 'string' ? (JSON.parse(r.stock) as StockFigures) : r.stock;
  return {
    id: r.id as string,
    hospitalId: r.hospital_id as string,
    genericName: r.generic_name as string,
    brandName: (r.brand_name as string | null) ?? null,
    form: r.form as string,
    strength: r.strength as string,
    dispensingUnit: r.dispensing_unit as string,
    packSize: Number(r.pack_size),
    manufacturer: (r.manufacturer as string | null) ?? null,
    prescriptionOnly: Boolean(r.prescription_only),
    controlled: Boolean(r.controlled),
    reorderLevel: Number(r.reorder_level),
    salePriceMinor: Number(r.sale_price_minor),
    taxRateBp: Number(r.tax_rate_bp),
    barcode: (r.barcode as string | null) ?? null,
    active: Boolean(r.active),
    searchText: r.search_text as string,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    currency: r.currency as string,
    stock: {
      on_hand: Number(stock.on_hand),
      reserved: Number(stock.reserved),
      available_in_pharmacy: Number(stock.available_in_pharmacy),
      expired: Number(stock.expired),
      next_expiry: stock.next_expiry,
    },
  };
}

export interface CatalogFilter {
  q?: string;
  form?: string;
  low?: boolean;
  includeInactive?: boolean;
}

/**
 * A page of the hospital's catalog. A query that is exactly a barcode finds that item alone (a USB
 * scanner types the code into the search box); otherwise names match typo-tolerantly, best first.
 */
export async function searchMedicines(
  exec: Executor,
  hospitalId: string,
  f: CatalogFilter,
  limit: number,
  offset: number,
): Promise<{ rows: MedicineWithStock[]; total: number }> {
  // The similarity threshold is set for this transaction only (set_config(..., true)); outside a
  // transaction it would end with its own statement and the search would use the strict default.
  return exec.transaction((tx) => searchInTransaction(tx, hospitalId, f, limit, offset));
}

async function searchInTransaction(
  exec: Executor,
  hospitalId: string,
  f: CatalogFilter,
  limit: number,
  offset: number,
): Promise<{ rows: MedicineWithStock[]; total: number }> {
  const where: SQL[] = [sql`m.hospital_id = ${hospitalId}`];
  if (!f.includeInactive) where.push(sql`m.active`);
  if (f.form) where.push(sql`m.form = ${f.form}`);
  const q = f.q?.toLowerCase().trim();
  // Over the filtered rows (alias x): name order, or for a search the best matches first.
  let order = sql`x.generic_name, x.strength, x.id`;
  if (q) {
    const barcode = await queryRows<{ id: string }>(
      exec,
      sql`select id from medicines where hospital_id = ${hospitalId} and barcode = ${f.q!.trim()} limit 1`,
    );
    if (barcode[0]) {
      where.push(sql`m.id = ${barcode[0].id}`);
    } else {
      await exec.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.3', true)`);
      where.push(sql`(m.search_text like ${'%' + escapeLike(q) + '%'} or ${q} <% m.search_text)`);
      // Whole query as a prefix first, then medicines whose name starts with its first word (a
      // search for "paracetamol 500" wants Paracetamol before Aceclofenac + Paracetamol).
      const first = escapeLike(q.split(/\s+/)[0]!);
      order = sql`(x.search_text like ${q + '%'}) desc, (lower(x.generic_name) like ${first + '%'}) desc,
                  word_similarity(${q}, x.search_text) desc, x.generic_name, x.id`;
    }
  }
  const filtered = sql`select ${COLUMNS} from medicines m join hospitals h on h.id = m.hospital_id where ${sql.join(where, sql` and `)}`;
  const source = f.low
    ? sql`select * from (${filtered}) x where (x.stock->>'on_hand')::int <= x.reorder_level and x.active`
    : filtered;
  const rows = await queryRows<Raw & { total: number }>(
    exec,
    sql`select x.*, count(*) over () as total from (${source}) x
         order by ${order} limit ${limit} offset ${offset}`,
  );
  return { rows: rows.map(toRow), total: rows[0] ? Number(rows[0].total) : 0 };
}

export async function findMedicine(
  exec: Executor,
  hospitalId: string,
  id: string,
): Promise<MedicineWithStock | undefined> {
  const rows = await queryRows<Raw>(
    exec,
    sql`select ${COLUMNS} from medicines m join hospitals h on h.id = m.hospital_id
         where m.hospital_id = ${hospitalId} and m.id = ${id}`,
  );
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** Several medicines of the hospital by id (active or not), locked against price changes mid-order. */
export async function findMedicinesForUpdate(
  exec: Executor,
  hospitalId: string,
  ids: string[],
): Promise<MedicineRow[]> {
  if (ids.length === 0) return [];
  return exec
    .select()
    .from(medicines)
    .where(and(eq(medicines.hospitalId, hospitalId), inArray(medicines.id, ids)))
    .orderBy(medicines.id) // the lock order every path that locks several medicines keeps
    .for('share');
}

/** Locks medicines of the hospital for a change, in id order (as sales share-lock them). */
export async function lockMedicinesForChange(
  exec: Executor,
  hospitalId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await exec
    .select({ id: medicines.id })
    .from(medicines)
    .where(and(eq(medicines.hospitalId, hospitalId), inArray(medicines.id, ids)))
    .orderBy(medicines.id)
    .for('no key update');
}

export async function insertMedicine(exec: Executor, values: NewMedicineRow): Promise<MedicineRow> {
  const [row] = await exec.insert(medicines).values(values).returning();
  return row!;
}

export async function updateMedicine(
  exec: Executor,
  hospitalId: string,
  id: string,
  values: Partial<NewMedicineRow>,
): Promise<MedicineRow | undefined> {
  const [row] = await exec
    .update(medicines)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(medicines.hospitalId, hospitalId), eq(medicines.id, id)))
    .returning();
  return row;
}

/** For CSV import: the medicine this row describes, if the catalog has it (same identity keys). */
export async function findByIdentity(
  exec: Executor,
  hospitalId: string,
  m: { genericName: string; brandName: string | null; strength: string; form: string },
): Promise<MedicineRow | undefined> {
  const [row] = await exec
    .select()
    .from(medicines)
    .where(
      and(
        eq(medicines.hospitalId, hospitalId),
        sql`lower(${medicines.genericName}) = lower(${m.genericName})`,
        sql`lower(coalesce(${medicines.brandName}, '')) = lower(${m.brandName ?? ''})`,
        sql`lower(${medicines.strength}) = lower(${m.strength})`,
        eq(medicines.form, m.form),
      ),
    );
  return row;
}
