// The catalog as the FHIR Medication search reads it: plain medicine rows (no stock figures), newest
// first, filtered in SQL.
import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { containsLower } from '../../db/like';
import type { MedicineRow } from './catalog.repo';
import { medicines } from './pharmacy.tables';

export interface MedicationFilter {
  id?: string;
  barcode?: string;
  /** Any part of the generic name, brand, strength or form, ignoring case. */
  name?: string;
  active?: boolean;
  form?: string;
}

/** A page of the hospital's medicines, with the count of every match when the page has a row. */
export async function medicationRows(
  exec: Executor,
  hospitalId: string,
  f: MedicationFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MedicineRow[]; total?: number }> {
  const conds: (SQL | undefined)[] = [
    eq(medicines.hospitalId, hospitalId),
    f.id === undefined ? undefined : eq(medicines.id, f.id),
    f.barcode === undefined ? undefined : eq(medicines.barcode, f.barcode),
    // search_text is the lower-cased name, brand, strength and form, with a trigram index.
    f.name === undefined ? undefined : sql`${medicines.searchText} like ${containsLower(f.name)}`,
    f.active === undefined ? undefined : eq(medicines.active, f.active),
    f.form === undefined ? undefined : eq(medicines.form, f.form),
  ];
  const rows = await exec
    .select({ ...getTableColumns(medicines), total: sql<string>`count(*) over ()` })
    .from(medicines)
    .where(and(...conds))
    .orderBy(desc(medicines.createdAt), desc(medicines.id))
    .limit(page.limit)
    .offset(page.offset);
  // Past the last page there is no row to count on: the total is then unknown.
  const total = rows[0] ? Number(rows[0].total) : page.offset === 0 ? 0 : undefined;
  return { rows: rows.map(({ total: _, ...m }) => m), total };
}
