// Lab orders as the API shows them: the worklist, one order, and a patient's own orders, each test
// with its sample and its results (to the patient, only verified ones). Every read of a patient's
// order is audited.
import type { z } from 'zod';
import type { LabOrder, LabOrderPage, LabOrderSearch, LabPriority } from '../../../contracts/lab-orders';
import type { LabResult } from '../../../contracts/lab-results';
import type { SampleType } from '../../../contracts/lab';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import * as repo from './orders.repo';
import { correctionPeople, correctionsOf, presentCorrections } from './amendments.read';
import { resultsOf, type ResultRow } from './results.repo';

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
  const [results, corrections] = await Promise.all([
    resultsOf(
      exec,
      items.filter(shown).map((i) => i.id),
    ),
    correctionsOf(exec, items),
  ]);
  const people = await findUserNames(exec, [
    ...items.flatMap((i) => [i.collectedBy, i.resultedBy, i.verifiedBy]),
    ...correctionPeople(corrections),
  ]);
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);
  const at = (d: Date | null) => (d ? iso(d) : null);
  return rows.map((o) => ({
    id: o.id,
    number: o.number,
    patient: { id: o.patientId, name: o.patientName, mrn: o.mrn, sex: o.sex, dateOfBirth: o.dateOfBirth },
    source: o.source as LabOrder['source'],
    consultationId: o.consultationId,
    admissionId: o.admissionId,
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
      .map((i) => ({ i, c: presentCorrections(corrections, i, { staff: !verifiedOnly, person, toResult }) }))
      .map(({ i, c }) => ({
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
        resultComment: shown(i) ? c.comment : '',
        resultedAt: shown(i) ? at(i.resultedAt) : null,
        resultedBy: shown(i) ? person(i.resultedBy) : null,
        verifiedAt: at(i.verifiedAt),
        verifiedBy: person(i.verifiedBy),
        version: i.version,
        amendments: c.amendments,
        pendingAmendment: c.pendingAmendment,
      })),
  }));
}

export async function readOrder(exec: Executor, hospitalId: string, id: string): Promise<LabOrder> {
  const row = await repo.findListed(exec, hospitalId, id);
  if (!row) throw notFound('Lab order');
  return (await present(exec, [row]))[0]!;
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

/** The worklist: by default its to-do list (waiting for a sample or results), urgent first, then oldest first. */
export async function listOrders(ctx: Ctx, q: Search): Promise<LabOrderPage> {
  const hospitalId = requireHospital(ctx.actor);
  const statuses =
    q.status === 'all' ? null : q.status === 'open' ? ['awaiting_sample', 'collected'] : [q.status];
  const { rows, total } = await repo.searchOrders(ctx.db, hospitalId, {
    statuses,
    // A correction to release is the lab's work too, on an order long reported.
    orCorrecting: q.status === 'open',
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
