// Purchase orders, their lines and the hospital's procurement settings: the only queries on them.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { procurementSettings, purchaseOrderLines, purchaseOrders } from './procurement.tables';

export type OrderRow = typeof purchaseOrders.$inferSelect;
export type NewOrderRow = typeof purchaseOrders.$inferInsert;
export type OrderLineRow = typeof purchaseOrderLines.$inferSelect;
export type NewOrderLineRow = typeof purchaseOrderLines.$inferInsert;

/** Until a hospital says otherwise: orders from 50,000.00 up need an admin, 10% over-delivery. */
export const DEFAULT_SETTINGS = {
  approvalThresholdMinor: 5_000_000,
  overDeliveryPercent: 10,
  safetyStockDays: 7,
};

export async function settingsOf(db: Executor, hospitalId: string) {
  const rows = await queryRows<{
    approval_threshold_minor: string | null;
    over_delivery_percent: number | null;
    safety_stock_days: number | null;
    currency: string;
  }>(
    db,
    sql`select s.approval_threshold_minor, s.over_delivery_percent, s.safety_stock_days, h.currency
          from hospitals h left join procurement_settings s on s.hospital_id = h.id
         where h.id = ${hospitalId}`,
  );
  const r = rows[0]!;
  return {
    approvalThresholdMinor:
      r.approval_threshold_minor === null
        ? DEFAULT_SETTINGS.approvalThresholdMinor
        : Number(r.approval_threshold_minor),
    overDeliveryPercent: r.over_delivery_percent ?? DEFAULT_SETTINGS.overDeliveryPercent,
    safetyStockDays: r.safety_stock_days ?? DEFAULT_SETTINGS.safetyStockDays,
    currency: r.currency,
  };
}

export async function saveSettings(
  db: Executor,
  hospitalId: string,
  s: { approvalThresholdMinor: number; overDeliveryPercent: number; safetyStockDays: number },
  userId: string,
) {
  await db
    .insert(procurementSettings)
    .values({ hospitalId, ...s, updatedBy: userId })
    .onConflictDoUpdate({
      target: procurementSettings.hospitalId,
      set: { ...s, updatedBy: userId, updatedAt: new Date() },
    });
}

export async function insertOrder(db: Executor, row: NewOrderRow): Promise<string> {
  const [r] = await db.insert(purchaseOrders).values(row).returning({ id: purchaseOrders.id });
  return r!.id;
}

export async function replaceLines(db: Executor, orderId: string, lines: Omit<NewOrderLineRow, 'orderId'>[]) {
  await db.delete(purchaseOrderLines).where(eq(purchaseOrderLines.orderId, orderId));
  if (lines.length) await db.insert(purchaseOrderLines).values(lines.map((l) => ({ ...l, orderId })));
}

export async function lockOrder(db: Executor, hospitalId: string, id: string): Promise<OrderRow | null> {
  const [r] = await db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.id, id), eq(purchaseOrders.hospitalId, hospitalId)))
    .for('update');
  return r ?? null;
}

export async function updateOrder(db: Executor, id: string, patch: Partial<NewOrderRow>) {
  await db
    .update(purchaseOrders)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(purchaseOrders.id, id));
}

export async function orderLines(db: Executor, orderIds: string[]) {
  if (!orderIds.length) return [];
  return queryRows<Record<string, unknown>>(
    db,
    sql`select l.*, m.generic_name || coalesce(' (' || m.brand_name || ')', '') || ' ' || m.strength || ' ' || m.form as medicine_name
          from purchase_order_lines l join medicines m on m.id = l.medicine_id
         where l.order_id = any(${sql.param(orderIds)}::uuid[])
         order by l.order_id, l.position`,
  );
}

/** Orders with their supplier's and store's names, the revision that superseded each, and line counts. */
export async function findOrders(
  db: Executor,
  hospitalId: string,
  f: { ids?: string[]; status?: string; supplierId?: string; limit: number; offset: number },
) {
  const where = [sql`o.hospital_id = ${hospitalId}`];
  if (f.ids) where.push(sql`o.id = any(${sql.param(f.ids)}::uuid[])`);
  if (f.status) where.push(sql`o.status = ${f.status}`);
  if (f.supplierId) where.push(sql`o.supplier_id = ${f.supplierId}`);
  return queryRows<Record<string, unknown>>(
    db,
    sql`select o.*, s.name as supplier_name, st.name as store_name, h.currency,
               (select n.id from purchase_orders n where n.supersedes_id = o.id and n.status <> 'cancelled'
                 order by n.revision desc limit 1) as superseded_by_id,
               (select count(*)::int from purchase_order_lines l where l.order_id = o.id) as line_count,
               count(*) over ()::int as total
          from purchase_orders o
          join suppliers s on s.id = o.supplier_id
          join stores st on st.id = o.store_id
          join hospitals h on h.id = o.hospital_id
         where ${sql.join(where, sql` and `)}
         order by o.created_at desc, o.id desc
         limit ${f.limit} offset ${f.offset}`,
  );
}

/** The audit trail of an order, oldest first, with who did each step. */
export async function orderTimeline(db: Executor, orderId: string) {
  return queryRows<{ occurred_at: string; action: string; actor: string | null; after: unknown }>(
    db,
    sql`select a.occurred_at, a.action, u.full_name as actor, a.after
          from audit_events a left join users u on u.id = a.actor_user_id
         where a.entity_type = 'purchase_order' and a.entity_id = ${orderId}
         order by a.seq`,
  );
}

/** What the hospital's medicines are called and packed as (to price and check order lines). */
export async function medicinesForOrder(db: Executor, hospitalId: string, ids: string[]) {
  return queryRows<{ id: string; active: boolean; pack_size: number }>(
    db,
    sql`select id, active, pack_size from medicines where hospital_id = ${hospitalId} and id = any(${sql.param(ids)}::uuid[])`,
  );
}

export async function lastPrices(db: Executor, supplierId: string, medicineIds: string[]) {
  const rows = await queryRows<{ medicine_id: string; last_price_minor: string | null }>(
    db,
    sql`select medicine_id, last_price_minor from supplier_items
         where supplier_id = ${supplierId} and medicine_id = any(${sql.param(medicineIds)}::uuid[])`,
  );
  return new Map(
    rows.map((r) => [r.medicine_id, r.last_price_minor === null ? null : Number(r.last_price_minor)]),
  );
}

export async function receivingStore(db: Executor, hospitalId: string, storeId: string) {
  const rows = await queryRows<{ id: string; kind: string; active: boolean }>(
    db,
    sql`select id, kind, active from stores where id = ${storeId} and hospital_id = ${hospitalId}`,
  );
  return rows[0] ?? null;
}

/** The year it is now at the hospital (order numbers restart each year). */
export async function hospitalYear(db: Executor, hospitalId: string): Promise<string> {
  const rows = await queryRows<{ y: string }>(
    db,
    sql`select to_char(now() at time zone time_zone, 'YYYY') as y from hospitals where id = ${hospitalId}`,
  );
  return rows[0]!.y;
}

/** What a printed order's letterhead says about the hospital that buys. */
export async function letterhead(db: Executor, hospitalId: string) {
  const rows = await queryRows<{
    name: string;
    address_line: string;
    city: string;
    country: string;
    phone: string | null;
    email: string | null;
    time_zone: string;
  }>(
    db,
    sql`select name, address_line, city, country, phone, email, time_zone from hospitals where id = ${hospitalId}`,
  );
  return rows[0]!;
}
