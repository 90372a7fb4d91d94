// Online orders as rows: the order, its priced lines, its history, and the reservations due to lapse.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { pharmacyOrderEvents, pharmacyOrderLines, pharmacyOrders } from './pharmacy.orders.tables';
import { medicines } from './pharmacy.tables';

export type OrderRow = typeof pharmacyOrders.$inferSelect;

/**
 * Serialises checkouts that share a patient and an idempotency key, for this transaction: the second
 * waits, then finds the first one's order.
 */
export async function lockCheckoutKey(tx: Tx, patientId: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`order:${patientId}:${key}`}, 0))`);
}

export async function findOrderByKey(exec: Executor, patientId: string, key: string) {
  const [row] = await exec
    .select()
    .from(pharmacyOrders)
    .where(and(eq(pharmacyOrders.patientId, patientId), eq(pharmacyOrders.idempotencyKey, key)));
  return row;
}

export async function insertOrder(tx: Tx, values: typeof pharmacyOrders.$inferInsert): Promise<OrderRow> {
  const [row] = await tx.insert(pharmacyOrders).values(values).returning();
  return row!;
}

export async function insertOrderLines(
  tx: Tx,
  values: (typeof pharmacyOrderLines.$inferInsert)[],
): Promise<{ id: string; medicineId: string }[]> {
  return tx
    .insert(pharmacyOrderLines)
    .values(values)
    .returning({ id: pharmacyOrderLines.id, medicineId: pharmacyOrderLines.medicineId });
}

export async function insertEvent(tx: Tx, values: typeof pharmacyOrderEvents.$inferInsert): Promise<void> {
  await tx.insert(pharmacyOrderEvents).values(values);
}

/** An order, locked for a change of status. `where` narrows it (to a hospital, or to a patient). */
export async function lockOrderRow(
  tx: Tx,
  id: string,
  scope: { hospitalId: string } | { patientId: string },
): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(pharmacyOrders)
    .where(
      and(
        eq(pharmacyOrders.id, id),
        'hospitalId' in scope
          ? eq(pharmacyOrders.hospitalId, scope.hospitalId)
          : eq(pharmacyOrders.patientId, scope.patientId),
      ),
    )
    .for('update');
  return row;
}

export async function setOrderStatus(
  tx: Tx,
  id: string,
  set: Partial<Pick<OrderRow, 'status' | 'rejectionReason' | 'reservedUntil'>>,
): Promise<void> {
  await tx
    .update(pharmacyOrders)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(pharmacyOrders.id, id));
}

export async function findOrders(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec.select().from(pharmacyOrders).where(inArray(pharmacyOrders.id, ids));
}

export async function orderLines(exec: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return exec
    .select({
      l: pharmacyOrderLines,
      genericName: medicines.genericName,
      brandName: medicines.brandName,
      strength: medicines.strength,
      form: medicines.form,
    })
    .from(pharmacyOrderLines)
    .innerJoin(medicines, eq(medicines.id, pharmacyOrderLines.medicineId))
    .where(inArray(pharmacyOrderLines.orderId, orderIds))
    .orderBy(asc(pharmacyOrderLines.position));
}

export async function orderEvents(exec: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return exec
    .select()
    .from(pharmacyOrderEvents)
    .where(inArray(pharmacyOrderEvents.orderId, orderIds))
    .orderBy(asc(pharmacyOrderEvents.at), asc(pharmacyOrderEvents.id));
}

/** What each reserved line holds now, per batch (picks shown before dispensing). */
export async function reservationsOf(exec: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return queryRows<{
    order_line_id: string;
    batch_id: string;
    batch_number: string;
    expiry_date: string;
    quantity: number;
  }>(
    exec,
    sql`select r.order_line_id, r.batch_id, b.batch_number, to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date, r.quantity
          from stock_reservations r
          join pharmacy_order_lines l on l.id = r.order_line_id
          join stock_batches b on b.id = r.batch_id
         where l.order_id = any(${sql.param(orderIds)}::uuid[])
         order by b.expiry_date`,
  );
}

/** A page of order ids, newest first, for a hospital's queue or a patient's own list. */
export async function listOrderIds(
  exec: Executor,
  scope: { hospitalId: string } | { patientId: string },
  status: string | undefined,
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  const where = and(
    'hospitalId' in scope
      ? eq(pharmacyOrders.hospitalId, scope.hospitalId)
      : eq(pharmacyOrders.patientId, scope.patientId),
    status ? eq(pharmacyOrders.status, status) : undefined,
  );
  // The queue is worked oldest first; a patient reads their newest first.
  const order =
    'hospitalId' in scope && status === 'awaiting_verification'
      ? [asc(pharmacyOrders.placedAt), asc(pharmacyOrders.id)]
      : [desc(pharmacyOrders.placedAt), desc(pharmacyOrders.id)];
  const rows = await exec
    .select({ id: pharmacyOrders.id })
    .from(pharmacyOrders)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  const [c] = await exec.select({ n: count() }).from(pharmacyOrders).where(where);
  return { ids: rows.map((r) => r.id), total: Number(c?.n ?? 0) };
}

/** Orders whose reservation has lapsed unverified, locked (skipping ones another sweep holds). */
export async function lockLapsedOrders(tx: Tx, limit: number): Promise<OrderRow[]> {
  return tx
    .select()
    .from(pharmacyOrders)
    .where(
      and(eq(pharmacyOrders.status, 'awaiting_verification'), sql`${pharmacyOrders.reservedUntil} < now()`),
    )
    .orderBy(asc(pharmacyOrders.reservedUntil))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Orders of a hospital waiting for a pharmacist (a dashboard figure). */
export async function countPending(exec: Executor, hospitalId: string): Promise<number> {
  const [c] = await exec
    .select({ n: count() })
    .from(pharmacyOrders)
    .where(
      and(
        eq(pharmacyOrders.hospitalId, hospitalId),
        inArray(pharmacyOrders.status, ['awaiting_verification', 'approved']),
      ),
    );
  return Number(c?.n ?? 0);
}
