// The lab catalog's queries: tests with their analytes, and the price-list service each is billed
// as (read by name from billing's table; billing owns it and its prices).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { labTestAnalytes, labTests } from './lab.tables';
import { containsLower } from '../../db/like';

export type TestRow = typeof labTests.$inferSelect;
export type AnalyteRow = typeof labTestAnalytes.$inferSelect;
export type AnalyteValues = Omit<typeof labTestAnalytes.$inferInsert, 'id' | 'testId' | 'position'>;

/** A catalog test as listed: its row, and its service's code, name, price and tax. */
export interface ListedTest extends TestRow {
  serviceCode: string;
  serviceName: string;
  priceMinor: number;
  taxRateBp: number;
  serviceActive: boolean;
}

const LISTED = sql`t.id, t.hospital_id as "hospitalId", t.code, t.name, t.sample_type as "sampleType",
  t.turnaround_hours as "turnaroundHours", t.instructions, t.service_id as "serviceId", t.active,
  t.created_at as "createdAt", t.updated_at as "updatedAt", s.code as "serviceCode",
  s.name as "serviceName", s.price_minor::float8 as "priceMinor", s.tax_rate_bp as "taxRateBp",
  s.active as "serviceActive"`;

const fromListed = (r: ListedTest): ListedTest => ({
  ...r,
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});

export async function searchTests(
  db: Executor,
  hospitalId: string,
  q: { text?: string; active: boolean | null; limit: number; offset: number },
): Promise<{ rows: ListedTest[]; total: number }> {
  const conds = [sql`t.hospital_id = ${hospitalId}`];
  if (q.active !== null) conds.push(sql`t.active = ${q.active}`);
  if (q.text)
    conds.push(
      sql`(lower(t.code) like ${containsLower(q.text)} or lower(t.name) like ${containsLower(q.text)})`,
    );
  const where = sql.join(conds, sql` and `);
  const [rows, [count]] = await Promise.all([
    queryRows<ListedTest>(
      db,
      sql`select ${LISTED} from lab_tests t join billing_services s on s.id = t.service_id
           where ${where} order by t.active desc, t.code limit ${q.limit} offset ${q.offset}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from lab_tests t where ${where}`),
  ]);
  return { rows: rows.map(fromListed), total: count?.n ?? 0 };
}

export async function findListed(db: Executor, hospitalId: string, id: string): Promise<ListedTest | null> {
  const [row] = await queryRows<ListedTest>(
    db,
    sql`select ${LISTED} from lab_tests t join billing_services s on s.id = t.service_id
         where t.hospital_id = ${hospitalId} and t.id = ${id}`,
  );
  return row ? fromListed(row) : null;
}

/** The test's row, locked for a change. */
export async function lockTest(db: Executor, hospitalId: string, id: string): Promise<TestRow | null> {
  const [row] = await db
    .select()
    .from(labTests)
    .where(and(eq(labTests.hospitalId, hospitalId), eq(labTests.id, id)))
    .for('update');
  return row ?? null;
}

/** Holds the test against a change of its analytes (which locks it for update) until commit. */
export async function shareTest(db: Executor, id: string): Promise<void> {
  await db.select({ id: labTests.id }).from(labTests).where(eq(labTests.id, id)).for('share');
}

export async function analytesOf(db: Executor, testIds: string[]): Promise<AnalyteRow[]> {
  if (testIds.length === 0) return [];
  return db
    .select()
    .from(labTestAnalytes)
    .where(inArray(labTestAnalytes.testId, testIds))
    .orderBy(asc(labTestAnalytes.testId), asc(labTestAnalytes.position));
}

export async function insertTest(db: Executor, v: typeof labTests.$inferInsert): Promise<TestRow> {
  const [row] = await db.insert(labTests).values(v).returning();
  return row!;
}

export async function updateTest(
  db: Executor,
  id: string,
  v: Partial<Omit<typeof labTests.$inferInsert, 'id' | 'hospitalId' | 'code'>>,
): Promise<void> {
  await db
    .update(labTests)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(labTests.id, id));
}

/** Replaces the test's analytes with these, in this order. */
export async function replaceAnalytes(db: Executor, testId: string, list: AnalyteValues[]): Promise<void> {
  await db.delete(labTestAnalytes).where(eq(labTestAnalytes.testId, testId));
  if (list.length === 0) return;
  await db.insert(labTestAnalytes).values(list.map((a, i) => ({ ...a, testId, position: i + 1 })));
}
