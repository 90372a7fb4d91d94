// A lab order's samples: each test's collected (by the lab or a nurse), or rejected when the lab
// cannot use it (taken again under a new accession number). Each change locks the order first,
// so collections, rejections, results and cancellations of one order run one at a time.
import type { z } from 'zod';
import type { CollectSample, LabOrder, RejectSample } from '../../../contracts/lab-orders';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { readOrder } from './orders.read';
import * as repo from './orders.repo';
import { deleteResults } from './results.repo';

type Collect = z.output<typeof CollectSample>;

/** The order and its item, locked, or 404 for either outside the hospital. */
export async function lockedItem(tx: Tx, hospitalId: string, orderId: string, itemId: string) {
  const order = await repo.lockOrder(tx, hospitalId, orderId);
  if (!order) throw notFound('Lab order');
  const items = await repo.itemsOf(tx, [orderId]);
  const item = items.find((i) => i.id === itemId);
  if (!item) throw notFound('Test of this order');
  return { order, items, item };
}

export async function collectSample(
  ctx: Ctx,
  orderId: string,
  itemId: string,
  input: Collect,
): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, items, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    if (order.status === 'cancelled') {
      throw new AppError('INVALID_TRANSITION', 'This order was cancelled: no sample is taken for it.');
    }
    if (item.status !== 'awaiting_sample') {
      throw new AppError('INVALID_TRANSITION', `The sample for ${item.name} has been collected already.`);
    }
    const at = new Date();
    const note = input.note;
    await repo.updateItem(tx, item.id, {
      status: 'collected',
      collectedAt: at,
      collectedBy: ctx.actor.userId,
      sampleNote: note,
    });
    const allIn = items.every((i) => i.id === item.id || i.status !== 'awaiting_sample');
    if (allIn) await repo.updateOrder(tx, order.id, { status: 'collected' });
    await audit(tx, ctx, {
      action: 'lab.sample.collected',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { item: item.accession, status: 'awaiting_sample' },
      after: {
        item: item.accession,
        status: 'collected',
        note,
        orderStatus: allIn ? 'collected' : order.status,
      },
    });
  });
  return readOrder(ctx.db, hospitalId, orderId);
}

/**
 * The lab cannot use a sample it collected (haemolysed, clotted, too little): the test waits for a
 * new one, with a new accession number (its label is printed again), and any results entered from
 * the rejected one are dropped. Verified results are final (ADR 31): their sample is not rejected.
 */
export async function rejectSample(
  ctx: Ctx,
  orderId: string,
  itemId: string,
  input: RejectSample,
): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    if (item.status !== 'collected' && item.status !== 'resulted') {
      throw new AppError(
        'INVALID_TRANSITION',
        item.status === 'verified'
          ? `The results of ${item.name} are verified: its sample is no longer rejected.`
          : `No sample of ${item.name} is in the lab to reject.`,
      );
    }
    const recollections = item.recollections + 1;
    const accession = `${order.number}-${item.position}.${recollections}`;
    await deleteResults(tx, item.id);
    await repo.updateItem(tx, item.id, {
      status: 'awaiting_sample',
      accession,
      recollections,
      collectedAt: null,
      collectedBy: null,
      sampleNote: '',
      resultedAt: null,
      resultedBy: null,
      resultComment: '',
    });
    if (order.status === 'collected') await repo.updateOrder(tx, order.id, { status: 'awaiting_sample' });
    await audit(tx, ctx, {
      action: 'lab.sample.rejected',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { item: item.accession, status: item.status },
      after: { item: accession, status: 'awaiting_sample', reason: input.reason },
    });
  });
  return readOrder(ctx.db, hospitalId, orderId);
}
