// Goods receipts against approved orders, and returns to suppliers. A receipt posts stock batches
// and ledger rows (through the pharmacy) and the order's received packs in one transaction, under
// the order's row lock; the database bounds each line by what was ordered plus the allowed
// over-delivery, so two officers receiving the same delivery at once never double the stock.
import type {
  CreateSupplierReturn,
  GoodsReceipt,
  PurchaseOrder,
  ReceiveGoods,
  SupplierReturn,
} from '../../../contracts/procurement';
import { RETURN_REASONS } from '../../../contracts/procurement';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { postReceipt, postSupplierReturn } from '../pharmacy';
import { tellGoodsReceived } from './order-notices';
import { readOrder } from './orders.read';
import * as orders from './orders.repo';
import * as repo from './receipts.repo';
import * as suppliersRepo from './suppliers.repo';
import { noteText } from './orders.timeline';

const iso = (d: unknown) => new Date(d as string).toISOString();

function toReceipts(rows: Record<string, unknown>[]): GoodsReceipt[] {
  const byId = new Map<string, GoodsReceipt>();
  for (const r of rows) {
    const id = r.id as string;
    if (!byId.has(id)) {
      byId.set(id, {
        id,
        orderId: r.order_id as string,
        deliveryNote: (r.delivery_note as string | null) ?? null,
        notes: (r.notes as string | null) ?? null,
        receivedAt: iso(r.received_at),
        receivedBy: r.received_by as string,
        lines: [],
      });
    }
    byId.get(id)!.lines.push({
      orderLineId: r.order_line_id as string,
      medicineId: r.medicine_id as string,
      medicineName: r.medicine_name as string,
      batchNumber: r.batch_number as string,
      expiryDate: r.expiry_date as string,
      packsAccepted: Number(r.packs_accepted),
      packsDamaged: Number(r.packs_damaged),
      units: Number(r.units),
      batchId: (r.batch_id as string | null) ?? null,
    });
  }
  return [...byId.values()];
}

export async function listReceipts(ctx: Ctx, orderId: string): Promise<{ items: GoodsReceipt[] }> {
  const hospitalId = requireHospital(ctx.actor);
  const [order] = await orders.findOrders(ctx.db, hospitalId, { ids: [orderId], limit: 1, offset: 0 });
  if (!order) throw notFound('Purchase order');
  return { items: toReceipts(await repo.receiptsOf(ctx.db, [orderId])) };
}

/**
 * Receives a delivery against an approved (or partly received) order, line by line and batch by
 * batch: accepted packs go into the order's store as dispensing units at the line's cost per unit;
 * damaged packs are recorded against the line. The same idempotency key again returns the same
 * receipt. Over-delivery beyond the hospital's allowance is refused (OVER_RECEIPT).
 */
export async function receiveGoods(
  ctx: Ctx,
  orderId: string,
  input: ReceiveGoods,
): Promise<{ receipt: GoodsReceipt; order: PurchaseOrder }> {
  const hospitalId = requireHospital(ctx.actor);
  const receiptId = await ctx.db.transaction(async (tx) => {
    await repo.lockKey(tx, 'goods-receipt', ctx.actor.userId, input.idempotencyKey);
    const earlier = await repo.receiptByKey(tx, ctx.actor.userId, input.idempotencyKey);
    if (earlier) {
      if (earlier.orderId !== orderId) {
        throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for another delivery.');
      }
      return earlier.id;
    }
    const order = await orders.lockOrder(tx, hospitalId, orderId);
    if (!order) throw notFound('Purchase order');
    if (order.status !== 'approved' && order.status !== 'partly_received') {
      throw new AppError(
        'INVALID_TRANSITION',
        order.status === 'received'
          ? 'Everything on this order has been received.'
          : `The order is ${order.status.replace('_', ' ')}: goods are received against approved orders only.`,
        { currentStatus: order.status },
      );
    }
    const lines = new Map((await orders.orderLines(tx, [orderId])).map((l) => [l.id as string, l]));
    const adding = new Map<string, { accepted: number; damaged: number }>();
    input.lines.forEach((l, i) => {
      const line = lines.get(l.orderLineId);
      if (!line) {
        throw new AppError('NOT_FOUND', 'Order line not found.', {
          errors: [{ path: `body.lines.${i}.orderLineId`, message: 'Not a line of this order' }],
        });
      }
      const sum = adding.get(l.orderLineId) ?? { accepted: 0, damaged: 0 };
      sum.accepted += l.packsAccepted;
      sum.damaged += l.packsDamaged;
      adding.set(l.orderLineId, sum);
      const after = Number(line.packs_received) + Number(line.packs_damaged) + sum.accepted + sum.damaged;
      if (after > Number(line.max_packs)) {
        throw new AppError(
          'OVER_RECEIPT',
          `${line.medicine_name as string}: ${after} packs would be more than the ${Number(line.max_packs)} this line allows (${Number(line.packs_ordered)} ordered plus the allowed over-delivery).`,
          { errors: [{ path: `body.lines.${i}.packsAccepted`, message: 'More than the line allows' }] },
        );
      }
    });
    const receiptId = await repo.insertReceipt(tx, {
      hospitalId,
      orderId,
      receivedBy: ctx.actor.userId,
      idempotencyKey: input.idempotencyKey,
      deliveryNote: input.deliveryNote ?? null,
      notes: input.notes ?? null,
    });
    const stocked = input.lines
      .map((l, i) => ({ l, i, line: lines.get(l.orderLineId)! }))
      .filter((x) => x.l.packsAccepted > 0);
    const posted = await postReceipt(tx, ctx, {
      hospitalId,
      storeId: order.storeId,
      note: `Purchase order ${order.number}${input.deliveryNote ? `, delivery note ${input.deliveryNote}` : ''}`,
      reference: { type: 'goods_receipt', id: receiptId },
      lines: stocked.map(({ l, line }) => ({
        medicineId: line.medicine_id as string,
        batchNumber: l.batchNumber,
        expiryDate: l.expiryDate,
        quantity: l.packsAccepted * Number(line.pack_size),
        // Cost per dispensing unit, rounded to the nearest minor unit.
        unitCostMinor: Math.round(Number(line.unit_price_minor) / Number(line.pack_size)),
      })),
    });
    const postedByIndex = new Map(stocked.map((x, k) => [x.i, posted[k]!]));
    await repo.insertReceiptLines(
      tx,
      input.lines.map((l, i) => ({
        receiptId,
        orderLineId: l.orderLineId,
        batchNumber: l.batchNumber,
        expiryDate: l.expiryDate,
        packsAccepted: l.packsAccepted,
        packsDamaged: l.packsDamaged,
        units: l.packsAccepted * Number(lines.get(l.orderLineId)!.pack_size),
        batchId: postedByIndex.get(i)?.batchId ?? null,
        ledgerId: postedByIndex.get(i)?.id ?? null,
      })),
    );
    for (const [lineId, sum] of adding) await repo.addToLine(tx, lineId, sum.accepted, sum.damaged);
    const done = [...lines.values()].every(
      (l) =>
        Number(l.packs_received) + (adding.get(l.id as string)?.accepted ?? 0) >= Number(l.packs_ordered),
    );
    const status = done ? 'received' : 'partly_received';
    await orders.updateOrder(tx, orderId, { status });
    await audit(tx, ctx, {
      action: 'purchase_order.received',
      entityType: 'purchase_order',
      entityId: orderId,
      before: { status: order.status },
      after: {
        status,
        receiptId,
        note: input.deliveryNote ? noteText({ kind: 'deliveryNote', note: input.deliveryNote }) : null,
        lines: input.lines,
      },
    });
    await tellGoodsReceived(tx, order, {
      receiptId,
      storeName: (await readOrder(tx, hospitalId, orderId)).storeName,
      packs: [...adding.values()].reduce((n, a) => n + a.accepted, 0),
      complete: done,
    });
    return receiptId;
  });
  const [receipt] = toReceipts(await repo.receiptsOf(ctx.db, [orderId], [receiptId]));
  return { receipt: receipt!, order: await readOrder(ctx.db, hospitalId, orderId) };
}

/**
 * A return's reason as stored ("damaged: crushed in transit", written by `createReturn`): its kind
 * and the person's note after it. A text that starts with no known kind is all note.
 */
export function readReturnReason(stored: string): Pick<SupplierReturn, 'reason' | 'note'> {
  const colon = stored.indexOf(': ');
  const head = colon > 0 ? stored.slice(0, colon) : stored;
  const kind = RETURN_REASONS.find((r) => r === head);
  if (!kind) return { reason: null, note: stored || null };
  return { reason: kind, note: colon > 0 ? stored.slice(colon + 2) : null };
}

function toReturn(r: Record<string, unknown>): SupplierReturn {
  const lines = (
    typeof r.lines === 'string' ? JSON.parse(r.lines) : (r.lines ?? [])
  ) as SupplierReturn['lines'];
  return {
    id: r.id as string,
    supplierId: r.supplier_id as string,
    supplierName: r.supplier_name as string,
    orderId: (r.order_id as string | null) ?? null,
    ...readReturnReason(r.reason as string),
    createdAt: iso(r.created_at),
    createdBy: r.created_by as string,
    lines: lines.map((l) => ({ ...l, units: Number(l.units), unitCostMinor: Number(l.unitCostMinor) })),
  };
}

export async function listReturns(ctx: Ctx, q: { supplierId?: string; limit: number; offset: number }) {
  const rows = await repo.findReturns(ctx.db, requireHospital(ctx.actor), q);
  return {
    items: rows.map(toReturn),
    total: rows.length ? Number(rows[0]!.total) : 0,
    limit: q.limit,
    offset: q.offset,
  };
}

/** Sends damaged or expired stock back to its supplier: supplier_return ledger rows, audited. */
export async function returnToSupplier(ctx: Ctx, input: CreateSupplierReturn): Promise<SupplierReturn> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    await repo.lockKey(tx, 'supplier-return', ctx.actor.userId, input.idempotencyKey);
    const earlier = await repo.returnByKey(tx, ctx.actor.userId, input.idempotencyKey);
    if (earlier) return earlier.id;
    const supplier = await suppliersRepo.findSupplier(tx, hospitalId, input.supplierId);
    if (!supplier) throw notFound('Supplier');
    if (input.orderId) {
      const order = await orders.lockOrder(tx, hospitalId, input.orderId);
      if (!order || order.supplierId !== supplier.id) throw notFound('Purchase order');
    }
    const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
    const id = await repo.insertReturn(tx, {
      hospitalId,
      supplierId: supplier.id,
      orderId: input.orderId ?? null,
      reason,
      createdBy: ctx.actor.userId,
      idempotencyKey: input.idempotencyKey,
    });
    const posted = await postSupplierReturn(tx, ctx, {
      hospitalId,
      lines: input.lines,
      reason: `Returned to ${supplier.name} (${reason})`,
      reference: { type: 'supplier_return', id },
    });
    await repo.insertReturnLines(
      tx,
      input.lines.map((l, i) => ({
        returnId: id,
        batchId: l.batchId,
        units: l.units,
        ledgerId: posted[i]!.id,
      })),
    );
    await audit(tx, ctx, {
      action: 'supplier_return.created',
      entityType: 'supplier',
      entityId: supplier.id,
      after: { returnId: id, reason, lines: input.lines },
    });
    return id;
  });
  const [row] = await repo.findReturns(ctx.db, hospitalId, { ids: [id], limit: 1, offset: 0 });
  return toReturn(row!);
}
