// Corrections of verified lab results (ADR 35). Verified results never change in place: a
// technician enters the whole test again with the reason, as the next version of its results; a
// second person releases it, after which it is what everyone reads, the version before is kept as
// superseded, whoever ordered the test is told why, and so is the patient if their report was out.
// Until released the correction may be entered again or withdrawn, and the released results stand.
import type { z } from 'zod';
import type { LabOrder } from '../../../contracts/lab-orders';
import type { AmendResults } from '../../../contracts/lab-results';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications';
import { patientBriefs, patientDemographics } from '../patients';
import { analytesOf, shareTest } from './lab.repo';
import { readOrder } from './orders.read';
import * as results from './results.repo';
import { announceCritical, criticalOf, resultRows } from './results.service';
import { lockedItem } from './samples.service';

type Amend = z.output<typeof AmendResults>;

const summary = (rows: results.ResultRow[] | results.NewResult[]) =>
  rows.map((r) => [r.name, r.valueNumber ?? r.valueText, r.flag ?? null]);

/** Enters (or enters again) the correction of a verified test: the next version of its results. */
export async function amendResults(
  ctx: Ctx,
  orderId: string,
  itemId: string,
  input: Amend,
): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    if (item.status !== 'verified') {
      throw new AppError(
        'INVALID_TRANSITION',
        `The results of ${item.name} are not verified yet: change them instead of correcting them.`,
      );
    }
    // The catalog may be replacing the test's analytes: wait for it, then read the new ones.
    await shareTest(tx, item.testId);
    const [analytes, who] = await Promise.all([
      analytesOf(tx, [item.testId]),
      patientDemographics(tx, order.patientId),
    ]);
    const before = await results.pendingAmendment(tx, item.id);
    const version = item.version + 1;
    const rows = resultRows(item.id, analytes, who?.sex ?? '', input);
    await results.savePendingAmendment(tx, {
      hospitalId,
      itemId: item.id,
      version,
      reason: input.reason,
      resultComment: input.comment,
      enteredAt: new Date(),
      enteredBy: ctx.actor.userId,
    });
    await results.replaceResults(tx, item.id, rows, version);
    await audit(tx, ctx, {
      action: 'lab.results.correction_entered',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: before ? { item: item.accession, version, reason: before.reason } : null,
      after: {
        item: item.accession,
        version,
        reason: input.reason,
        results: summary(rows),
        comment: input.comment,
      },
    });
  });
  return readOrder(ctx.db, hospitalId, orderId);
}

/** Withdraws a correction not yet released: the released results stand, as they were. */
export async function withdrawAmendment(ctx: Ctx, orderId: string, itemId: string): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    const pending = await results.pendingAmendment(tx, item.id);
    if (!pending) {
      throw new AppError('INVALID_TRANSITION', `No correction of ${item.name} is waiting.`);
    }
    await results.deleteVersion(tx, item.id, pending.version);
    await results.deleteAmendment(tx, pending.id);
    await audit(tx, ctx, {
      action: 'lab.results.correction_withdrawn',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { item: item.accession, version: pending.version, reason: pending.reason },
      after: null,
    });
  });
  return readOrder(ctx.db, hospitalId, orderId);
}

/**
 * Releases a correction as a second person: it becomes the test's results, the version before is
 * kept as superseded, and whoever ordered the test (and the patient, if the report was out) is told.
 */
export async function releaseAmendment(ctx: Ctx, orderId: string, itemId: string): Promise<LabOrder> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const { order, item } = await lockedItem(tx, hospitalId, orderId, itemId);
    const pending = await results.pendingAmendment(tx, item.id);
    if (!pending) {
      throw new AppError('INVALID_TRANSITION', `No correction of ${item.name} is waiting to be released.`);
    }
    if (pending.enteredBy === ctx.actor.userId) {
      throw new AppError(
        'RULE_VIOLATION',
        'A correction is released by a second person: someone other than who entered it.',
      );
    }
    const released = await results.resultsOf(tx, [item.id]);
    await results.releaseAmendment(tx, pending, ctx.actor.userId, new Date());
    const now = await results.resultsOf(tx, [item.id]);
    await audit(tx, ctx, {
      action: 'lab.results.corrected',
      entityType: 'lab_order',
      entityId: order.id,
      patientId: order.patientId,
      before: { item: item.accession, version: item.version, results: summary(released) },
      after: {
        item: item.accession,
        version: pending.version,
        reason: pending.reason,
        results: summary(now),
      },
    });
    const patient = (await patientBriefs(tx, [order.patientId], hospitalId)).get(order.patientId);
    await announceCritical(tx, { order, test: item.name, patient, critical: criticalOf(now) });
    await notify(tx, {
      template: 'lab.result_amended',
      userId: order.orderedBy,
      hospitalId,
      data: {
        orderId: order.id,
        number: order.number,
        test: item.name,
        patient: patient?.name ?? '',
        mrn: patient?.mrn ?? '',
        reason: pending.reason,
      },
    });
    // The patient reads the report once every test is verified: only then were they told of it.
    if (order.status === 'reported' && patient?.userId) {
      await notify(tx, {
        template: 'lab.report_amended',
        userId: patient.userId,
        hospitalId,
        data: { orderId: order.id, number: order.number, test: item.name },
      });
    }
  });
  return readOrder(ctx.db, hospitalId, orderId);
}
