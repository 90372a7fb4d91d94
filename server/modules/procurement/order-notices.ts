// Who hears of an order's cancellation and of goods received, queued in the caller's transaction:
// the people who raised and submitted a cancelled order (not the one cancelling it), its supplier
// if the order had been sent to them, and the hospital's pharmacists when stock arrives.
import type { Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { notify } from '../notifications';
import { activeStaffWithRole } from '../organisation';
import type { OrderRow } from './orders.repo';
import * as suppliersRepo from './suppliers.repo';

/** After `order` (as it was before) is cancelled for `reason`. */
export async function tellOrderCancelled(tx: Tx, ctx: Ctx, order: OrderRow, reason: string) {
  const data = { orderId: order.id, number: order.number, revision: order.revision };
  const people = new Set([order.createdBy, order.submittedBy].filter((u): u is string => !!u));
  people.delete(ctx.actor.userId);
  for (const userId of people) {
    await notify(tx, {
      template: 'procurement.order_cancelled',
      userId,
      hospitalId: order.hospitalId,
      idempotencyKey: `po-cancelled:${order.id}:${userId}`,
      data: { ...data, reason },
    });
  }
  // Only an approved order was mailed to the supplier.
  if (order.status !== 'approved') return;
  const supplier = await suppliersRepo.findSupplier(tx, order.hospitalId, order.supplierId);
  if (!supplier?.email) return;
  await notify(tx, {
    template: 'procurement.order_cancelled_to_supplier',
    email: supplier.email,
    hospitalId: order.hospitalId,
    idempotencyKey: `po-cancelled-supplier:${order.id}`,
    data: { ...data, contactName: supplier.contactName ?? null },
  });
}

/** After a delivery of `packs` accepted packs into `storeName`. */
export async function tellGoodsReceived(
  tx: Tx,
  order: OrderRow,
  r: { receiptId: string; storeName: string; packs: number; complete: boolean },
) {
  for (const userId of await activeStaffWithRole(tx, order.hospitalId, 'pharmacist')) {
    await notify(tx, {
      template: 'procurement.goods_received',
      userId,
      hospitalId: order.hospitalId,
      idempotencyKey: `po-received:${r.receiptId}:${userId}`,
      data: {
        orderId: order.id,
        number: order.number,
        revision: order.revision,
        storeName: r.storeName,
        packs: r.packs,
        complete: r.complete,
      },
    });
  }
}
