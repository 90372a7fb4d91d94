// A patient's visit history (their consultations with diagnoses, what was prescribed and addenda),
// for clinical staff of a hospital the patient is registered at (that hospital's visits) and for
// the patient (all of them); and the printed prescription of a closed consultation.
import type { Visit, VisitPage } from '../../../contracts/clinical';
import { withDoctorTitle } from '../../../contracts/names';
import { can } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { patientBriefs, patientDemographics, registeredPatient } from '../patients';
import * as repo from './clinical.repo';
import { detailsOf } from './consultations.service';
import { PdfDocument } from '../../platform/pdf';
import { unitWord } from '../../../contracts/units';
import { ageOn } from './prescribing';

type Page = { limit: number; offset: number };

async function page(ctx: Ctx, patientId: string, hospitalId: string | null, q: Page): Promise<VisitPage> {
  const { rows, total } = await repo.listOfPatient(ctx.db, patientId, hospitalId, q.limit, q.offset);
  const [details, doctors, hospitals] = await Promise.all([
    detailsOf(ctx.db, rows),
    repo.doctorsByIds(
      ctx.db,
      rows.map((r) => r.doctorProfileId),
    ),
    repo.letterheads(
      ctx.db,
      rows.map((r) => r.hospitalId),
    ),
  ]);
  const items = rows.map((r): Visit => {
    const d = doctors.get(r.doctorProfileId);
    return {
      id: r.id,
      hospitalId: r.hospitalId,
      hospitalName: hospitals.get(r.hospitalId)?.name ?? '',
      timeZone: hospitals.get(r.hospitalId)?.timeZone ?? 'UTC',
      doctorName: d?.name ?? '',
      specialty: d?.specialty ?? '',
      status: r.status as Visit['status'],
      openedAt: r.openedAt.toISOString(),
      closedAt: r.closedAt ? r.closedAt.toISOString() : null,
      chiefComplaint: r.chiefComplaint,
      followUp: r.followUp,
      labRequests: r.labRequests,
      diagnoses: details.diagnoses(r.id),
      prescriptionId: r.prescriptionId,
      prescription: details.lines(r.prescriptionId),
      addenda: details.addenda(r.id),
    };
  });
  await auditRead(ctx, {
    action: 'visits.listed',
    entityType: 'patient',
    entityId: patientId,
    patientId,
    hospitalId,
    after: { ids: items.map((i) => i.id) },
  });
  return { items, total, limit: q.limit, offset: q.offset };
}

/** The visits at the active hospital of a patient registered there. */
export async function visitsOfPatient(ctx: Ctx, patientId: string, q: Page): Promise<VisitPage> {
  const hospitalId = ctx.actor.hospitalId;
  if (!hospitalId || !(await registeredPatient(ctx.db, patientId, hospitalId))) throw notFound('Patient');
  return page(ctx, patientId, hospitalId, q);
}

/** The signed-in patient's own visits, at every hospital. */
export async function ownVisits(ctx: Ctx, q: Page): Promise<VisitPage> {
  const patientId = ctx.actor.patientId;
  if (!patientId) throw notFound('Patient record');
  return page(ctx, patientId, null, q);
}

// ---------------------------------------------------------------- the printed prescription

const SEX: Record<string, string> = { male: 'M', female: 'F', other: 'O' };

function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/**
 * The prescription of a closed consultation as a PDF: the hospital's letterhead, the doctor with
 * their registration number, the patient, the date, diagnoses and each line with its directions.
 * Clinical staff of the hospital may print it, and the patient their own.
 */
export async function prescriptionPdf(ctx: Ctx, id: string): Promise<{ body: Buffer; filename: string }> {
  const row = await repo.findConsultation(ctx.db, id);
  const staff =
    !!row &&
    row.hospitalId === ctx.actor.hospitalId &&
    can(ctx.actor, 'consultations:read', 'consultations:write');
  const own =
    !!row &&
    !!ctx.actor.patientId &&
    row.patientId === ctx.actor.patientId &&
    can(ctx.actor, 'own-record:read');
  if (!row || (!staff && !own)) throw notFound('Consultation');
  if (row.status !== 'closed' || !row.closedAt) {
    throw new AppError('INVALID_TRANSITION', 'The prescription is issued when the consultation is closed.');
  }
  const [briefs, demographics, doctors, hospitals, details] = await Promise.all([
    patientBriefs(ctx.db, [row.patientId], row.hospitalId),
    patientDemographics(ctx.db, row.patientId),
    repo.doctorsByIds(ctx.db, [row.doctorProfileId]),
    repo.letterheads(ctx.db, [row.hospitalId]),
    detailsOf(ctx.db, [row]),
  ]);
  const patient = briefs.get(row.patientId);
  const doctor = doctors.get(row.doctorProfileId)!;
  const hospital = hospitals.get(row.hospitalId)!;
  const date = localDate(row.closedAt, hospital.timeZone);
  const age = demographics?.dateOfBirth ? `${ageOn(demographics.dateOfBirth, date)} y` : 'age not recorded';
  const sex = SEX[demographics?.sex ?? ''] ?? '-';

  const doc = new PdfDocument(`Prescription - ${hospital.name}`);
  doc.letterhead(hospital);
  doc.pair(withDoctorTitle(doctor.name), `Date: ${date}`, { bold: true });
  doc.text([doctor.qualifications, doctor.specialty].filter(Boolean).join(', '), { size: 9 });
  doc.text(`Reg. No. ${doctor.registrationNumber}`, { size: 9 });
  doc.rule();
  doc.pair(`Patient: ${patient?.name ?? ''}`, `MRN: ${patient?.mrn ?? '-'}`);
  doc.text(`Age/Sex: ${age} / ${sex}`, { gap: 4 });
  const diagnoses = details.diagnoses(row.id);
  if (diagnoses.length > 0) {
    doc.text('Diagnosis', { bold: true });
    for (const d of diagnoses) {
      doc.text(`${d.code ? `${d.code}  ` : ''}${d.description}${d.primary ? '' : ' (secondary)'}`, {
        indent: 12,
      });
    }
    doc.space(6);
  }
  doc.text('Rx', { size: 14, bold: true, gap: 2 });
  const lines = details.lines(row.prescriptionId);
  if (lines.length === 0) doc.text('No medicines prescribed.', { indent: 12 });
  lines.forEach((l, i) => {
    doc.text(`${i + 1}. ${l.medicineName}`, { bold: true, indent: 12 });
    if (l.directions) doc.text(l.directions, { indent: 26 });
    doc.text(`Quantity: ${l.quantity} ${unitWord(l.dispensingUnit, l.quantity)}`, { indent: 26, gap: 4 });
  });
  const { followUp, labRequests } = row;
  if (labRequests) {
    doc.space(4);
    doc.text('Lab tests requested', { bold: true });
    doc.text(labRequests, { indent: 12 });
  }
  if (followUp) {
    doc.space(4);
    doc.text('Follow-up', { bold: true });
    doc.text(followUp, { indent: 12 });
  }
  doc.space(24);
  doc.text(withDoctorTitle(doctor.name), { right: true, bold: true });
  doc.text(`Reg. No. ${doctor.registrationNumber}`, { right: true, size: 9 });
  doc.text(`Issued electronically on ${date}. Consultation ${row.id}`, { size: 8 });

  await auditRead(ctx, {
    action: 'consultation.prescription_printed',
    entityType: 'consultation',
    entityId: id,
    patientId: row.patientId,
    hospitalId: row.hospitalId,
  });
  return { body: doc.toBuffer(), filename: `prescription-${date}-${row.id.slice(0, 8)}.pdf` };
}
