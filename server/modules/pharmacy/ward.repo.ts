// Ward requests as rows, and the stock each one has in transit (issued by the pharmacy, not yet
// received on the ward), read from the ledger.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { wardRequestLines, wardRequests } from './pharmacy.orders.tables';
import { medicines, stores } from './pharmacy.tables';

export type WardRequestRow = typeof wardRequests.$inferSelect;

export async function insertRequest(
  tx: Tx,
  values: typeof wardRequests.$inferInsert,
): Promise<WardRequestRow> {
  const [row] = await tx.insert(wardRequests).values(values).returning();
  return row!;
}

export async function insertLines(tx: Tx, values: (typeof wardRequestLines.$inferInsert)[]): Promise<void> {
  await tx.insert(wardRequestLines).values(values);
}

export async function lockRequest(
  tx: Tx,
  hospitalId: string,
  id: string,
): Promise<WardRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(wardRequests)
    .where(and(eq(wardRequests.id, id), eq(wardRequests.hospitalId, hospitalId)))
    .for('update');
  return row;
}

export async function setRequest(tx: Tx, id: string, set: Partial<WardRequestRow>): Promise<void> {
  await tx.update(wardRequests).set(set).where(eq(wardRequests.id, id));
}

export async function linesOf(exec: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return exec
    .select({
      l: wardRequestLines,
      genericName: medicines.genericName,
      brandName: medicines.brandName,
      strength: medicines.strength,
      form: medicines.form,
      dispensingUnit: medicines.dispensingUnit,
    })
    .from(wardRequestLines)
    .innerJoin(medicines, eq(medicines.id, wardRequestLines.medicineId))
    .where(inArray(wardRequestLines.requestId, requestIds))
    .orderBy(asc(wardRequestLines.position));
}

export async function addIssued(tx: Tx, lineId: string, quantity: number): Promise<void> {
  await tx
    .update(wardRequestLines)
    .set({ quantityIssued: sql`${wardRequestLines.quantityIssued} + ${quantity}` })
    .where(eq(wardRequestLines.id, lineId));
}

/** Everything issued on the request is now received. */
export async function receiveAllIssued(tx: Tx, requestId: string): Promise<void> {
  await tx
    .update(wardRequestLines)
    .set({ quantityReceived: sql`${wardRequestLines.quantityIssued}` })
    .where(eq(wardRequestLines.requestId, requestId));
}

export async function findRequests(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ r: wardRequests, storeName: stores.name })
    .from(wardRequests)
    .innerJoin(stores, eq(stores.id, wardRequests.storeId))
    .where(inArray(wardRequests.id, ids));
}

export async function listRequestIds(
  exec: Executor,
  hospitalId: string,
  f: { status?: string; storeId?: string },
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  const where = and(
    eq(wardRequests.hospitalId, hospitalId),
    f.status ? eq(wardRequests.status, f.status) : undefined,
    f.storeId ? eq(wardRequests.storeId, f.storeId) : undefined,
  );
  const rows = await exec
    .select({ id: wardRequests.id })
    .from(wardRequests)
    .where(where)
    .orderBy(desc(wardRequests.requestedAt), desc(wardRequests.id))
    .limit(limit)
    .offset(offset);
  const [c] = await exec.select({ n: count() }).from(wardRequests).where(where);
  return { ids: rows.map((r) => r.id), total: Number(c?.n ?? 0) };
}

export interface InTransit {
  medicine_id: string;
  batch_number: string;
  expiry_date: string;
  unit_cost_minor: number;
  quantity: number;
}

/**
 * What left the pharmacy for this request and has not arrived on the ward yet, per batch (the
 * ward's batch carries the pharmacy batch's number, expiry and cost).
 */
export async function inTransit(exec: Executor, requestId: string): Promise<InTransit[]> {
  const rows = await queryRows<InTransit>(
    exec,
    sql`select l.medicine_id, b.batch_number, to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date,
               l.unit_cost_minor, (-sum(l.quantity))::int as quantity
          from stock_ledger l join stock_batches b on b.id = l.batch_id
         where l.reference_type = 'ward_request' and l.reference_id = ${requestId}
           and l.kind in ('transfer_out', 'transfer_in')
         group by l.medicine_id, b.batch_number, b.expiry_date, l.unit_cost_minor
        having sum(l.quantity) < 0
         order by l.medicine_id, b.expiry_date, b.batch_number`,
  );
  return rows.map((r) => ({
    ...r,
    quantity: Number(r.quantity),
    unit_cost_minor: Number(r.unit_cost_minor),
  }));
}
