// Lab orders (product §9): ordering tests for a patient, and cancelling an order before any sample
// is taken. Each test keeps the price and tax it had when ordered. An order is billed in its own
// transaction as a draft invoice of its tests at those prices; cancelling it discards that draft,
// or credits the invoice in full once it was issued. For a patient in a bed at the hospital the
// tests are charged on the stay's bill instead (ADR 30): the order names the admission and makes no
// invoice, and cancelling it takes its tests off that bill. Every change is audited. Samples are in
// samples.service.ts, reads in orders.read.ts.
import type { z } from 'zod';
import type { CancelLabOrder, CreateLabOrder, LabOrder } from '../../../contracts/lab-orders';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { billLabOrder, lockInvoice, priceLabTests, unbillLabOrder } from '../billing';
import { registeredPatient } from '../patients';
import { holdAdmission, holdOpenAdmission } from '../wards';
import { readOrder } from './orders.read';
import * as repo from './orders.repo';

type Create = z.output<typeof CreateLabOrder>;

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
    // Each test's price and tax from the price list (422 for a service taken off it).
    const prices = await priceLabTests(tx, hospitalId, tests);
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
    // In a bed here, the tests go on the stay's bill. The admission is held `for share` until this
    // commits, so a discharge (which locks it `for update`) sees the order or ends the stay first
    // (wards' stay-hold.ts). Held only once the order row is in: its foreign key has share-locked
    // the patient, whom a merge locks before it moves the stays, so the two never wait in a circle.
    const stay = await holdOpenAdmission(tx, hospitalId, asked.patientId);
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
        serviceId: prices[i]!.serviceId,
        unitPriceMinor: prices[i]!.unitPriceMinor,
        taxRateBp: prices[i]!.taxRateBp,
        accession: `${number}-${i + 1}`,
        status: 'awaiting_sample',
      })),
    );
    let invoiceId: string | null = null;
    if (stay) {
      await repo.setBilling(tx, order.id, { admissionId: stay.id });
    } else {
      invoiceId = await billLabOrder(
        tx,
        ctx,
        { id: order.id, hospitalId, patientId: asked.patientId, number },
        tests.map((t, i) => ({ ...prices[i]!, code: t.code, name: t.name })),
      );
      if (invoiceId) await repo.setBilling(tx, order.id, { invoiceId });
    }
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
        admissionId: stay?.id ?? null,
      },
    });
    return order.id;
  });
  return readOrder(ctx.db, hospitalId, id);
}

export async function cancelOrder(ctx: Ctx, orderId: string, input: CancelLabOrder): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    // The order's bill (its invoice, or the stay it is charged to) is locked before the order, as
    // a patient merge moves bills and stays before lab orders: the other way round a cancel and a
    // merge of the same record could deadlock. The stay is held as when ordering, so a discharge
    // running meanwhile bills the order or finds it cancelled.
    const billed = await repo.billingOf(tx, hospitalId, orderId);
    if (billed?.invoiceId) await lockInvoice(tx, hospitalId, billed.invoiceId);
    const stay = billed?.admissionId ? await holdAdmission(tx, hospitalId, billed.admissionId) : null;
    const order = await repo.lockOrder(tx, hospitalId, orderId);
    if (!order) throw notFound('Lab order');
    if (order.status === 'cancelled') {
      throw new AppError('INVALID_TRANSITION', 'This order has been cancelled already.');
    }
    // The stay's final invoice has billed the order: it is put right with a credit note.
    if (stay && stay.status !== 'active') {
      throw new AppError(
        'INVALID_TRANSITION',
        "The patient has been discharged and this order billed on the stay's invoice: it can no longer be cancelled.",
      );
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
    // Charged to the stay, its tests simply leave the stay's bill (it reads orders not cancelled).
    if (!stay) {
      await unbillLabOrder(tx, ctx, { id: order.id, hospitalId, number: order.number }, input.reason);
    }
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
