// Mailing a purchase order to its supplier: its PDF attached to a notice sent by address (a
// supplier has no account), queued in the caller's transaction and delivered by the notifications
// module's email job, which logs the delivery and retries. Approval mails it once (keyed by the
// order); the officer may send it again.
import type { SentPurchaseOrder } from '../../../contracts/procurement';
import type { Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { notify } from '../notifications';
import { orderPdf } from './order-pdf';
import * as repo from './orders.repo';
import { noteText } from './orders.timeline';

/**
 * Queues the order's PDF to the supplier's email, unless a mail with the same key was queued
 * already. The address it goes to, or null when the supplier has none (nothing is queued).
 */
export async function mailToSupplier(
  tx: Tx,
  ctx: Ctx,
  hospitalId: string,
  orderId: string,
  key: string,
  resent = false,
): Promise<string | null> {
  const pdf = await orderPdf(tx, hospitalId, orderId);
  if (!pdf.supplierEmail) return null;
  const { order } = pdf;
  const sent = await notify(tx, {
    template: 'procurement.order_to_supplier',
    email: pdf.supplierEmail,
    hospitalId,
    idempotencyKey: key,
    data: {
      orderId,
      number: order.number,
      revision: order.revision,
      contactName: pdf.supplierContact,
      resent,
    },
    attachments: [{ filename: pdf.filename, contentType: 'application/pdf', content: pdf.body }],
  });
  if (!sent.duplicate) {
    await audit(tx, ctx, {
      action: 'purchase_order.sent',
      entityType: 'purchase_order',
      entityId: orderId,
      after: { to: pdf.supplierEmail, note: noteText({ kind: 'mailedTo', to: pdf.supplierEmail }) },
    });
  }
  return pdf.supplierEmail;
}

/** Sends an approved order to its supplier (again). */
export async function sendOrder(ctx: Ctx, id: string): Promise<SentPurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const order = await repo.lockOrder(tx, hospitalId, id);
    if (!order) throw notFound('Purchase order');
    if (order.status !== 'approved' && order.status !== 'partly_received') {
      throw new AppError(
        'ORDER_NOT_APPROVED',
        `The order is ${order.status.replace('_', ' ')}: only an approved order goes to the supplier.`,
        { currentStatus: order.status },
      );
    }
    const sentTo = await mailToSupplier(tx, ctx, hospitalId, id, `po-send:${id}:${newId()}`, true);
    if (!sentTo) {
      throw new AppError(
        'SUPPLIER_HAS_NO_EMAIL',
        'The supplier has no email address: add one to the supplier, then send the order again.',
      );
    }
    return { sentTo };
  });
}
