// Online medicine orders. Checkout prices the cart on the server and reserves the stock (FEFO, on
// the pharmacy's batches), so two patients are never promised the same last box; the pharmacist
// verifies, dispenses (the reservation becomes ledger rows), marks it ready and completes it.
// Every step is an event in the order's history and a notice to the patient. Here: the shop and
// checkout; reading orders is in orders.read.ts, the pharmacist's steps in orders.steps.ts.
import type { Checkout, PharmacyOrder, ShopItem } from '../../../contracts/pharmacy-orders';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { findPatientDocument } from '../documents';
import { notify } from '../notifications';
import { activeStaffWithRole, findHospitalInfo } from '../organisation';
import { ensureRegistered } from '../patients';
import * as catalog from './catalog.repo';
import { requestHash } from './dispensing.service';
import * as repo from './orders.repo';
import { medicineLabel } from './pharmacy.dto';
import { priceRequestLines } from './priced-lines';
import { formatMoney, sumLines } from './pricing';
import { lockOrder, reserveStock } from './stock.moves';
import { storeOfKind } from './stock.repo';
import { ownPatient, present } from './orders.read';

export { getOrder, listOrders } from './orders.read';
export {
  approveOrder,
  cancelOrder,
  completeOrder,
  dispenseOrder,
  EXPIRE_QUEUE,
  expireLapsedOrders,
  pendingOrders,
  rejectOrder,
} from './orders.steps';

/** How long checkout holds stock for a pharmacist to verify the order. */
export const RESERVATION_HOURS = 24;
/** A patient may order at most this many of an item at once (and never more than is free). */
const MAX_PER_ITEM = 100;

// ---------------------------------------------------------------- the shop

/** The hospital's active catalog with prices and whether each item can be had now. */
export async function shopMedicines(
  ctx: Ctx,
  q: { hospitalId: string; q?: string; limit: number; offset: number },
): Promise<{ items: ShopItem[]; total: number; limit: number; offset: number }> {
  const hospital = await findHospitalInfo(ctx.db, q.hospitalId);
  if (!hospital?.active) throw notFound('Hospital');
  const { rows, total } = await catalog.searchMedicines(ctx.db, hospital.id, { q: q.q }, q.limit, q.offset);
  return {
    items: rows.map((m) => {
      const free = Math.max(0, m.stock.available_in_pharmacy);
      return {
        id: m.id,
        genericName: m.genericName,
        brandName: m.brandName,
        form: m.form as ShopItem['form'],
        strength: m.strength,
        dispensingUnit: m.dispensingUnit,
        prescriptionOnly: m.prescriptionOnly,
        unitPriceMinor: m.salePriceMinor,
        taxRateBp: m.taxRateBp,
        currency: m.currency,
        availability: free === 0 ? 'out_of_stock' : free <= m.reorderLevel ? 'low' : 'in_stock',
        maxQuantity: Math.min(free, MAX_PER_ITEM),
      };
    }),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

// ---------------------------------------------------------------- checkout

/**
 * Places an order for the signed-in patient. Refused, with nothing held, when an item needs a
 * prescription and none of theirs is attached (PRESCRIPTION_REQUIRED), when the total is not the
 * one they were shown (PRICE_CHANGED), or when the pharmacy cannot set it all aside
 * (INSUFFICIENT_STOCK). The same key again returns the same order.
 */
export async function checkout(ctx: Ctx, input: Checkout): Promise<PharmacyOrder> {
  const patientId = ownPatient(ctx);
  const { idempotencyKey, ...content } = input;
  const hash = requestHash(content);
  const orderId = await ctx.db.transaction(async (tx) => {
    await repo.lockCheckoutKey(tx, patientId, idempotencyKey);
    const earlier = await repo.findOrderByKey(tx, patientId, idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== hash) {
        throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for a different order.');
      }
      return earlier.id;
    }
    const hospital = await findHospitalInfo(tx, input.hospitalId);
    if (!hospital?.active) throw notFound('Hospital');
    const priced = await priceRequestLines(tx, hospital.id, input.lines);
    const needsPrescription = priced.some((p) => p.m.prescriptionOnly);
    if (input.prescriptionDocumentId) {
      if (!(await findPatientDocument(tx, input.prescriptionDocumentId, patientId, 'prescription'))) {
        throw new AppError('NOT_FOUND', 'That prescription was not found among your documents.', {
          errors: [{ path: 'body.prescriptionDocumentId', message: 'Not one of your prescriptions' }],
        });
      }
    } else if (needsPrescription) {
      const rx = priced.filter((p) => p.m.prescriptionOnly);
      throw new AppError(
        'PRESCRIPTION_REQUIRED',
        `${rx.map((p) => medicineLabel(p.m)).join(', ')} need(s) a prescription: upload it with the order.`,
        { medicineIds: rx.map((p) => p.medicineId) },
      );
    }
    const totals = sumLines(priced.map((p) => p.amounts));
    if (totals.totalMinor !== input.expectedTotalMinor) {
      throw new AppError(
        'PRICE_CHANGED',
        `The total is now ${formatMoney(totals.totalMinor, hospital.currency)}, not ${formatMoney(input.expectedTotalMinor, hospital.currency)}: prices changed since you looked. Check the cart and order again.`,
        { totalMinor: totals.totalMinor },
      );
    }
    await ensureRegistered(tx, ctx, patientId, hospital.id);
    const number = `ORD-${String(await nextNumber(tx, hospital.id, 'pharmacy_order')).padStart(6, '0')}`;
    const reservedUntil = new Date(Date.now() + RESERVATION_HOURS * 3600_000);
    const order = await repo.insertOrder(tx, {
      hospitalId: hospital.id,
      number,
      patientId,
      status: 'awaiting_verification',
      fulfilment: input.fulfilment,
      deliveryAddress: input.fulfilment === 'delivery' ? (input.deliveryAddress ?? null) : null,
      prescriptionDocumentId: input.prescriptionDocumentId ?? null,
      needsPrescription,
      idempotencyKey,
      requestHash: hash,
      currency: hospital.currency,
      ...totals,
      reservedUntil,
    });
    const lines = await repo.insertOrderLines(
      tx,
      priced.map((p) => ({
        orderId: order.id,
        medicineId: p.medicineId,
        quantity: p.quantity,
        unitPriceMinor: p.m.salePriceMinor,
        taxRateBp: p.m.taxRateBp,
        ...p.amounts,
        position: p.position,
      })),
    );
    const lineOf = new Map(lines.map((l) => [l.medicineId, l.id]));
    const store = await storeOfKind(tx, hospital.id, 'pharmacy');
    for (const p of lockOrder(priced)) {
      await reserveStock(tx, {
        storeId: store.id,
        medicineId: p.medicineId,
        medicineName: medicineLabel(p.m),
        quantity: p.quantity,
        orderLineId: lineOf.get(p.medicineId)!,
      });
    }
    await repo.insertEvent(tx, {
      orderId: order.id,
      status: 'awaiting_verification',
      actorUserId: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'pharmacy.order_placed',
      entityType: 'pharmacy_order',
      entityId: order.id,
      patientId,
      hospitalId: hospital.id,
      after: { number, lines: input.lines, ...totals, fulfilment: input.fulfilment },
    });
    const data = { orderId: order.id, number, total: formatMoney(totals.totalMinor, hospital.currency) };
    await notify(tx, {
      template: 'pharmacy.order_placed',
      userId: ctx.actor.userId,
      hospitalId: hospital.id,
      idempotencyKey: `order-placed:${order.id}`,
      data: { ...data, needsPrescription, reservedUntil: reservedUntil.toISOString() },
    });
    for (const userId of await activeStaffWithRole(tx, hospital.id, 'pharmacist')) {
      await notify(tx, {
        template: 'pharmacy.order_waiting',
        userId,
        hospitalId: hospital.id,
        idempotencyKey: `order-waiting:${order.id}:${userId}`,
        data: { ...data, needsPrescription },
      });
    }
    return order.id;
  });
  return (await present(ctx, [orderId], { patientId }))[0]!;
}
