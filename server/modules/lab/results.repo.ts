// Lab results' queries: an item's results in the report's order, replaced whole while they are
// not yet verified; and corrections of verified results (ADR 35), each a version of its own.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { labOrderItems, labResultAmendments, labResults } from './lab.tables';

export type ResultRow = typeof labResults.$inferSelect;
export type NewResult = typeof labResults.$inferInsert;
export type AmendmentRow = typeof labResultAmendments.$inferSelect;

/** The items' results of the version each has released (or entered, before verification). */
export async function resultsOf(exec: Executor, itemIds: string[]): Promise<ResultRow[]> {
  if (itemIds.length === 0) return [];
  const rows = await exec
    .select({ r: labResults })
    .from(labResults)
    .innerJoin(
      labOrderItems,
      and(eq(labOrderItems.id, labResults.itemId), eq(labOrderItems.version, labResults.version)),
    )
    .where(inArray(labResults.itemId, itemIds))
    .orderBy(asc(labResults.itemId), asc(labResults.position));
  return rows.map((x) => x.r);
}

/** Every version of the items' results: the superseded ones and a pending correction's too. */
export function allResultsOf(exec: Executor, itemIds: string[]): Promise<ResultRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return exec
    .select()
    .from(labResults)
    .where(inArray(labResults.itemId, itemIds))
    .orderBy(asc(labResults.itemId), asc(labResults.version), asc(labResults.position));
}

export async function deleteResults(tx: Tx, itemId: string): Promise<void> {
  await tx.delete(labResults).where(eq(labResults.itemId, itemId));
}

export async function deleteVersion(tx: Tx, itemId: string, version: number): Promise<void> {
  await tx.delete(labResults).where(and(eq(labResults.itemId, itemId), eq(labResults.version, version)));
}

/** Replaces one version of an item's results whole (version 1 until verified, then a correction's). */
export async function replaceResults(tx: Tx, itemId: string, rows: NewResult[], version = 1): Promise<void> {
  await deleteVersion(tx, itemId, version);
  await tx.insert(labResults).values(rows.map((r) => ({ ...r, version })));
}

/** The items' corrections, released and pending, oldest first. */
export function amendmentsOf(exec: Executor, itemIds: string[]): Promise<AmendmentRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return exec
    .select()
    .from(labResultAmendments)
    .where(inArray(labResultAmendments.itemId, itemIds))
    .orderBy(asc(labResultAmendments.itemId), asc(labResultAmendments.version));
}

/** The item's pending correction (the item is locked by the caller), or null. */
export async function pendingAmendment(tx: Tx, itemId: string): Promise<AmendmentRow | null> {
  const [row] = await tx
    .select()
    .from(labResultAmendments)
    .where(and(eq(labResultAmendments.itemId, itemId), eq(labResultAmendments.status, 'pending')));
  return row ?? null;
}

/** Records a pending correction, or replaces the one there (same version) with who entered it now. */
export async function savePendingAmendment(
  tx: Tx,
  v: Omit<typeof labResultAmendments.$inferInsert, 'status'>,
): Promise<void> {
  await tx
    .insert(labResultAmendments)
    .values({ ...v, status: 'pending' })
    .onConflictDoUpdate({
      target: [labResultAmendments.itemId, labResultAmendments.version],
      set: {
        reason: v.reason,
        resultComment: v.resultComment ?? '',
        enteredAt: v.enteredAt,
        enteredBy: v.enteredBy,
      },
    });
}

export async function deleteAmendment(tx: Tx, id: string): Promise<void> {
  await tx.delete(labResultAmendments).where(eq(labResultAmendments.id, id));
}

/**
 * Releases a pending correction: it is marked released, then the item's released version moves on
 * to it (the item's guard checks that order).
 */
export async function releaseAmendment(tx: Tx, a: AmendmentRow, by: string, at: Date): Promise<void> {
  await tx
    .update(labResultAmendments)
    .set({ status: 'released', releasedAt: at, releasedBy: by })
    .where(eq(labResultAmendments.id, a.id));
  await tx
    .update(labOrderItems)
    .set({ version: sql`${labOrderItems.version} + 1` })
    .where(and(eq(labOrderItems.id, a.itemId), eq(labOrderItems.version, a.version - 1)));
}
