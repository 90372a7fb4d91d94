// Lab orders as FHIR R4 DiagnosticReports (product §15). One report per order, as the lab report
// PDF is one per order: its tests together, "partial" while some are verified and others pending,
// final once all are. Its results are the verified ones (results.fhir.ts); a test not verified yet
// shows only in the status. Read and searched by those who see lab orders, audited as those are.
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { referenceId, token } from '../../platform/fhir/fhir.params';
import {
  concept,
  identifierSystem,
  metaOf,
  ref,
  type FhirResource,
  type FhirResourceProvider,
} from '../../platform/fhir/fhir.types';
import { findUserNames } from '../identity';
import { reportPage, type ReportStatus } from './lab.fhir.repo';
import * as repo from './orders.repo';
import { releasedOf } from './amendments.read';
import { amendmentsOf, resultsOf, type AmendmentRow, type ResultRow } from './results.repo';
import { SYSTEM } from '../../platform/fhir/fhir.terms';

const LOINC = SYSTEM.loinc;
const REPORT_STATUS = 'http://hl7.org/fhir/diagnostic-report-status';
const LAB = concept('http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB', 'Laboratory');
const ACCESSION = concept(SYSTEM.identifierType, 'ACSN', 'Accession ID');
/** The code of a report of several tests ("Laboratory report"); one test's report is that test. */
const LAB_REPORT = '11502-2';
const STATUSES: readonly ReportStatus[] = ['registered', 'partial', 'final', 'corrected', 'cancelled'];

const testSystem = (hospitalId: string) => identifierSystem('lab-test', hospitalId);

interface Parts {
  items: repo.ItemRow[];
  results: ResultRow[];
  names: Map<string, string>;
  amendments: AmendmentRow[];
}

function statusOf(o: repo.ListedOrder, items: repo.ItemRow[]): ReportStatus {
  if (o.status === 'cancelled') return 'cancelled';
  // A released correction (ADR 35) makes the report 'corrected', FHIR's word for an error put right.
  if (o.status === 'reported') return items.some((i) => i.version > 1) ? 'corrected' : 'final';
  return items.some((i) => i.status === 'verified') ? 'partial' : 'registered';
}

const latest = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));

export function fhirLabReport(
  o: repo.ListedOrder,
  { items, results, names, amendments }: Parts,
): FhirResource {
  const mine = items.filter((i) => i.orderId === o.id);
  const open = mine.filter((i) => i.status !== 'cancelled');
  // A cancelled order's tests are all cancelled: its report is still about them.
  const tests = open.length ? open : mine;
  const verified = mine.filter((i) => i.status === 'verified');
  const collected = [
    ...new Set(mine.flatMap((i) => (i.collectedAt ? [i.collectedAt.toISOString()] : []))),
  ].sort();
  const code =
    tests.length === 1
      ? concept(testSystem(o.hospitalId), tests[0]!.code, tests[0]!.name)
      : {
          coding: [{ system: LOINC, code: LAB_REPORT, display: 'Laboratory report' }],
          text: tests.map((i) => i.name).join(', '),
        };
  // A corrected test stands on its correction: its remark, release and releaser (ADR 35).
  const released = verified.map((i) => ({ i, ...releasedOf(i, amendments) }));
  const verifiers = [...new Set(released.map((r) => names.get(r.by) ?? ''))].filter(Boolean);
  const remarks = released.filter((r) => r.comment).map((r) => `${r.i.name}: ${r.comment}`);
  const shown = results.filter((r) => verified.some((i) => i.id === r.itemId));
  return {
    resourceType: 'DiagnosticReport',
    id: o.id,
    meta: metaOf(latest([o.updatedAt, ...released.map((r) => r.at)])),
    identifier: [
      { use: 'official', system: identifierSystem('lab-order', o.hospitalId), value: o.number },
      ...tests.map((i) => ({
        type: ACCESSION,
        system: identifierSystem('lab-accession', o.hospitalId),
        value: i.accession,
      })),
    ],
    status: statusOf(o, mine),
    category: [LAB],
    code,
    subject: ref('Patient', o.patientId, o.patientName),
    ...(o.consultationId ? { encounter: ref('Encounter', o.consultationId) } : {}),
    // When the samples were taken: one instant, or from the first to the last.
    ...(collected.length === 1 ? { effectiveDateTime: collected[0] } : {}),
    ...(collected.length > 1 ? { effectivePeriod: { start: collected[0], end: collected.at(-1) } } : {}),
    ...(released.length ? { issued: latest(released.map((r) => r.at)).toISOString() } : {}),
    performer: [ref('Organization', o.hospitalId)],
    ...(verifiers.length ? { resultsInterpreter: verifiers.map((display) => ({ display })) } : {}),
    ...(shown.length ? { result: shown.map((r) => ref('Observation', r.id, r.name)) } : {}),
    ...(remarks.length ? { conclusion: remarks.join('\n') } : {}),
  };
}

/** The tests, verified results and verifiers' names the orders' reports are made of. */
async function partsOf(exec: Executor, orders: repo.ListedOrder[]): Promise<Parts> {
  const items = await repo.itemsOf(
    exec,
    orders.map((o) => o.id),
  );
  const verified = items.filter((i) => i.status === 'verified');
  const [results, amendments] = await Promise.all([
    resultsOf(
      exec,
      verified.map((i) => i.id),
    ),
    amendmentsOf(
      exec,
      verified.filter((i) => i.version > 1).map((i) => i.id),
    ),
  ]);
  const names = await findUserNames(exec, [
    ...verified.map((i) => i.verifiedBy),
    ...amendments.map((a) => a.releasedBy),
  ]);
  return { items, results, names, amendments };
}

/** The statuses a `status` search asks for (none: it names one a report here never has). */
function statusesOf(value: string | undefined): readonly ReportStatus[] {
  if (value === undefined) return STATUSES;
  const t = token('status', value);
  if ((t.system ?? REPORT_STATUS) !== REPORT_STATUS) return [];
  return STATUSES.filter((st) => st === t.code);
}

/** The test a `code` search names (one of the hospital's, or the code of a several-test report). */
function testOf(
  value: string | undefined,
  hospitalId: string,
): { code: string } | 'multiple' | null | undefined {
  if (value === undefined) return undefined;
  const t = token('code', value);
  if (t.code === LAB_REPORT && (t.system ?? LOINC) === LOINC) return 'multiple';
  return (t.system ?? testSystem(hospitalId)) === testSystem(hospitalId) ? { code: t.code } : null;
}

export const labReportFhir: FhirResourceProvider = {
  type: 'DiagnosticReport',
  documentation:
    'Lab orders as reports (category LAB): registered, partial, final or cancelled, with their verified results; identified by the order number; audited.',
  access: { anyOf: ['lab-orders:read'] },
  async read(ctx: Ctx, id: string) {
    const order = await repo.findListed(ctx.db, requireHospital(ctx.actor), id);
    if (!order) throw notFound('DiagnosticReport');
    const parts = await partsOf(ctx.db, [order]);
    await auditRead(ctx, {
      action: 'lab.order.read',
      entityType: 'lab_order',
      entityId: id,
      patientId: order.patientId,
    });
    return fhirLabReport(order, parts);
  },
  search: {
    params: [
      { name: 'patient', type: 'reference', documentation: 'The patient (Patient/<id>); required.' },
      { name: 'status', type: 'token', documentation: 'registered, partial, final, corrected or cancelled.' },
      {
        name: 'date',
        type: 'date',
        documentation: 'When the (first) sample was taken; twice for a range.',
        range: true,
      },
      {
        name: 'code',
        type: 'token',
        documentation: `A test of the report (urn:hospitium:lab-test:<hospital id>), or ${LAB_REPORT} (LOINC) for reports of several tests.`,
      },
    ],
    required: ['patient'],
    async run(ctx, s) {
      const hospitalId = requireHospital(ctx.actor);
      const patientId = referenceId('patient', s.params.patient!, 'Patient');
      const statuses = statusesOf(s.params.status);
      const test = testOf(s.params.code, hospitalId);
      if (statuses.length === 0 || test === null) return { resources: [], total: 0 };
      const { rows, total } = await reportPage(ctx.db, hospitalId, {
        patientId,
        statuses,
        test,
        dates: s.dates.date,
        limit: s.count,
        offset: s.offset,
      });
      const parts = await partsOf(ctx.db, rows);
      await auditRead(ctx, {
        action: 'lab.orders.read',
        entityType: 'patient',
        entityId: patientId,
        patientId,
      });
      return { resources: rows.map((o) => fhirLabReport(o, parts)), total };
    },
  },
};
