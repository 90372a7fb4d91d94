// A doctor's consultation: opened from a checked-in appointment (which goes in_consultation) or for
// a walk-in registered here; vitals, complaint, notes, diagnoses; the prescription checked against
// the patient's allergies and the stock, written into the pharmacy's queue at closing, together
// with the appointment's completion, in one transaction. Closed, it changes only by addenda.
import type {
  AddAddendum,
  CheckedPrescription,
  CloseConsultation,
  Consultation,
  Diagnosis,
  OpenConsultation,
  UpdateConsultation,
  VitalsView,
  WrittenLine,
} from '../../../contracts/clinical';
import type { Executor } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { billConsultation } from '../billing';
import { findUserNames } from '../identity';
import { activeAllergies, patientBriefs, patientDemographics, registeredPatient } from '../patients';
import { createPrescription } from '../pharmacy';
import { beginVisit, completeVisit } from '../scheduling';
import * as repo from './clinical.repo';
import { checkedDraft, draftView } from './prescription-draft';
import { bmiOf } from './prescribing';
import { editable, ownDoctor, visible } from './consultation-access';
import { checkLines } from './prescription-check';

const iso = (d: Date) => d.toISOString();

// ---------------------------------------------------------------- presenting

function vitalsView(v: repo.VitalsRow | undefined): VitalsView | null {
  if (!v) return null;
  const weightKg = v.weightKg === null ? null : Number(v.weightKg);
  const heightCm = v.heightCm === null ? null : Number(v.heightCm);
  return {
    systolic: v.systolic,
    diastolic: v.diastolic,
    pulse: v.pulse,
    temperatureC: v.temperatureC === null ? null : Number(v.temperatureC),
    spo2: v.spo2,
    weightKg,
    heightCm,
    bmi: bmiOf(weightKg, heightCm),
    recordedAt: iso(v.recordedAt),
  };
}

/** Diagnoses, written lines and addenda of several consultations, for views and histories. */
export async function detailsOf(exec: Executor, rows: repo.ConsultationRow[]) {
  const ids = rows.map((r) => r.id);
  const prescriptionIds = rows.flatMap((r) => (r.prescriptionId ? [r.prescriptionId] : []));
  const [diagnoses, lines, addenda] = await Promise.all([
    repo.diagnosesOf(exec, ids),
    repo.writtenLines(exec, prescriptionIds),
    repo.addendaOf(exec, ids),
  ]);
  const authors = await authorNames(
    exec,
    addenda.map((a) => a.authorUserId),
  );
  return {
    diagnoses: (id: string): Diagnosis[] =>
      diagnoses
        .filter((d) => d.consultationId === id)
        .map((d) => ({ code: d.code, description: d.description, primary: d.primary })),
    lines: (prescriptionId: string | null): WrittenLine[] =>
      lines.filter((l) => l.prescriptionId === prescriptionId).map(({ prescriptionId: _p, ...l }) => l),
    addenda: (id: string) =>
      addenda
        .filter((a) => a.consultationId === id)
        .map((a) => ({
          id: a.id,
          text: a.text,
          authorName: authors.get(a.authorUserId) ?? '',
          createdAt: iso(a.createdAt),
        })),
  };
}

const authorNames = (exec: Executor, userIds: string[]) => findUserNames(exec, [...new Set(userIds)]);

async function present(ctx: Ctx, exec: Executor, row: repo.ConsultationRow): Promise<Consultation> {
  const [patients, demographics, doctors, hospitals, vitals, details, allergies] = await Promise.all([
    patientBriefs(exec, [row.patientId], row.hospitalId),
    patientDemographics(exec, row.patientId),
    repo.doctorsByIds(exec, [row.doctorProfileId]),
    repo.letterheads(exec, [row.hospitalId]),
    repo.findVitals(exec, [row.id]),
    detailsOf(exec, [row]),
    activeAllergies(exec, row.patientId),
  ]);
  const draft = await draftView(exec, row.hospitalId, row.prescriptionDraft);
  const p = patients.get(row.patientId);
  return {
    id: row.id,
    hospitalId: row.hospitalId,
    hospitalName: hospitals.get(row.hospitalId)?.name ?? '',
    patientId: row.patientId,
    patientName: p?.name ?? '',
    mrn: p?.mrn ?? null,
    patientSex: demographics?.sex ?? 'unknown',
    patientDateOfBirth: demographics?.dateOfBirth ?? null,
    doctorId: row.doctorProfileId,
    doctorName: doctors.get(row.doctorProfileId)?.name ?? '',
    appointmentId: row.appointmentId,
    status: row.status as Consultation['status'],
    chiefComplaint: row.chiefComplaint,
    notes: row.notes,
    followUp: row.followUp,
    labRequests: row.labRequests,
    vitals: vitalsView(vitals.get(row.id)),
    diagnoses: details.diagnoses(row.id),
    allergies,
    prescriptionId: row.prescriptionId,
    prescription: details.lines(row.prescriptionId),
    prescriptionDraft: draft,
    addenda: details.addenda(row.id),
    openedAt: iso(row.openedAt),
    closedAt: row.closedAt ? iso(row.closedAt) : null,
    canEdit:
      row.status === 'open' && row.doctorUserId === ctx.actor.userId && can(ctx.actor, 'consultations:write'),
  };
}

// ---------------------------------------------------------------- reading

export async function getConsultation(ctx: Ctx, id: string): Promise<Consultation> {
  const row = await visible(ctx, ctx.db, id);
  const dto = await present(ctx, ctx.db, row);
  await auditRead(ctx, {
    action: 'consultation.read',
    entityType: 'consultation',
    entityId: id,
    patientId: row.patientId,
    hospitalId: row.hospitalId,
  });
  return dto;
}

// ---------------------------------------------------------------- opening

/**
 * Opens a consultation: from the doctor's own checked-in appointment (one per appointment: asking
 * again answers the one already open, `created: false`), or for a walk-in registered here.
 */
export async function openConsultation(
  ctx: Ctx,
  input: OpenConsultation,
): Promise<{ consultation: Consultation; created: boolean }> {
  const hospitalId = requireHospital(ctx.actor);
  const { row, created } = await ctx.db.transaction(async (tx) => {
    const doctor = await ownDoctor(ctx, tx);
    let patientId: string;
    let appointmentId: string | null = null;
    if ('appointmentId' in input) {
      // Locks the appointment first, so two clicks on "Start" open one consultation.
      const visit = await beginVisit(tx, ctx, {
        appointmentId: input.appointmentId,
        hospitalId,
        doctorProfileId: doctor.id,
      });
      const existing = await repo.consultationOfAppointment(tx, visit.appointmentId);
      if (existing) return { row: existing, created: false };
      patientId = visit.patientId;
      appointmentId = visit.appointmentId;
    } else {
      if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
      patientId = input.patientId;
    }
    const row = await repo.insertConsultation(tx, {
      hospitalId,
      patientId,
      doctorProfileId: doctor.id,
      doctorUserId: ctx.actor.userId,
      appointmentId,
    });
    await audit(tx, ctx, {
      action: 'consultation.opened',
      entityType: 'consultation',
      entityId: row.id,
      patientId,
      after: { appointmentId, doctorProfileId: doctor.id },
    });
    return { row, created: true };
  });
  return { consultation: await present(ctx, ctx.db, row), created };
}

// ---------------------------------------------------------------- writing

const round = (n: number | null | undefined, places: number) =>
  n === null || n === undefined ? null : Math.round(n * 10 ** places) / 10 ** places;

export async function updateConsultation(
  ctx: Ctx,
  id: string,
  input: UpdateConsultation,
): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const row = await editable(ctx, tx, id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const fields: Partial<repo.ConsultationRow> = {};
    for (const k of ['chiefComplaint', 'notes', 'followUp', 'labRequests'] as const) {
      if (input[k] !== undefined && input[k] !== row[k]) {
        fields[k] = input[k];
        before[k] = row[k];
        after[k] = input[k];
      }
    }
    if (input.prescriptionDraft !== undefined) {
      fields.prescriptionDraft = await checkedDraft(tx, row.hospitalId, input.prescriptionDraft);
      after.prescriptionDraft = input.prescriptionDraft.map((l) => ({
        medicineId: l.medicineId,
        dose: l.dose,
      }));
    }
    if (Object.keys(fields).length > 0) await repo.updateConsultation(tx, id, fields);
    if (input.vitals !== undefined) {
      const v = input.vitals;
      await repo.setVitals(
        tx,
        row,
        ctx.actor.userId,
        v === null
          ? null
          : {
              systolic: v.systolic ?? null,
              diastolic: v.diastolic ?? null,
              pulse: v.pulse ?? null,
              temperatureC: round(v.temperatureC, 1),
              spo2: v.spo2 ?? null,
              weightKg: round(v.weightKg, 2),
              heightCm: round(v.heightCm, 1),
            },
      );
      after.vitals = v;
    }
    if (input.diagnoses !== undefined) {
      const codes = input.diagnoses.flatMap((d) => (d.code ? [d.code] : []));
      const known = await repo.activeCodes(tx, codes);
      const errors = input.diagnoses.flatMap((d, i) =>
        d.code && !known.has(d.code)
          ? [{ path: `body.diagnoses.${i}.code`, message: `${d.code} is not an active ICD-10 code` }]
          : [],
      );
      if (errors.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'Some diagnosis codes are not on the ICD-10 list.', {
          errors,
        });
      }
      const rows = input.diagnoses.map((d) => ({
        code: d.code ?? null,
        description: d.description ?? known.get(d.code!)!,
        primary: d.primary,
      }));
      await repo.replaceDiagnoses(tx, id, rows);
      // `code` is a word the audit log redacts (one-time codes); ICD-10 codes go in as `icd10`.
      after.diagnoses = rows.map((d) => ({ icd10: d.code, description: d.description, primary: d.primary }));
    }
    if (Object.keys(after).length > 0) {
      await repo.updateConsultation(tx, id, {});
      await audit(tx, ctx, {
        action: 'consultation.updated',
        entityType: 'consultation',
        entityId: id,
        patientId: row.patientId,
        before,
        after,
      });
    }
  });
  return getConsultation(ctx, id);
}

// ---------------------------------------------------------------- closing and addenda

/**
 * Closes the consultation: the prescription (if any line) goes into the pharmacy's queue under the
 * doctor's name, the appointment is completed, the consultation is closed, all or nothing.
 */
export async function closeConsultation(
  ctx: Ctx,
  id: string,
  input: CloseConsultation,
): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    const row = await editable(ctx, tx, id);
    const doctor = (await repo.doctorsByIds(tx, [row.doctorProfileId])).get(row.doctorProfileId)!;
    let prescriptionId: string | null = null;
    const lines = input.prescription?.lines ?? [];
    let written: CheckedPrescription | null = null;
    if (lines.length > 0) {
      written = await checkLines(tx, row.hospitalId, row.patientId, { lines }, 'body.prescription.lines');
      const diagnoses = await repo.diagnosesOf(tx, [id]);
      const primary = diagnoses.find((d) => d.primary);
      prescriptionId = await createPrescription(tx, {
        hospitalId: row.hospitalId,
        patientId: row.patientId,
        source: 'consultation',
        prescriberName: doctor.name,
        prescriberUserId: ctx.actor.userId,
        writtenOn: await repo.localToday(tx, row.hospitalId),
        notes: primary ? `Diagnosis: ${primary.code ? `${primary.code} ` : ''}${primary.description}` : null,
        enteredBy: ctx.actor.userId,
        lines: written.lines.map((l) => ({
          medicineId: l.medicineId,
          quantity: l.quantity,
          directions: l.directions,
        })),
      });
    }
    if (row.appointmentId) {
      await completeVisit(tx, ctx, { appointmentId: row.appointmentId, hospitalId: row.hospitalId });
    }
    await billConsultation(tx, ctx, { ...row, consultationId: id });
    await repo.updateConsultation(tx, id, {
      status: 'closed',
      closedAt: new Date(),
      prescriptionId,
      prescriptionDraft: [],
    });
    await audit(tx, ctx, {
      action: 'consultation.closed',
      entityType: 'consultation',
      entityId: id,
      patientId: row.patientId,
      before: { status: 'open' },
      after: {
        status: 'closed',
        prescriptionId,
        appointmentId: row.appointmentId,
        lines: written?.lines.map((l) => ({
          medicineId: l.medicineId,
          quantity: l.quantity,
          directions: l.directions,
          allergyWarnings: l.allergyWarnings.map((a) => a.substance),
        })),
      },
    });
  });
  return getConsultation(ctx, id);
}

/** Words added to a closed consultation by a doctor of its hospital; the record itself stays as it was. */
export async function addAddendum(ctx: Ctx, id: string, input: AddAddendum): Promise<Consultation> {
  await ctx.db.transaction(async (tx) => {
    await ownDoctor(ctx, tx);
    const row = await visible(ctx, tx, id, true);
    if (row.status !== 'closed') {
      throw new AppError('INVALID_TRANSITION', 'The consultation is still open: change it directly.');
    }
    const added = await repo.insertAddendum(tx, {
      consultationId: id,
      text: input.text,
      authorUserId: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'consultation.addendum_added',
      entityType: 'consultation',
      entityId: id,
      patientId: row.patientId,
      after: { addendumId: added.id, text: input.text },
    });
  });
  return getConsultation(ctx, id);
}
