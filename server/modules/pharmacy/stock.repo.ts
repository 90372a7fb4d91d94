// Stores, batches and the ledger. On-hand moves only by inserting ledger rows: a trigger applies
// each row to its batch and refuses anything that would break the stock rules (migration 0011).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { stockReservations } from './pharmacy.orders.tables';
import { stockBatches, stockLedger, stores } from './pharmacy.tables';

export type StoreRow = typeof stores.$inferSelect;
export type LedgerKind =
  | 'receipt'
  | 'dispense'
  | 'sale'
  | 'return'
  | 'adjustment'
  | 'transfer_out'
  | 'transfer_in'
  | 'write_off'
  | 'supplier_return';

/** Every hospital has a main store and a pharmacy; they are made the first time stock is touched. */
export async function ensureStores(exec: Executor, hospitalId: string): Promise<void> {
  await exec.execute(sql`
    insert into stores (id, hospital_id, name, kind)
    values (gen_random_uuid(), ${hospitalId}, 'Main store', 'main'), (gen_random_uuid(), ${hospitalId}, 'Pharmacy', 'pharmacy')
    on conflict do nothing`);
}

export async function listStores(exec: Executor, hospitalId: string): Promise<StoreRow[]> {
  await ensureStores(exec, hospitalId);
  return exec
    .select()
    .from(stores)
    .where(eq(stores.hospitalId, hospitalId))
    .orderBy(sql`case kind when 'pharmacy' then 0 when 'main' then 1 else 2 end`, stores.name);
}

export async function findStore(
  exec: Executor,
  hospitalId: string,
  id: string,
): Promise<StoreRow | undefined> {
  const [row] = await exec
    .select()
    .from(stores)
    .where(and(eq(stores.hospitalId, hospitalId), eq(stores.id, id)));
  return row;
}

export async function storeOfKind(
  exec: Executor,
  hospitalId: string,
  kind: 'main' | 'pharmacy',
): Promise<StoreRow> {
  await ensureStores(exec, hospitalId);
  const [row] = await exec
    .select()
    .from(stores)
    .where(and(eq(stores.hospitalId, hospitalId), eq(stores.kind, kind)));
  return row!;
}

export async function insertStore(exec: Executor, values: typeof stores.$inferInsert): Promise<StoreRow> {
  const [row] = await exec.insert(stores).values(values).returning();
  return row!;
}

/** The batch in a store for these batch details, made (empty) if the store does not have it yet. */
export async function findOrCreateBatch(
  tx: Tx,
  b: {
    hospitalId: string;
    storeId: string;
    medicineId: string;
    batchNumber: string;
    expiryDate: string;
    unitCostMinor: number;
  },
): Promise<{ id: string }> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`with ins as (
          insert into stock_batches (id, hospital_id, store_id, medicine_id, batch_number, expiry_date, unit_cost_minor)
          values (gen_random_uuid(), ${b.hospitalId}, ${b.storeId}, ${b.medicineId}, ${b.batchNumber}, ${b.expiryDate}, ${b.unitCostMinor})
          on conflict (store_id, medicine_id, batch_number, expiry_date) do nothing
          returning id)
        select id from ins
        union all
        select id from stock_batches
         where store_id = ${b.storeId} and medicine_id = ${b.medicineId}
           and batch_number = ${b.batchNumber} and expiry_date = ${b.expiryDate}
        limit 1`,
  );
  return row!;
}

export interface LockedBatch {
  id: string;
  batch_number: string;
  expiry_date: string;
  on_hand: number;
  reserved: number;
  unit_cost_minor: number;
  expired: boolean;
}

/**
 * A medicine's batches with stock in a store, locked for this transaction, soonest expiry first:
 * two pickings of the same medicine queue here, and the second sees what the first left.
 */
export async function lockBatches(tx: Tx, storeId: string, medicineId: string): Promise<LockedBatch[]> {
  const rows = await queryRows<LockedBatch>(
    tx,
    sql`select id, batch_number, to_char(expiry_date, 'YYYY-MM-DD') as expiry_date, on_hand, reserved,
               unit_cost_minor, stock_expired(expiry_date, hospital_id) as expired
          from stock_batches
         where store_id = ${storeId} and medicine_id = ${medicineId} and on_hand > 0
         order by expiry_date, received_at, id
           for update`,
  );
  return rows.map((r) => ({
    ...r,
    on_hand: Number(r.on_hand),
    reserved: Number(r.reserved),
    unit_cost_minor: Number(r.unit_cost_minor),
  }));
}

/** Locks one batch of the hospital (for adjustments and counts). */
export async function lockBatch(tx: Tx, hospitalId: string, batchId: string) {
  const rows = await queryRows<LockedBatch & { store_id: string; medicine_id: string }>(
    tx,
    sql`select id, store_id, medicine_id, batch_number, to_char(expiry_date, 'YYYY-MM-DD') as expiry_date, on_hand,
               reserved, unit_cost_minor, stock_expired(expiry_date, hospital_id) as expired
          from stock_batches where id = ${batchId} and hospital_id = ${hospitalId} for update`,
  );
  const r = rows[0];
  return r
    ? {
        ...r,
        on_hand: Number(r.on_hand),
        reserved: Number(r.reserved),
        unit_cost_minor: Number(r.unit_cost_minor),
      }
    : undefined;
}

/** Which store and medicine each batch belongs to (unlocked: to lock them in picking order). */
export async function batchPlaces(exec: Executor, hospitalId: string, batchIds: string[]) {
  if (batchIds.length === 0) return [];
  return exec
    .selectDistinct({ storeId: stockBatches.storeId, medicineId: stockBatches.medicineId })
    .from(stockBatches)
    .where(and(eq(stockBatches.hospitalId, hospitalId), inArray(stockBatches.id, batchIds)));
}

export interface NewLedgerRow {
  hospitalId: string;
  storeId: string;
  batchId: string;
  medicineId: string;
  kind: LedgerKind;
  quantity: number;
  unitCostMinor: number;
  reason?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
  actorUserId: string | null;
}

/** Appends ledger rows; the database moves each batch and returns the balance after. */
export async function insertLedger(
  tx: Tx,
  rows: NewLedgerRow[],
): Promise<{ id: string; balanceAfter: number }[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(stockLedger)
    .values(rows.map((r) => ({ ...r, balanceAfter: 0 })))
    .returning({ id: stockLedger.id, balanceAfter: stockLedger.balanceAfter });
  return inserted;
}

/** The unit cost of each batch (a return goes back at the cost it left at). */
export async function batchCosts(exec: Executor, batchIds: string[]): Promise<Map<string, number>> {
  if (batchIds.length === 0) return new Map();
  const rows = await exec
    .select({ id: stockBatches.id, cost: stockBatches.unitCostMinor })
    .from(stockBatches)
    .where(inArray(stockBatches.id, [...new Set(batchIds)]));
  return new Map(rows.map((r) => [r.id, r.cost]));
}

/** Moves `reserved` on a batch (online orders promise stock without taking it off the shelf). */
export async function changeReserved(tx: Tx, batchId: string, by: number): Promise<void> {
  await tx
    .update(stockBatches)
    .set({ reserved: sql`${stockBatches.reserved} + ${by}` })
    .where(eq(stockBatches.id, batchId));
}

export async function insertReservations(
  tx: Tx,
  rows: { orderLineId: string; batchId: string; quantity: number }[],
): Promise<void> {
  if (rows.length > 0) await tx.insert(stockReservations).values(rows);
}

/** Deletes an order line's reservations, returning what each batch held for it. */
export async function deleteReservationsOfLine(tx: Tx, orderLineId: string) {
  return tx
    .delete(stockReservations)
    .where(eq(stockReservations.orderLineId, orderLineId))
    .returning({ batchId: stockReservations.batchId, quantity: stockReservations.quantity });
}

/** Drops every reservation held on a batch (it expired, or is being written off) and its `reserved`. */
export async function releaseReservationsOfBatch(tx: Tx, batchId: string): Promise<void> {
  const released = await tx
    .delete(stockReservations)
    .where(eq(stockReservations.batchId, batchId))
    .returning({ quantity: stockReservations.quantity });
  const total = released.reduce((n, r) => n + r.quantity, 0);
  if (total > 0) await changeReserved(tx, batchId, -total);
}
