// The pharmacist's steps on an online order (approve, reject, dispense, complete, cancel) and the
// job that lets lapsed reservations go: each step locks the order, checks where it stands, moves
// its stock, and is audited, recorded in the order's history and told to the patient.
import type { OrderStatus, PharmacyOrder } from '../../../contracts/pharmacy-orders';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { billPharmacyOrder, creditPharmacyOrder } from '../billing';
import { notify } from '../notifications';
import { patientBriefs } from '../patients';
import * as repo from './orders.repo';
import { medicineLabel } from './pharmacy.dto';
import { formatMoney } from './pricing';
import { lockMedicineStock, lockOrder, releaseLine, takeStock } from './stock.moves';
import { batchCosts, insertLedger, storeOfKind } from './stock.repo';
import { picksOf } from './dispensing.repo';
import { getOrder, scopeOf, type Scope } from './orders.read';

export const EXPIRE_QUEUE = 'pharmacy.expire_orders';

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
 * patient. Runs as a job every few minutes; returns how many lapsed (at most `batch`).
 */
export async function expireLapsedOrders(db: Ctx['db'], batch = 50): Promise<number> {
  const job = { db, ip: '', requestId: `job:${EXPIRE_QUEUE}`, userAgent: null };
  let lapsed = 0;
  // One order per transaction: each order's lines lock their batches in lockOrder, but two orders
  // released in one transaction would lock the second's after the first's, out of that order.
  for (; lapsed < batch; lapsed++) {
    const expired = await db.transaction(async (tx) => {
      const [order] = await repo.lockLapsedOrders(tx, 1);
      if (!order) return false;
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
      return true;
    });
    if (!expired) break;
  }
  return lapsed;
}

/** Orders waiting for the active hospital's pharmacists (dashboard). */
export const pendingOrders = (ctx: Ctx, hospitalId: string) => repo.countPending(ctx.db, hospitalId);
