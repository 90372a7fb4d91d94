// The discharge summary as a PDF: the hospital's letterhead, the patient and MRN, when they were
// admitted and discharged, every ward and bed of the stay, then the summary's sections. Staff who
// see the bed board at the admission's hospital may print it, and the patient their own; anyone
// else gets 404, like an admission that does not exist.
import { can } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { PdfDocument } from '../../platform/pdf';
import { hospitalFacts } from '../billing';
import { findUserNames } from '../identity';
import { formatInstant } from '../notifications';
import { patientBriefs, patientDemographics } from '../patients';
import { localDateOf } from '../scheduling';
import * as repo from './admissions.repo';
import * as bills from './discharge.repo';

const CONDITION: Record<string, string> = {
  recovered: 'Recovered',
  improved: 'Improved',
  stable: 'Stable',
  unchanged: 'Unchanged',
  deteriorated: 'Deteriorated',
};
const SEX: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other' };

function section(doc: PdfDocument, title: string, lines: string[], empty = 'None.') {
  doc.space(4);
  doc.text(title, { bold: true, size: 11 });
  if (lines.length === 0) doc.text(empty, { indent: 12 });
  for (const l of lines) doc.text(l, { indent: 12 });
}

export async function dischargeSummaryPdf(ctx: Ctx, id: string): Promise<{ body: Buffer; filename: string }> {
  const row = await bills.admissionById(ctx.db, id);
  const staff = !!row && row.hospitalId === ctx.actor.hospitalId && can(ctx.actor, 'beds:read');
  const own =
    !!row &&
    !!ctx.actor.patientId &&
    row.patientId === ctx.actor.patientId &&
    can(ctx.actor, 'own-record:read');
  if (!row || (!staff && !own)) throw notFound('Admission');
  if (row.status !== 'discharged' || !row.dischargedAt) {
    throw new AppError(
      'INVALID_TRANSITION',
      'The discharge summary is written when the patient is discharged.',
    );
  }
  const [hospital, briefs, demographics, stays, summaries, names] = await Promise.all([
    hospitalFacts(ctx.db, row.hospitalId),
    patientBriefs(ctx.db, [row.patientId], row.hospitalId),
    patientDemographics(ctx.db, row.patientId),
    repo.staysOf(ctx.db, [id]),
    bills.summariesOf(ctx.db, [id]),
    findUserNames(ctx.db, row.dischargedBy ? [row.dischargedBy] : []),
  ]);
  const patient = briefs.get(row.patientId);
  const details = summaries.get(id);
  const when = (d: Date | string) => formatInstant(d, hospital.timeZone);

  const doc = new PdfDocument(`Discharge summary - ${hospital.name}`);
  doc.letterhead(hospital);
  doc.pair('DISCHARGE SUMMARY', `MRN: ${patient?.mrn ?? '-'}`, { size: 14, bold: true });
  doc.text(`Patient: ${patient?.name ?? ''}`, { bold: true });
  const born = demographics?.dateOfBirth ? `Born ${demographics.dateOfBirth}` : 'Date of birth not recorded';
  doc.text(`${born}; sex: ${SEX[demographics?.sex ?? ''] ?? 'not recorded'}`, { size: 9 });
  doc.text(`Admitted: ${when(row.admittedAt)}`);
  doc.text(`Discharged: ${when(row.dischargedAt)}`);
  if (row.reason) doc.text(`Reason for admission: ${row.reason}`);
  doc.rule();
  section(
    doc,
    'Wards and beds',
    stays.map(
      (s) => `${s.wardName}, bed ${s.bedLabel}: ${when(s.startedAt)} to ${s.endedAt ? when(s.endedAt) : '-'}`,
    ),
  );
  section(
    doc,
    'Diagnoses',
    (details?.diagnoses ?? []).map(
      (d) => `${d.code ? `${d.code} ` : ''}${d.description}${d.primary ? ' (primary)' : ''}`,
    ),
    'Not recorded.',
  );
  section(doc, 'Course in hospital', [row.dischargeSummary ?? ''].filter(Boolean), 'Not recorded.');
  section(doc, 'Procedures', details?.procedures ?? []);
  section(
    doc,
    'Medicines on discharge',
    (details?.medicines ?? []).map(
      (m, i) => `${i + 1}. ${m.name}${m.directions ? ` - ${m.directions}` : ''}`,
    ),
  );
  section(
    doc,
    'Condition at discharge',
    details ? [CONDITION[details.condition] ?? details.condition] : [],
    'Not recorded.',
  );
  section(doc, 'Follow-up', details?.followUp ? [details.followUp] : [], 'Not recorded.');
  doc.space(18);
  const by = row.dischargedBy ? names.get(row.dischargedBy) : undefined;
  if (by) doc.text(`Discharged by ${by}`, { right: true, bold: true });
  doc.text(`Issued electronically. Admission ${row.id}`, { size: 8 });

  await auditRead(ctx, {
    action: 'wards.discharge_summary_printed',
    entityType: 'admission',
    entityId: id,
    patientId: row.patientId,
    hospitalId: row.hospitalId,
  });
  const date = localDateOf(row.dischargedAt.getTime(), hospital.timeZone);
  return { body: doc.toBuffer(), filename: `discharge-summary-${date}-${row.id.slice(0, 8)}.pdf` };
}
