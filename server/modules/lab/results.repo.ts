// Lab results' queries: an item's results in the report's order, replaced whole while they are
// not yet verified.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { labResults } from './lab.tables';

export type ResultRow = typeof labResults.$inferSelect;
export type NewResult = typeof labResults.$inferInsert;

export function resultsOf(exec: Executor, itemIds: string[]): Promise<ResultRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return exec
    .select()
    .from(labResults)
    .where(inArray(labResults.itemId, itemIds))
    .orderBy(asc(labResults.itemId), asc(labResults.position));
}

export async function deleteResults(tx: Tx, itemId: string): Promise<void> {
  await tx.delete(labResults).where(eq(labResults.itemId, itemId));
}

export async function replaceResults(tx: Tx, itemId: string, rows: NewResult[]): Promise<void> {
  await tx.delete(labResults).where(eq(labResults.itemId, itemId));
  await tx.insert(labResults).values(rows);
}
