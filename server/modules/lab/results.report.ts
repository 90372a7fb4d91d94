// The lab report: the hospital's letterhead, the patient and the order, then each verified test
// with its results (value and unit, the flag, the reference range it was judged against), the
// technician's remark, and who verified it when. Tests not verified yet are listed as pending. A
// corrected test (ADR 35) is marked so, with each correction's reason, who released it when, and
// the values it replaced.
// Staff of the order's hospital print it, and so does the patient, for their own order.
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { rangeText, type ResultFlag } from '../../../contracts/lab-results';
import { can } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { PdfDocument } from '../../platform/pdf';
import { hospitalFacts } from '../billing';
import { formatInstant } from '../notifications';
import * as repo from './orders.repo';
import { present } from './orders.read';

const FLAG: Record<ResultFlag, string> = {
  normal: '',
  low: 'Low',
  high: 'High',
  critical_low: 'CRITICAL LOW',
  critical_high: 'CRITICAL HIGH',
};
const COLUMNS = [0, 190, 290, 370];

const number = (v: number, decimals: number) => v.toFixed(decimals);

function printTest(doc: PdfDocument, item: LabOrderItem, zone: string) {
  const collected = item.collectedAt ? `collected ${formatInstant(item.collectedAt, zone)}` : '';
  const title = item.name.includes(item.code) ? item.name : `${item.name} (${item.code})`;
  doc.pair(title, `${item.accession}  ${collected}`, { size: 10, bold: true });
  if (item.status !== 'verified') {
    doc.text('Pending: the results are not verified yet.', { size: 9, gap: 6 });
    return;
  }
  doc.row(['Test', 'Result', 'Flag', 'Reference range'], COLUMNS, { size: 8, bold: [0, 1, 2, 3] });
  printResults(doc, item.results);
  if (item.resultComment) doc.text(`Remark: ${item.resultComment}`, { size: 9 });
  const by = [
    item.resultedBy && `Entered by ${item.resultedBy.name}`,
    item.verifiedBy &&
      item.verifiedAt &&
      `verified by ${item.verifiedBy.name}, ${formatInstant(item.verifiedAt, zone)}`,
  ]
    .filter(Boolean)
    .join('; ');
  doc.text(by, { size: 8, gap: item.amendments.length > 0 ? 4 : 8 });
  printCorrections(doc, item, zone);
}

/** Newest first: what each correction changed, why, and the values it replaced. */
function printCorrections(doc: PdfDocument, item: LabOrderItem, zone: string) {
  const newest = [...item.amendments].reverse();
  newest.forEach((a, i) => {
    doc.text(
      `CORRECTED ${formatInstant(a.releasedAt, zone)}: ${a.reason} (entered by ${a.enteredBy.name}, released by ${a.releasedBy.name})`,
      { size: 9, bold: true },
    );
    const changed = a.superseded.results.filter((old) => {
      const next = (i === 0 ? item.results : newest[i - 1]!.superseded.results).find(
        (r) => r.name === old.name,
      );
      return !next || next.value !== old.value || next.text !== old.text;
    });
    const was = changed.map((r) =>
      r.value == null ? `${r.name} ${r.text}` : `${r.name} ${number(r.value, r.decimals)} ${r.unit}`.trim(),
    );
    doc.text(`Replaced: ${was.length > 0 ? was.join('; ') : 'the remark only'}`, {
      size: 8,
      gap: i === newest.length - 1 ? 8 : 4,
    });
  });
}

function printResults(doc: PdfDocument, results: LabOrderItem['results']) {
  for (const r of results) {
    if (r.kind === 'text' || r.value == null) {
      doc.row([r.name, r.text], COLUMNS); // a sentence runs across the result's columns
      continue;
    }
    const flag = r.flag ? FLAG[r.flag] : '';
    const range = rangeText(r, (v) => number(v, r.decimals));
    doc.row(
      [
        r.name,
        `${number(r.value, r.decimals)} ${r.unit}`.trim(),
        flag,
        range ? `${range} ${r.unit}`.trim() : '',
      ],
      COLUMNS,
      { bold: flag ? [1, 2] : [] },
    );
  }
}

export async function reportPdf(ctx: Ctx, id: string): Promise<{ body: Buffer; filename: string }> {
  const row = await repo.findListed(ctx.db, null, id);
  const staff = !!row && row.hospitalId === ctx.actor.hospitalId && can(ctx.actor, 'lab-orders:read');
  const own =
    !!row &&
    !!ctx.actor.patientId &&
    row.patientId === ctx.actor.patientId &&
    can(ctx.actor, 'own-record:read');
  if (!row || (!staff && !own)) throw notFound('Lab order');
  const [order] = await present(ctx.db, [row], !staff);
  if (!order!.items.some((i) => i.status === 'verified')) {
    throw new AppError(
      'INVALID_TRANSITION',
      'No result of this order is verified yet: there is no report to print.',
    );
  }
  await auditRead(ctx, {
    action: 'lab.report.read',
    entityType: 'lab_order',
    entityId: id,
    patientId: row.patientId,
  });
  return {
    body: printReport(order!, await hospitalFacts(ctx.db, row.hospitalId)),
    filename: `${order!.number}-report.pdf`,
  };
}

export function printReport(order: LabOrder, hospital: Awaited<ReturnType<typeof hospitalFacts>>): Buffer {
  const zone = hospital.timeZone;
  const doc = new PdfDocument(`Lab report ${order.number} - ${hospital.name}`);
  doc.letterhead(hospital);
  const pending = order.items.some((i) => i.status !== 'verified' && i.status !== 'cancelled');
  const corrected = order.items.some((i) => i.amendments.length > 0);
  const title = [
    pending ? 'Laboratory report (partial)' : 'Laboratory report',
    corrected ? ' - CORRECTED' : '',
  ].join('');
  doc.text(title, { size: 13, bold: true, gap: 4 });
  const p = order.patient;
  doc.pair(`Patient: ${p.name}`, `Order ${order.number}`, { bold: true });
  const sex = p.sex ? p.sex.charAt(0).toUpperCase() + p.sex.slice(1) : '';
  doc.pair(
    [p.mrn && `MRN ${p.mrn}`, sex, p.dateOfBirth && `born ${p.dateOfBirth}`].filter(Boolean).join('   '),
    `Ordered ${formatInstant(order.orderedAt, zone)}`,
    { size: 9 },
  );
  doc.text(`Ordered by ${order.orderedBy.name}${order.priority === 'urgent' ? '   URGENT' : ''}`, {
    size: 9,
  });
  if (order.clinicalNote) doc.text(`Clinical note: ${order.clinicalNote}`, { size: 9 });
  doc.rule();
  for (const item of order.items.filter((i) => i.status !== 'cancelled')) printTest(doc, item, zone);
  doc.rule();
  doc.text('End of report.', { size: 8 });
  return doc.toBuffer();
}
