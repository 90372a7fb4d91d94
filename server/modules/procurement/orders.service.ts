// Purchase orders: draft → submitted → approved (by a hospital admin from the hospital's threshold
// up; below it the officer's submission approves) → partly received → received, or cancelled.
// An approved order is never edited: it is cancelled, or amended by a new revision that replaces it
// when that revision is approved. Every step is audited; the timeline is read back from the audit log.
import type {
  CancelPurchaseOrder,
  CreatePurchaseOrder,
  PurchaseOrder,
  UpdatePurchaseOrder,
} from '../../../contracts/procurement';
import type { Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { notify } from '../notifications';
import { activeStaffWithRole } from '../organisation';
import { mailToSupplier } from './order-mail';
import { tellOrderCancelled } from './order-notices';
import { getOrder } from './orders.read';
import * as repo from './orders.repo';
import * as suppliersRepo from './suppliers.repo';
import { noteText } from './orders.timeline';

// ---------------------------------------------------------------- writing

/** Where a line of the request is, for field errors (`body.lines.<i>` unless said otherwise). */
type LinePath = (i: number) => string;

/** Prices and checks lines against the hospital's catalog and the supplier's last prices. */
async function pricedLines(
  tx: Tx,
  hospitalId: string,
  supplierId: string,
  lines: CreatePurchaseOrder['lines'],
  linePath: LinePath = (i) => `body.lines.${i}`,
) {
  const { overDeliveryPercent } = await repo.settingsOf(tx, hospitalId);
  const ids = lines.map((l) => l.medicineId);
  const meds = new Map((await repo.medicinesForOrder(tx, hospitalId, ids)).map((m) => [m.id, m]));
  const prices = await repo.lastPrices(tx, supplierId, ids);
  const out = lines.map((l, i) => {
    const m = meds.get(l.medicineId);
    const path = linePath(i);
    if (!m) {
      throw new AppError('NOT_FOUND', 'Medicine not found.', {
        errors: [{ path: `${path}.medicineId`, message: 'Not in this hospital’s catalog' }],
      });
    }
    if (!m.active) throw new AppError('MEDICINE_INACTIVE', 'A medicine on the order is no longer in use.');
    const price = l.unitPriceMinor ?? prices.get(l.medicineId) ?? null;
    if (price === null) {
      throw new AppError('VALIDATION_FAILED', 'This supplier has no price for the medicine yet: give one.', {
        errors: [{ path: `${path}.unitPriceMinor`, message: 'Required: no last price from this supplier' }],
      });
    }
    return {
      medicineId: l.medicineId,
      packsOrdered: l.packs,
      maxPacks: l.packs + Math.floor((l.packs * overDeliveryPercent) / 100),
      packSize: Number(m.pack_size),
      unitPriceMinor: price,
      position: i + 1,
    };
  });
  const total = out.reduce((sum, l) => sum + l.packsOrdered * l.unitPriceMinor, 0);
  if (!Number.isSafeInteger(total)) throw new AppError('VALIDATION_FAILED', 'The order total is too large.');
  return { lines: out, total };
}

/** A store of the hospital that receives from suppliers (the main store or the pharmacy). */
export async function checkStore(tx: Executor, hospitalId: string, storeId: string, path = 'body.storeId') {
  const store = await repo.receivingStore(tx, hospitalId, storeId);
  if (!store || !store.active) throw notFound('Store');
  if (store.kind === 'ward') {
    throw new AppError('VALIDATION_FAILED', 'Goods from suppliers go to the main store or the pharmacy.', {
      errors: [{ path, message: 'A ward store cannot receive from suppliers' }],
    });
  }
}

/** A new draft, numbered and priced, in the caller's transaction. */
export async function createDraft(
  tx: Tx,
  ctx: Ctx,
  hospitalId: string,
  input: CreatePurchaseOrder,
  linePath?: LinePath,
) {
  const supplier = await suppliersRepo.findSupplier(tx, hospitalId, input.supplierId);
  if (!supplier) throw notFound('Supplier');
  if (!supplier.active)
    throw new AppError('CONFLICT', `${supplier.name} is out of use: bring it back first.`);
  await checkStore(tx, hospitalId, input.storeId);
  const priced = await pricedLines(tx, hospitalId, supplier.id, input.lines, linePath);
  const year = await repo.hospitalYear(tx, hospitalId);
  const n = await nextNumber(tx, hospitalId, `purchase-order-${year}`);
  const number = `PO-${year}-${String(n).padStart(5, '0')}`;
  const id = await repo.insertOrder(tx, {
    hospitalId,
    number,
    supplierId: supplier.id,
    storeId: input.storeId,
    totalMinor: priced.total,
    expectedOn: input.expectedOn ?? null,
    notes: input.notes ?? null,
    createdBy: ctx.actor.userId,
  });
  await repo.replaceLines(tx, id, priced.lines);
  await audit(tx, ctx, {
    action: 'purchase_order.created',
    entityType: 'purchase_order',
    entityId: id,
    after: { supplierId: supplier.id, total: priced.total, lines: priced.lines },
  });
  return {
    id,
    number,
    supplierId: supplier.id,
    supplierName: supplier.name,
    lineCount: priced.lines.length,
    totalMinor: priced.total,
  };
}

export async function createOrder(ctx: Ctx, input: CreatePurchaseOrder): Promise<PurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  const { id } = await ctx.db.transaction((tx) => createDraft(tx, ctx, hospitalId, input));
  return getOrder(ctx, id);
}

async function lockDraft(tx: Tx, hospitalId: string, id: string) {
  const order = await repo.lockOrder(tx, hospitalId, id);
  if (!order) throw notFound('Purchase order');
  if (order.status !== 'draft') {
    throw new AppError(
      'INVALID_TRANSITION',
      `The order is ${order.status.replace('_', ' ')}: only a draft changes.`,
      {
        currentStatus: order.status,
      },
    );
  }
  return order;
}

export async function updateOrder(ctx: Ctx, id: string, input: UpdatePurchaseOrder): Promise<PurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const order = await lockDraft(tx, hospitalId, id);
    if (input.storeId) await checkStore(tx, hospitalId, input.storeId);
    const patch: Partial<repo.NewOrderRow> = {};
    if (input.storeId) patch.storeId = input.storeId;
    if (input.expectedOn !== undefined) patch.expectedOn = input.expectedOn;
    if (input.notes !== undefined) patch.notes = input.notes;
    if (input.lines) {
      const priced = await pricedLines(tx, hospitalId, order.supplierId, input.lines);
      await repo.replaceLines(tx, id, priced.lines);
      patch.totalMinor = priced.total;
    }
    await repo.updateOrder(tx, id, patch);
    await audit(tx, ctx, {
      action: 'purchase_order.updated',
      entityType: 'purchase_order',
      entityId: id,
      before: { total: order.totalMinor },
      after: { ...input },
    });
  });
  return getOrder(ctx, id);
}

/** Marks an order approved, replaces the revision it amends, and records the prices paid. */
async function approve(tx: Tx, ctx: Ctx, order: repo.OrderRow, note: string) {
  if (order.supersedesId) {
    const old = await repo.lockOrder(tx, order.hospitalId, order.supersedesId);
    const lines = old ? await repo.orderLines(tx, [old.id]) : [];
    if (
      !old ||
      old.status !== 'approved' ||
      lines.some((l) => Number(l.packs_received) + Number(l.packs_damaged) > 0)
    ) {
      throw new AppError(
        'CONFLICT',
        'The revision this amends has changed (goods received or cancelled) since the amendment was made.',
      );
    }
    const reason = noteText({ kind: 'replacedBy', revision: order.revision });
    await repo.updateOrder(tx, old.id, {
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: ctx.actor.userId,
      cancellationReason: reason,
    });
    await audit(tx, ctx, {
      action: 'purchase_order.cancelled',
      entityType: 'purchase_order',
      entityId: old.id,
      before: { status: old.status },
      after: { status: 'cancelled', reason },
    });
  }
  await repo.updateOrder(tx, order.id, {
    status: 'approved',
    approvedAt: new Date(),
    approvedBy: ctx.actor.userId,
  });
  for (const l of await repo.orderLines(tx, [order.id])) {
    await suppliersRepo.upsertSupplierItem(tx, {
      supplierId: order.supplierId,
      medicineId: l.medicine_id as string,
      lastPriceMinor: Number(l.unit_price_minor),
    });
  }
  await audit(tx, ctx, {
    action: 'purchase_order.approved',
    entityType: 'purchase_order',
    entityId: order.id,
    before: { status: order.status },
    after: { status: 'approved', note },
  });
  // The supplier gets the order by mail once, whichever way it was approved.
  await mailToSupplier(tx, ctx, order.hospitalId, order.id, `po-mail:${order.id}`);
  if (order.createdBy !== ctx.actor.userId) {
    await notify(tx, {
      template: 'procurement.order_approved',
      userId: order.createdBy,
      hospitalId: order.hospitalId,
      idempotencyKey: `po-approved:${order.id}`,
      data: { orderId: order.id, number: order.number, revision: order.revision },
    });
  }
}

/** Sends a draft on: approved at once below the hospital's threshold, else to its admins. */
export async function submitOrder(ctx: Ctx, id: string): Promise<PurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const order = await lockDraft(tx, hospitalId, id);
    const settings = await repo.settingsOf(tx, hospitalId);
    await repo.updateOrder(tx, id, {
      status: 'submitted',
      submittedAt: new Date(),
      submittedBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'purchase_order.submitted',
      entityType: 'purchase_order',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'submitted', total: order.totalMinor },
    });
    if (order.totalMinor < settings.approvalThresholdMinor) {
      await approve(tx, ctx, { ...order, status: 'submitted' }, noteText({ kind: 'belowThreshold' }));
      return;
    }
    for (const userId of await activeStaffWithRole(tx, hospitalId, 'hospital_admin')) {
      await notify(tx, {
        template: 'procurement.order_awaiting_approval',
        userId,
        hospitalId,
        idempotencyKey: `po-awaiting:${id}:${userId}`,
        data: { orderId: id, number: order.number, revision: order.revision },
      });
    }
  });
  return getOrder(ctx, id);
}

export async function approveOrder(ctx: Ctx, id: string): Promise<PurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const order = await repo.lockOrder(tx, hospitalId, id);
    if (!order) throw notFound('Purchase order');
    if (order.status !== 'submitted') {
      throw new AppError(
        'INVALID_TRANSITION',
        `The order is ${order.status.replace('_', ' ')}: only a submitted order is approved.`,
        {
          currentStatus: order.status,
        },
      );
    }
    await approve(tx, ctx, order, noteText({ kind: 'byAdmin' }));
  });
  return getOrder(ctx, id);
}

export async function cancelOrder(ctx: Ctx, id: string, input: CancelPurchaseOrder): Promise<PurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const order = await repo.lockOrder(tx, hospitalId, id);
    if (!order) throw notFound('Purchase order');
    if (!['draft', 'submitted', 'approved'].includes(order.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        order.status === 'cancelled'
          ? 'The order is already cancelled.'
          : 'Goods have been received against this order: it cannot be cancelled.',
        { currentStatus: order.status },
      );
    }
    await repo.updateOrder(tx, id, {
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: ctx.actor.userId,
      cancellationReason: input.reason,
    });
    await audit(tx, ctx, {
      action: 'purchase_order.cancelled',
      entityType: 'purchase_order',
      entityId: id,
      before: { status: order.status },
      after: { status: 'cancelled', reason: input.reason },
    });
    await tellOrderCancelled(tx, ctx, order, input.reason);
  });
  return getOrder(ctx, id);
}

/**
 * Amends an approved order with nothing received yet: a new draft revision with the same number and
 * lines. The original stays in force until the revision is approved, which cancels it.
 */
export async function amendOrder(ctx: Ctx, id: string): Promise<PurchaseOrder> {
  const hospitalId = requireHospital(ctx.actor);
  const newId = await ctx.db.transaction(async (tx) => {
    const order = await repo.lockOrder(tx, hospitalId, id);
    if (!order) throw notFound('Purchase order');
    if (order.status !== 'approved') {
      throw new AppError('INVALID_TRANSITION', 'Only an approved order with nothing received is amended.', {
        currentStatus: order.status,
      });
    }
    const [open] = await repo.findOrders(tx, hospitalId, { ids: [id], limit: 1, offset: 0 });
    if (open?.superseded_by_id) {
      throw new AppError('CONFLICT', 'This order already has a revision in progress.');
    }
    const lines = await repo.orderLines(tx, [id]);
    const newId = await repo.insertOrder(tx, {
      hospitalId,
      number: order.number,
      revision: order.revision + 1,
      supersedesId: order.id,
      supplierId: order.supplierId,
      storeId: order.storeId,
      totalMinor: order.totalMinor,
      expectedOn: order.expectedOn,
      notes: order.notes,
      createdBy: ctx.actor.userId,
    });
    await repo.replaceLines(
      tx,
      newId,
      lines.map((l) => ({
        medicineId: l.medicine_id as string,
        packsOrdered: Number(l.packs_ordered),
        maxPacks: Number(l.max_packs),
        packSize: Number(l.pack_size),
        unitPriceMinor: Number(l.unit_price_minor),
        position: Number(l.position),
      })),
    );
    await audit(tx, ctx, {
      action: 'purchase_order.amended',
      entityType: 'purchase_order',
      entityId: order.id,
      after: { revisionId: newId, revision: order.revision + 1 },
    });
    await audit(tx, ctx, {
      action: 'purchase_order.created',
      entityType: 'purchase_order',
      entityId: newId,
      after: { amends: order.id, revision: order.revision + 1 },
    });
    return newId;
  });
  return getOrder(ctx, newId);
}
