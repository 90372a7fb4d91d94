// Lab orders (product §9): ordering tests for a patient, collecting each test's sample, and
// cancelling an order before any sample is taken. An order is billed in its own transaction as a
// draft invoice of its tests at the price list's prices; cancelling it discards that draft, or
// credits the invoice in full once it was issued. Every change and every read is audited.
import type { z } from 'zod';
import type {
  CancelLabOrder,
  CollectSample,
  CreateLabOrder,
  LabOrder,
  LabOrderPage,
  LabOrderSearch,
  LabPriority,
  RejectSample,
} from '../../../contracts/lab-orders';
import type { LabResult } from '../../../contracts/lab-results';
import type { SampleType } from '../../../contracts/lab';
import type { Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { billLabOrder, lockInvoice, unbillLabOrder } from '../billing';
import { registeredPatient } from '../patients';
import * as repo from './orders.repo';
import { deleteResults, resultsOf, type ResultRow } from './results.repo';

type Create = z.output<typeof CreateLabOrder>;
type Collect = z.output<typeof CollectSample>;
type Search = z.output<typeof LabOrderSearch>;

const iso = (d: Date) => d.toISOString();
const HOUR_MS = 3_600_000;

const toResult = (r: ResultRow): LabResult => ({
  analyteId: r.analyteId,
  name: r.name,
  kind: r.kind as LabResult['kind'],
  unit: r.unit,
  decimals: r.decimals,
  refLow: r.refLow,
  refHigh: r.refHigh,
  criticalLow: r.criticalLow,
  criticalHigh: r.criticalHigh,
  value: r.valueNumber,
  text: r.valueText,
  flag: r.flag as LabResult['flag'],
});

/**
 * Orders as the API shows them. `verifiedOnly` (the patient's view) leaves out results that a
 * second person has not verified yet, with who entered them.
 */
export async function present(
  exec: Executor,
  rows: repo.ListedOrder[],
  verifiedOnly = false,
): Promise<LabOrder[]> {
  const items = await repo.itemsOf(
    exec,
    rows.map((r) => r.id),
  );
  const shown = (i: repo.ItemRow) => !verifiedOnly || i.status === 'verified';
  const results = await resultsOf(
    exec,
    items.filter(shown).map((i) => i.id),
  );
  const people = await repo.namesOf(
    exec,
    items.flatMap((i) => [i.collectedBy, i.resultedBy, i.verifiedBy].filter((x): x is string => !!x)),
  );
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);
  const at = (d: Date | null) => (d ? iso(d) : null);
  return rows.map((o) => ({
    id: o.id,
    number: o.number,
    patient: { id: o.patientId, name: o.patientName, mrn: o.mrn, sex: o.sex, dateOfBirth: o.dateOfBirth },
    source: o.source as LabOrder['source'],
    consultationId: o.consultationId,
    priority: o.priority as LabPriority,
    clinicalNote: o.clinicalNote,
    status: o.status as LabOrder['status'],
    orderedAt: iso(o.createdAt),
    orderedBy: { id: o.orderedBy, name: o.orderedByName },
    invoiceId: o.invoiceId,
    cancelled:
      o.cancelledAt && o.cancelledBy
        ? {
            at: iso(o.cancelledAt),
            by: { id: o.cancelledBy, name: o.cancelledByName ?? '' },
            reason: o.cancelReason ?? '',
          }
        : null,
    items: items
      .filter((i) => i.orderId === o.id)
      .map((i) => ({
        id: i.id,
        testId: i.testId,
        code: i.code,
        name: i.name,
        sampleType: i.sampleType as SampleType,
        turnaroundHours: i.turnaroundHours,
        instructions: i.instructions,
        accession: i.accession,
        status: i.status as LabOrder['items'][number]['status'],
        collectedAt: at(i.collectedAt),
        collectedBy: person(i.collectedBy),
        sampleNote: i.sampleNote,
        dueAt: i.collectedAt ? iso(new Date(i.collectedAt.getTime() + i.turnaroundHours * HOUR_MS)) : null,
        results: results.filter((r) => r.itemId === i.id).map(toResult),
        resultComment: shown(i) ? i.resultComment : '',
        resultedAt: shown(i) ? at(i.resultedAt) : null,
        resultedBy: shown(i) ? person(i.resultedBy) : null,
        verifiedAt: at(i.verifiedAt),
        verifiedBy: person(i.verifiedBy),
      })),
  }));
}

export async function readOrder(exec: Executor, hospitalId: string, id: string): Promise<LabOrder> {
  const row = await repo.findListed(exec, hospitalId, id);
  if (!row) throw notFound('Lab order');
  return (await present(exec, [row]))[0]!;
}

const testError = (i: number, message: string, detail: string, code: 'NOT_FOUND' | 'RULE_VIOLATION') =>
  new AppError(code, detail, { errors: [{ path: `body.testIds.${i}`, message }] });

/** The catalog's tests in the order asked, each at the hospital and in use, or the refusal. */
async function testsToOrder(tx: Tx, hospitalId: string, ids: string[]): Promise<repo.OrderableTest[]> {
  const found = new Map((await repo.orderableTests(tx, hospitalId, ids)).map((t) => [t.id, t]));
  return ids.map((id, i) => {
    const t = found.get(id);
    if (!t) throw testError(i, 'Not in the catalog', 'Lab test not found.', 'NOT_FOUND');
    if (!t.active) {
      throw testError(i, 'Out of use', `${t.name} is no longer offered by the lab.`, 'RULE_VIOLATION');
    }
    return t;
  });
}

/** An order from a consultation is its doctor's, while it is open. */
async function checkConsultation(tx: Tx, ctx: Ctx, hospitalId: string, patientId: string, id: string) {
  const c = await repo.consultationFor(tx, hospitalId, patientId, id);
  if (!c) throw notFound('Consultation');
  if (c.doctorUserId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'Only the doctor holding this consultation orders tests from it.');
  }
  if (c.status !== 'open') {
    throw new AppError('INVALID_TRANSITION', 'This consultation is closed: order the tests as a new order.');
  }
}

function replayed(earlier: repo.OrderRow | null, hash: string): string {
  if (!earlier || earlier.requestHash !== hash) {
    throw new AppError('IDEMPOTENCY_REUSED', 'This idempotency key was used for another lab order.');
  }
  return earlier.id;
}

export async function createOrder(ctx: Ctx, input: Create): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  const { idempotencyKey, ...asked } = input;
  const hash = sha256(JSON.stringify(asked));
  const id = await ctx.db.transaction(async (tx) => {
    const earlier = await repo.findByKey(tx, hospitalId, idempotencyKey);
    if (earlier) return replayed(earlier, hash);
    if (!(await registeredPatient(tx, asked.patientId, hospitalId))) throw notFound('Patient');
    if (asked.consultationId) {
      await checkConsultation(tx, ctx, hospitalId, asked.patientId, asked.consultationId);
    }
    const tests = await testsToOrder(tx, hospitalId, asked.testIds);
    const number = `LAB-${String(await nextNumber(tx, hospitalId, 'lab_order')).padStart(6, '0')}`;
    const order = await repo.claimOrder(tx, {
      hospitalId,
      number,
      patientId: asked.patientId,
      consultationId: asked.consultationId ?? null,
      source: asked.consultationId ? 'consultation' : 'walk_in',
      priority: asked.priority,
      clinicalNote: asked.clinicalNote,
      status: 'awaiting_sample',
      orderedBy: ctx.actor.userId,
      idempotencyKey,
      requestHash: hash,
    });
    // The same key claimed meanwhile by a request that has now committed: answer with its order.
    if (!order) return replayed(await repo.findByKey(tx, hospitalId, idempotencyKey), hash);
    await repo.insertItems(
      tx,
      tests.map((t, i) => ({
        orderId: order.id,
        hospitalId,
        position: i + 1,
        testId: t.id,
        code: t.code,
        name: t.name,
        sampleType: t.sampleType,
        turnaroundHours: t.turnaroundHours,
        instructions: t.instructions,
        accession: `${number}-${i + 1}`,
        status: 'awaiting_sample',
      })),
    );
    const invoiceId = await billLabOrder(
      tx,
      ctx,
      { id: order.id, hospitalId, patientId: asked.patientId, number },
      tests,
    );
    if (invoiceId) await repo.setInvoice(tx, order.id, invoiceId);
    await audit(tx, ctx, {
      action: 'lab.order.created',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: asked.patientId,
      after: {
        number,
        source: order.source,
        consultationId: order.consultationId,
        priority: asked.priority,
        tests: tests.map((t) => t.code),
        invoiceId,
      },
    });
    return order.id;
  });
  return readOrder(ctx.db, hospitalId, id);
}

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

export async function cancelOrder(ctx: Ctx, orderId: string, input: CancelLabOrder): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    // The order's bill is locked before the order, as a patient merge moves bills before lab
    // orders: the other way round a cancel and a merge of the same record could deadlock.
    const billed = await repo.invoiceIdOf(tx, hospitalId, orderId);
    if (billed) await lockInvoice(tx, hospitalId, billed);
    const order = await repo.lockOrder(tx, hospitalId, orderId);
    if (!order) throw notFound('Lab order');
    if (order.status === 'cancelled') {
      throw new AppError('INVALID_TRANSITION', 'This order has been cancelled already.');
    }
    const items = await repo.itemsOf(tx, [orderId]);
    if (items.some((i) => i.status !== 'awaiting_sample')) {
      throw new AppError(
        'INVALID_TRANSITION',
        'A sample of this order has been collected: the order can no longer be cancelled.',
      );
    }
    await repo.updateOrder(tx, order.id, {
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: ctx.actor.userId,
      cancelReason: input.reason,
    });
    await repo.cancelItems(tx, order.id);
    await unbillLabOrder(tx, ctx, { id: order.id, hospitalId, number: order.number }, input.reason);
    await audit(tx, ctx, {
      action: 'lab.order.cancelled',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { status: order.status },
      after: { status: 'cancelled', reason: input.reason },
    });
  });
  return readOrder(ctx.db, hospitalId, orderId);
}

export async function getOrder(ctx: Ctx, id: string): Promise<LabOrder> {
  const order = await readOrder(ctx.db, requireHospital(ctx.actor), id);
  await auditRead(ctx, {
    action: 'lab.order.read',
    entityType: 'lab_order',
    entityId: id,
    patientId: order.patient.id,
  });
  return order;
}

/** The worklist: by default what still waits for a sample, urgent first, then oldest first. */
export async function listOrders(ctx: Ctx, q: Search): Promise<LabOrderPage> {
  const hospitalId = requireHospital(ctx.actor);
  const statuses =
    q.status === 'all' ? null : q.status === 'open' ? ['awaiting_sample', 'collected'] : [q.status];
  const { rows, total } = await repo.searchOrders(ctx.db, hospitalId, {
    statuses,
    patientId: q.patientId,
    consultationId: q.consultationId,
    text: q.q,
    worklist: q.status === 'open' || q.status === 'awaiting_sample' || q.status === 'collected',
    limit: q.limit,
    offset: q.offset,
  });
  const items = await present(ctx.db, rows);
  if (q.patientId) {
    await auditRead(ctx, {
      action: 'lab.orders.read',
      entityType: 'patient',
      entityId: q.patientId,
      patientId: q.patientId,
    });
  }
  return { items, total, limit: q.limit, offset: q.offset };
}

/** The caller's own orders at every hospital, newest first, with only verified results. */
export async function listMyOrders(ctx: Ctx, q: { limit: number; offset: number }): Promise<LabOrderPage> {
  const patientId = ctx.actor.patientId;
  if (!patientId) return { items: [], total: 0, limit: q.limit, offset: q.offset };
  const { rows, total } = await repo.searchOrders(ctx.db, null, {
    statuses: null,
    patientId,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: await present(ctx.db, rows, true), total, limit: q.limit, offset: q.offset };
}

/** One of the caller's own orders, with only verified results; anyone else's is not found. */
export async function getMyOrder(ctx: Ctx, id: string): Promise<LabOrder> {
  const row = await repo.findListed(ctx.db, null, id);
  if (!row || !ctx.actor.patientId || row.patientId !== ctx.actor.patientId) throw notFound('Lab order');
  return (await present(ctx.db, [row], true))[0]!;
}
