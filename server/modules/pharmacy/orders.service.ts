// Online medicine orders. Checkout prices the cart on the server and reserves the stock (FEFO, on
// the pharmacy's batches), so two patients are never promised the same last box; the pharmacist
// verifies, dispenses (the reservation becomes ledger rows), marks it ready and completes it.
// Every step is an event in the order's history and a notice to the patient.
import type { Checkout, OrderStatus, PharmacyOrder, ShopItem } from '../../../contracts/pharmacy-orders';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { billPharmacyOrder, creditPharmacyOrder } from '../billing';
import { findPatientDocument } from '../documents';
import { notify } from '../notifications';
import { findUserNames } from '../identity';
import { activeStaffWithRole, findHospitalInfo, hospitalNames } from '../organisation';
import { ensureRegistered, patientBriefs } from '../patients';
import * as catalog from './catalog.repo';
import { requestHash } from './dispensing.service';
import * as repo from './orders.repo';
import { iso, medicineLabel } from './pharmacy.dto';
import { priceRequestLines } from './priced-lines';
import { formatMoney, sumLines } from './pricing';
import { lockMedicineStock, lockOrder, releaseLine, reserveStock, takeStock } from './stock.moves';
import { batchCosts, insertLedger, storeOfKind } from './stock.repo';
import { picksOf } from './dispensing.repo';

export const EXPIRE_QUEUE = 'pharmacy.expire_orders';

/** How long checkout holds stock for a pharmacist to verify the order. */
export const RESERVATION_HOURS = 24;
/** A patient may order at most this many of an item at once (and never more than is free). */
const MAX_PER_ITEM = 100;

type Scope = { hospitalId: string } | { patientId: string };

function ownPatient(ctx: Ctx): string {
  if (!ctx.actor.patientId) throw notFound('Patient record');
  return ctx.actor.patientId;
}

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

// ---------------------------------------------------------------- reading

async function present(ctx: Ctx, ids: string[], scope: Scope): Promise<PharmacyOrder[]> {
  const rows = await repo.findOrders(ctx.db, ids);
  const [lines, events, reservations] = await Promise.all([
    repo.orderLines(ctx.db, ids),
    repo.orderEvents(ctx.db, ids),
    repo.reservationsOf(ctx.db, ids),
  ]);
  const picked = await picksOf(ctx.db, 'order', ids);
  const patients = await patientBriefs(
    ctx.db,
    rows.map((o) => o.patientId),
    'hospitalId' in scope ? scope.hospitalId : null,
  );
  const hospitals = await hospitalNames(
    ctx.db,
    rows.map((o) => o.hospitalId),
  );
  const people = await findUserNames(
    ctx.db,
    events.map((e) => e.actorUserId),
  );
  const byId = new Map(rows.map((o) => [o.id, o]));
  return ids.flatMap((id): PharmacyOrder[] => {
    const o = byId.get(id);
    if (!o) return [];
    return [
      {
        id: o.id,
        number: o.number,
        hospitalId: o.hospitalId,
        hospitalName: hospitals.get(o.hospitalId) ?? '',
        patientId: o.patientId,
        patientName: patients.get(o.patientId)?.name ?? '',
        status: o.status as OrderStatus,
        fulfilment: o.fulfilment as PharmacyOrder['fulfilment'],
        deliveryAddress: o.deliveryAddress,
        prescriptionDocumentId: o.prescriptionDocumentId,
        needsPrescription: o.needsPrescription,
        rejectionReason: o.rejectionReason,
        lines: lines
          .filter((l) => l.l.orderId === o.id)
          .map(({ l, ...m }) => {
            // Before dispensing: the batches set aside; after: the batches taken.
            const held = reservations
              .filter((r) => r.order_line_id === l.id)
              .map((r) => ({
                batchId: r.batch_id,
                batchNumber: r.batch_number,
                expiryDate: r.expiry_date,
                quantity: Number(r.quantity),
              }));
            const taken = picked
              .filter((p) => p.reference_id === o.id && p.medicine_id === l.medicineId)
              .map((p) => ({
                batchId: p.batch_id,
                batchNumber: p.batch_number,
                expiryDate: p.expiry_date,
                quantity: Number(p.quantity),
              }));
            return {
              medicineId: l.medicineId,
              medicineName: medicineLabel(m),
              quantity: l.quantity,
              unitPriceMinor: l.unitPriceMinor,
              taxRateBp: l.taxRateBp,
              netMinor: l.netMinor,
              taxMinor: l.taxMinor,
              totalMinor: l.totalMinor,
              picks: taken.length > 0 ? taken : held,
            };
          }),
        totals: {
          currency: o.currency,
          netMinor: o.netMinor,
          taxMinor: o.taxMinor,
          totalMinor: o.totalMinor,
        },
        placedAt: iso(o.placedAt),
        reservedUntil: o.status === 'awaiting_verification' && o.reservedUntil ? iso(o.reservedUntil) : null,
        history: events
          .filter((e) => e.orderId === o.id)
          .map((e) => ({
            at: iso(e.at),
            status: e.status as OrderStatus,
            byName: e.actorUserId ? (people.get(e.actorUserId) ?? null) : null,
            note: e.note,
          })),
      },
    ];
  });
}

function scopeOf(ctx: Ctx, as: 'patient' | 'pharmacy'): Scope {
  return as === 'patient' ? { patientId: ownPatient(ctx) } : { hospitalId: requireHospital(ctx.actor) };
}

/** One order: the patient's own, or one of the active hospital's for its pharmacists. */
export async function getOrder(ctx: Ctx, id: string, as: 'patient' | 'pharmacy'): Promise<PharmacyOrder> {
  const scope = scopeOf(ctx, as);
  const [order] = await present(ctx, [id], scope);
  const mine =
    order &&
    ('hospitalId' in scope ? order.hospitalId === scope.hospitalId : order.patientId === scope.patientId);
  if (!mine) throw notFound('Order');
  return order;
}

/** The patient's orders, or the hospital's queue (oldest waiting first when filtered to it). */
export async function listOrders(
  ctx: Ctx,
  as: 'patient' | 'pharmacy',
  q: { status?: OrderStatus; limit: number; offset: number },
) {
  const scope = scopeOf(ctx, as);
  const { ids, total } = await repo.listOrderIds(ctx.db, scope, q.status, q.limit, q.offset);
  return { items: await present(ctx, ids, scope), total, limit: q.limit, offset: q.offset };
}

// ---------------------------------------------------------------- the pharmacist's steps

const FROM: Record<string, readonly OrderStatus[]> = {
  approve: ['awaiting_verification'],
  reject: ['awaiting_verification', 'approved'],
  dispense: ['approved'],
  complete: ['ready'],
  cancel: ['awaiting_verification', 'approved', 'ready'],
  patientCancel: ['awaiting_verification', 'approved'],
};

async function lockForStep(tx: Tx, id: string, scope: Scope, step: keyof typeof FROM) {
  const order = await repo.lockOrderRow(tx, id, scope);
  if (!order) throw notFound('Order');
  if (!FROM[step]!.includes(order.status as OrderStatus)) {
    throw new AppError('INVALID_TRANSITION', `Order ${order.number} is ${order.status.replace('_', ' ')}.`, {
      currentStatus: order.status,
    });
  }
  return order;
}

/** Gives back everything the order still holds on batches, locking them in the usual order first. */
async function releaseOrder(tx: Tx, order: repo.OrderRow): Promise<void> {
  const store = await storeOfKind(tx, order.hospitalId, 'pharmacy');
  const lines = lockOrder((await repo.orderLines(tx, [order.id])).map((l) => l.l));
  for (const l of lines) {
    await lockMedicineStock(tx, store.id, l.medicineId);
    await releaseLine(tx, l.id);
  }
}

type Step =
  | { step: 'approved' }
  | { step: 'ready_pickup' | 'ready_delivery' | 'collected' | 'delivered' | 'cancelled' | 'expired' };

async function record(
  tx: Tx,
  ctx: Ctx | null,
  order: repo.OrderRow,
  status: OrderStatus,
  note: string | null,
  notice: Step | { rejected: string },
): Promise<void> {
  await repo.insertEvent(tx, { orderId: order.id, status, note, actorUserId: ctx?.actor.userId ?? null });
  const patient = (await patientBriefs(tx, [order.patientId], null)).get(order.patientId);
  if (!patient?.userId) return; // a patient without an account is told at the counter
  const data = {
    orderId: order.id,
    number: order.number,
    total: formatMoney(order.totalMinor, order.currency),
  };
  const step = 'rejected' in notice ? 'rejected' : notice.step;
  await notify(tx, {
    template: 'rejected' in notice ? 'pharmacy.order_rejected' : 'pharmacy.order_update',
    userId: patient.userId,
    hospitalId: order.hospitalId,
    idempotencyKey: `order:${order.id}:${step}`,
    data: 'rejected' in notice ? { ...data, reason: notice.rejected } : { ...data, step, note },
  });
}

async function auditStep(tx: Tx, ctx: Ctx, order: repo.OrderRow, status: OrderStatus, extra = {}) {
  await audit(tx, ctx, {
    action: `pharmacy.order_${status}`,
    entityType: 'pharmacy_order',
    entityId: order.id,
    patientId: order.patientId,
    hospitalId: order.hospitalId,
    before: { status: order.status },
    after: { status, ...extra },
  });
}

/** The pharmacist has checked the order (and its prescription): it may be dispensed. */
export async function approveOrder(ctx: Ctx, id: string): Promise<PharmacyOrder> {
  const scope = { hospitalId: requireHospital(ctx.actor) };
  await ctx.db.transaction(async (tx) => {
    const order = await lockForStep(tx, id, scope, 'approve');
    await repo.setOrderStatus(tx, id, { status: 'approved', reservedUntil: null });
    await auditStep(tx, ctx, order, 'approved');
    await record(tx, ctx, order, 'approved', null, { step: 'approved' });
  });
  return getOrder(ctx, id, 'pharmacy');
}

/** Refuses the order with a reason the patient reads; what it held goes back. */
export async function rejectOrder(ctx: Ctx, id: string, reason: string): Promise<PharmacyOrder> {
  const scope = { hospitalId: requireHospital(ctx.actor) };
  await ctx.db.transaction(async (tx) => {
    const order = await lockForStep(tx, id, scope, 'reject');
    await releaseOrder(tx, order);
    await repo.setOrderStatus(tx, id, { status: 'rejected', rejectionReason: reason, reservedUntil: null });
    await auditStep(tx, ctx, order, 'rejected', { reason });
    await record(tx, ctx, order, 'rejected', reason, { rejected: reason });
  });
  return getOrder(ctx, id, 'pharmacy');
}

/**
 * Dispenses an approved order: per line, what it held is released and taken again first expiry
 * first out (the same stock unless a held batch expired meanwhile), as ledger rows. Then the order
 * is ready for pickup, or out for delivery.
 */
export async function dispenseOrder(ctx: Ctx, id: string): Promise<PharmacyOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const order = await lockForStep(tx, id, { hospitalId }, 'dispense');
    const store = await storeOfKind(tx, hospitalId, 'pharmacy');
    const lines = lockOrder(
      (await repo.orderLines(tx, [id])).map(({ l, ...m }) => ({ ...l, name: medicineLabel(m) })),
    );
    for (const l of lines) {
      await lockMedicineStock(tx, store.id, l.medicineId);
      await releaseLine(tx, l.id);
      await takeStock(tx, {
        hospitalId,
        storeId: store.id,
        medicineId: l.medicineId,
        medicineName: l.name,
        quantity: l.quantity,
        kind: 'dispense',
        referenceType: 'order',
        referenceId: id,
        actorUserId: ctx.actor.userId,
      });
    }
    await repo.setOrderStatus(tx, id, { status: 'ready' });
    await billPharmacyOrder(tx, ctx, id);
    await auditStep(tx, ctx, order, 'ready');
    await record(tx, ctx, order, 'ready', null, {
      step: order.fulfilment === 'delivery' ? 'ready_delivery' : 'ready_pickup',
    });
  });
  return getOrder(ctx, id, 'pharmacy');
}

/** The patient collected it, or it was delivered. */
export async function completeOrder(
  ctx: Ctx,
  id: string,
  how: 'collected' | 'delivered',
): Promise<PharmacyOrder> {
  const scope = { hospitalId: requireHospital(ctx.actor) };
  await ctx.db.transaction(async (tx) => {
    const order = await lockForStep(tx, id, scope, 'complete');
    if ((how === 'delivered') !== (order.fulfilment === 'delivery')) {
      throw new AppError(
        'INVALID_TRANSITION',
        `Order ${order.number} is for ${order.fulfilment}: it is ${order.fulfilment === 'delivery' ? 'delivered' : 'collected'}, not ${how}.`,
      );
    }
    await repo.setOrderStatus(tx, id, { status: 'completed' });
    await auditStep(tx, ctx, order, 'completed', { how });
    await record(tx, ctx, order, 'completed', null, { step: how });
  });
  return getOrder(ctx, id, 'pharmacy');
}

/**
 * Cancels an order. Before dispensing, what it held goes back; after (ready, not yet collected),
 * the dispensed units are returned to the very batches they came from, as ledger rows.
 */
export async function cancelOrder(
  ctx: Ctx,
  id: string,
  as: 'patient' | 'pharmacy',
  reason: string | null,
): Promise<PharmacyOrder> {
  const scope = scopeOf(ctx, as);
  await ctx.db.transaction(async (tx) => {
    const order = await lockForStep(tx, id, scope, as === 'patient' ? 'patientCancel' : 'cancel');
    if (order.status === 'ready') {
      await returnDispensed(tx, ctx, order);
      await creditPharmacyOrder(tx, ctx, order, reason);
    } else await releaseOrder(tx, order);
    await repo.setOrderStatus(tx, id, { status: 'cancelled', reservedUntil: null });
    await auditStep(tx, ctx, order, 'cancelled', { reason, by: as });
    await record(tx, ctx, order, 'cancelled', reason, { step: 'cancelled' });
  });
  return getOrder(ctx, id, as);
}

async function returnDispensed(tx: Tx, ctx: Ctx, order: repo.OrderRow): Promise<void> {
  const picks = lockOrder(
    (await picksOf(tx, 'order', [order.id])).map((p) => ({ ...p, medicineId: p.medicine_id })),
  );
  const store = await storeOfKind(tx, order.hospitalId, 'pharmacy');
  for (const medicineId of new Set(picks.map((p) => p.medicineId))) {
    await lockMedicineStock(tx, store.id, medicineId);
  }
  const cost = await batchCosts(
    tx,
    picks.map((p) => p.batch_id),
  );
  await insertLedger(
    tx,
    picks.map((p) => ({
      hospitalId: order.hospitalId,
      storeId: store.id,
      batchId: p.batch_id,
      medicineId: p.medicineId,
      kind: 'return' as const,
      quantity: Number(p.quantity),
      unitCostMinor: cost.get(p.batch_id) ?? 0,
      reason: 'Online order cancelled before collection',
      referenceType: 'order_return',
      referenceId: order.id,
      actorUserId: ctx.actor.userId,
    })),
  );
}

// ---------------------------------------------------------------- lapsed reservations

/**
 * Expires orders left unverified past their reservation, releasing their stock and telling the
 * patient. Runs as a job every few minutes; returns how many lapsed.
 */
export async function expireLapsedOrders(db: Ctx['db'], batch = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const lapsed = await repo.lockLapsedOrders(tx, batch);
    const job = { db, ip: '', requestId: `job:${EXPIRE_QUEUE}`, userAgent: null };
    for (const order of lapsed) {
      await releaseOrder(tx, order);
      await repo.setOrderStatus(tx, order.id, { status: 'expired', reservedUntil: null });
      await auditAnon(tx, job, {
        action: 'pharmacy.order_expired',
        entityType: 'pharmacy_order',
        entityId: order.id,
        patientId: order.patientId,
        hospitalId: order.hospitalId,
        before: { status: order.status, reservedUntil: order.reservedUntil },
        after: { status: 'expired' },
      });
      await record(tx, null, order, 'expired', null, { step: 'expired' });
    }
    return lapsed.length;
  });
}

/** Orders waiting for the active hospital's pharmacists (dashboard). */
export const pendingOrders = (ctx: Ctx, hospitalId: string) => repo.countPending(ctx.db, hospitalId);
