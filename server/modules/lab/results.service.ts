// Lab results (product §9): a technician enters every analyte of a test whose sample is in, each
// number flagged against the limits that apply to the patient and kept with them (ADR 29); they
// may be entered again until a second person verifies them, after which they never change. A
// critical value verified is announced to whoever ordered the test; once every test of the order is
// verified the order is reported, the patient is told their report is ready, and so is the doctor
// who ordered the tests.
import type { z } from 'zod';
import type { LabOrder } from '../../../contracts/lab-orders';
import { flagOf, rangeFor, type EnterResults } from '../../../contracts/lab-results';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications';
import { patientBriefs, patientDemographics } from '../patients';
import { analytesOf, shareTest } from './lab.repo';
import * as repo from './orders.repo';
import type { OrderRow } from './orders.repo';
import { readOrder } from './orders.read';
import { lockedItem } from './samples.service';
import { replaceResults, resultsOf, type NewResult } from './results.repo';

export type Enter = z.output<typeof EnterResults>;

const refuse = (path: string, message: string, detail: string) =>
  new AppError('VALIDATION_FAILED', detail, { errors: [{ path, message }] });

/** The rows to record: one per analyte of the test, in its order, judged for this patient. */
export function resultRows(
  itemId: string,
  analytes: Awaited<ReturnType<typeof analytesOf>>,
  sex: string,
  input: Enter,
) {
  const given = new Map(input.values.map((v, i) => [v.analyteId, { ...v, i }]));
  input.values.forEach((v, i) => {
    if (!analytes.some((a) => a.id === v.analyteId)) {
      throw refuse(
        `body.values.${i}.analyteId`,
        'Not measured by this test',
        'That is not one of this test’s analytes.',
      );
    }
  });
  return analytes.map((a, position): NewResult => {
    const v = given.get(a.id);
    if (!v) {
      throw refuse(
        'body.values',
        `${a.name} is missing`,
        `Enter a result for every analyte: ${a.name} is missing.`,
      );
    }
    const limits = { ...rangeFor(sex, a), criticalLow: a.criticalLow, criticalHigh: a.criticalHigh };
    const base = {
      itemId,
      position: position + 1,
      analyteId: a.id,
      name: a.name,
      kind: a.kind,
      unit: a.unit,
      decimals: a.decimals,
    };
    if (a.kind === 'text') {
      if (!v.text) throw refuse(`body.values.${v.i}.text`, 'Required', `Enter the result for ${a.name}.`);
      return { ...base, valueText: v.text };
    }
    if (v.value === null)
      throw refuse(`body.values.${v.i}.value`, 'Required', `Enter the value of ${a.name}.`);
    return { ...base, ...limits, valueNumber: v.value, flag: flagOf(v.value, limits) };
  });
}

export const criticalOf = <R extends { flag?: string | null }>(rows: R[]) =>
  rows.filter((r) => r.flag?.startsWith('critical'));

/** Tells whoever ordered the test of its critical values, as they are released. */
export async function announceCritical(
  tx: Tx,
  c: {
    order: OrderRow;
    test: string;
    patient: { name: string; mrn: string | null } | undefined;
    critical: Pick<NewResult, 'name' | 'valueNumber' | 'unit'>[];
  },
): Promise<void> {
  if (c.critical.length === 0) return;
  await notify(tx, {
    template: 'lab.critical_result',
    userId: c.order.orderedBy,
    hospitalId: c.order.hospitalId,
    data: {
      orderId: c.order.id,
      number: c.order.number,
      test: c.test,
      patient: c.patient?.name ?? '',
      mrn: c.patient?.mrn ?? '',
      values: c.critical.map((r) => `${r.name} ${r.valueNumber} ${r.unit ?? ''}`.trim()),
    },
  });
}

export async function enterResults(
  ctx: Ctx,
  orderId: string,
  itemId: string,
  input: Enter,
): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    if (order.status === 'cancelled') {
      throw new AppError('INVALID_TRANSITION', 'This order was cancelled: it has no results.');
    }
    if (item.status === 'awaiting_sample') {
      throw new AppError('INVALID_TRANSITION', `The sample for ${item.name} has not been collected yet.`);
    }
    if (item.status === 'verified') {
      throw new AppError(
        'INVALID_TRANSITION',
        `The results of ${item.name} are verified: they never change.`,
      );
    }
    // The catalog may be replacing the test's analytes: wait for it, then read the new ones.
    await shareTest(tx, item.testId);
    const [analytes, who] = await Promise.all([
      analytesOf(tx, [item.testId]),
      patientDemographics(tx, order.patientId),
    ]);
    const rows = resultRows(item.id, analytes, who?.sex ?? '', input);
    await replaceResults(tx, item.id, rows);
    await repo.updateItem(tx, item.id, {
      status: 'resulted',
      resultedAt: new Date(),
      resultedBy: ctx.actor.userId,
      resultComment: input.comment,
    });
    await audit(tx, ctx, {
      action: 'lab.results.entered',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { item: item.accession, status: item.status },
      after: {
        item: item.accession,
        status: 'resulted',
        results: rows.map((r) => [r.name, r.valueNumber ?? r.valueText, r.flag ?? null]),
        comment: input.comment,
      },
    });
  });
  return readOrder(ctx.db, hospitalId, orderId);
}

export async function verifyResults(ctx: Ctx, orderId: string, itemId: string): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, items, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    if (item.status !== 'resulted') {
      throw new AppError(
        'INVALID_TRANSITION',
        item.status === 'verified'
          ? `The results of ${item.name} are verified already.`
          : `There are no results of ${item.name} to verify yet.`,
      );
    }
    if (item.resultedBy === ctx.actor.userId) {
      throw new AppError(
        'RULE_VIOLATION',
        'Results are verified by a second person: someone other than who entered them.',
      );
    }
    await repo.updateItem(tx, item.id, {
      status: 'verified',
      verifiedAt: new Date(),
      verifiedBy: ctx.actor.userId,
    });
    const reported = items.every(
      (i) => i.id === item.id || i.status === 'verified' || i.status === 'cancelled',
    );
    if (reported) await repo.updateOrder(tx, order.id, { status: 'reported' });
    const critical = criticalOf(await resultsOf(tx, [item.id]));
    await audit(tx, ctx, {
      action: 'lab.results.verified',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { item: item.accession, status: 'resulted' },
      after: { item: item.accession, status: 'verified', orderStatus: reported ? 'reported' : order.status },
    });
    const patient = (await patientBriefs(tx, [order.patientId], hospitalId)).get(order.patientId);
    await announceCritical(tx, { order, test: item.name, patient, critical });
    if (reported && patient?.userId) {
      await notify(tx, {
        template: 'lab.report_ready',
        userId: patient.userId,
        hospitalId,
        data: { orderId: order.id, number: order.number },
      });
    }
    // A doctor who asked for the tests hears that the results are in.
    if (reported && (await repo.isDoctorAt(tx, order.orderedBy, hospitalId))) {
      await notify(tx, {
        template: 'lab.results_ready',
        userId: order.orderedBy,
        hospitalId,
        data: {
          orderId: order.id,
          number: order.number,
          patient: patient?.name ?? '',
          mrn: patient?.mrn ?? '',
        },
      });
    }
  });
  return readOrder(ctx.db, hospitalId, orderId);
}
