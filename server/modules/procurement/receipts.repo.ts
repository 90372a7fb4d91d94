// Goods receipts and supplier returns: the only queries on their tables.
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import {
  goodsReceiptLines,
  goodsReceipts,
  purchaseOrderLines,
  supplierReturnLines,
  supplierReturns,
} from './procurement.tables';

/** Serialises requests with one person's idempotency key (a retry waits for the first to finish). */
export async function lockKey(tx: Tx, scope: string, userId: string, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}:${userId}:${key}`}, 0))`);
}

export async function receiptByKey(db: Executor, userId: string, key: string) {
  const [r] = await db
    .select({ id: goodsReceipts.id, orderId: goodsReceipts.orderId })
    .from(goodsReceipts)
    .where(sql`${goodsReceipts.receivedBy} = ${userId} and ${goodsReceipts.idempotencyKey} = ${key}`);
  return r ?? null;
}

export async function insertReceipt(db: Executor, row: typeof goodsReceipts.$inferInsert) {
  const [r] = await db.insert(goodsReceipts).values(row).returning({ id: goodsReceipts.id });
  return r!.id;
}

export async function insertReceiptLines(db: Executor, rows: (typeof goodsReceiptLines.$inferInsert)[]) {
  if (rows.length) await db.insert(goodsReceiptLines).values(rows);
}

export async function addToLine(db: Executor, lineId: string, accepted: number, damaged: number) {
  await db
    .update(purchaseOrderLines)
    .set({
      packsReceived: sql`${purchaseOrderLines.packsReceived} + ${accepted}`,
      packsDamaged: sql`${purchaseOrderLines.packsDamaged} + ${damaged}`,
    })
    .where(eq(purchaseOrderLines.id, lineId));
}

export async function receiptsOf(db: Executor, orderIds: string[], receiptIds?: string[]) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.order_id, r.delivery_note, r.notes, r.received_at, u.full_name as received_by,
               l.order_line_id, l.batch_number, to_char(l.expiry_date, 'YYYY-MM-DD') as expiry_date,
               l.packs_accepted, l.packs_damaged, l.units, l.batch_id, ol.medicine_id,
               m.generic_name || coalesce(' (' || m.brand_name || ')', '') || ' ' || m.strength || ' ' || m.form as medicine_name
          from goods_receipts r
          join users u on u.id = r.received_by
          join goods_receipt_lines l on l.receipt_id = r.id
          join purchase_order_lines ol on ol.id = l.order_line_id
          join medicines m on m.id = ol.medicine_id
         where r.order_id = any(${sql.param(orderIds)}::uuid[])
           ${receiptIds ? sql`and r.id = any(${sql.param(receiptIds)}::uuid[])` : sql``}
         order by r.received_at, r.id, l.id`,
  );
}

export async function returnByKey(db: Executor, userId: string, key: string) {
  const [r] = await db
    .select({ id: supplierReturns.id })
    .from(supplierReturns)
    .where(sql`${supplierReturns.createdBy} = ${userId} and ${supplierReturns.idempotencyKey} = ${key}`);
  return r ?? null;
}

export async function insertReturn(db: Executor, row: typeof supplierReturns.$inferInsert) {
  const [r] = await db.insert(supplierReturns).values(row).returning({ id: supplierReturns.id });
  return r!.id;
}

export async function insertReturnLines(db: Executor, rows: (typeof supplierReturnLines.$inferInsert)[]) {
  if (rows.length) await db.insert(supplierReturnLines).values(rows);
}

export async function findReturns(
  db: Executor,
  hospitalId: string,
  f: { ids?: string[]; supplierId?: string; limit: number; offset: number },
) {
  const where = [sql`r.hospital_id = ${hospitalId}`];
  if (f.ids) where.push(sql`r.id = any(${sql.param(f.ids)}::uuid[])`);
  if (f.supplierId) where.push(sql`r.supplier_id = ${f.supplierId}`);
  return queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.supplier_id, s.name as supplier_name, r.order_id, r.reason, r.created_at,
               u.full_name as created_by, count(*) over ()::int as total,
               (select json_agg(json_build_object('batchId', b.id, 'batchNumber', b.batch_number, 'units', l.units,
                        'unitCostMinor', b.unit_cost_minor,
                        'medicineName', m.generic_name || ' ' || m.strength || ' ' || m.form) order by l.id)
                  from supplier_return_lines l join stock_batches b on b.id = l.batch_id
                  join medicines m on m.id = b.medicine_id where l.return_id = r.id) as lines
          from supplier_returns r join suppliers s on s.id = r.supplier_id join users u on u.id = r.created_by
         where ${sql.join(where, sql` and `)}
         order by r.created_at desc, r.id desc limit ${f.limit} offset ${f.offset}`,
  );
}
