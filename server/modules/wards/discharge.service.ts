// Discharge (ADR 14): in one transaction the stay and the admission end, the bed goes to cleaning,
// the structured summary is written, and the stay is billed: one final invoice (source admission)
// of its bed-days, ward charges, lab tests and the medicines given on the ward, numbered like any
// other. If any of it fails, the patient is still admitted and nothing is billed. An unpaid balance
// never blocks a medical discharge: the answer says what is still owed, for the desk to collect. A
// lab sample still to be taken does (ADR 30): the test is on the stay's bill, so it is collected
// (or the order cancelled) before the patient leaves.
import type { DischargeCheck, DischargedAdmission } from '../../../contracts/discharge';
import type { DischargePatient } from '../../../contracts/wards';
import type { Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { billAdmission, priceStay } from '../billing';
import { localDateOf } from '../scheduling';
import * as repo from './admissions.repo';
import { openAdmission, readOne } from './admissions.service';
import { checkOf, stayCharges } from './bed-days.service';
import * as bills from './discharge.repo';
import { ordersAwaitingSample } from './stay-lab.repo';
import { publishBedChange } from './wards.live';
import * as wards from './wards.repo';

const invalid = (detail: string, path: string, message: string) =>
  new AppError('VALIDATION_FAILED', detail, { errors: [{ path, message }] });

/**
 * The diagnoses to record: those given, their codes active ICD-10 codes (a description left out is
 * the code's title), or else the consultation's the patient was admitted from. At least one.
 */
async function dischargeDiagnoses(
  tx: Tx,
  consultationId: string | null,
  given: DischargePatient['diagnoses'],
): Promise<bills.Diagnosis[]> {
  if (given === undefined) {
    const fromConsultation = consultationId ? await bills.consultationDiagnoses(tx, consultationId) : [];
    if (fromConsultation.length === 0) {
      throw invalid(
        'Give the diagnoses: the admission has no consultation to take them from.',
        'body.diagnoses',
        'Required',
      );
    }
    return fromConsultation;
  }
  if (given.length === 0) throw invalid('Give at least one diagnosis.', 'body.diagnoses', 'Required');
  const known = await bills.activeIcd10(
    tx,
    given.flatMap((d) => (d.code ? [d.code] : [])),
  );
  const errors = given.flatMap((d, i) =>
    d.code && !known.has(d.code)
      ? [{ path: `body.diagnoses.${i}.code`, message: `${d.code} is not an active ICD-10 code` }]
      : [],
  );
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some diagnosis codes are not on the ICD-10 list.', { errors });
  }
  const list = given.map((d) => ({
    code: d.code ?? null,
    description: d.description ?? known.get(d.code!)!,
    primary: d.primary,
  }));
  return [...list.filter((d) => d.primary), ...list.filter((d) => !d.primary)];
}

/** Discharges the patient with a summary and bills the stay; says what is still owed here. */
export async function discharge(ctx: Ctx, id: string, input: DischargePatient): Promise<DischargedAdmission> {
  const hospitalId = requireHospital(ctx.actor);
  const check = await ctx.db.transaction(async (tx) => {
    // Locked for update: a lab order being placed for the patient holds the admission for share
    // (stay-hold.ts), so it has committed by now and is seen here, or it will find no open stay.
    const { admission, stay } = await openAdmission(tx, hospitalId, id);
    const awaited = await ordersAwaitingSample(tx, id);
    if (awaited.length > 0) {
      throw new AppError(
        'LAB_SAMPLES_PENDING',
        `Samples are still to be taken for lab order${awaited.length > 1 ? 's' : ''} ${awaited.join(', ')}: collect them, or cancel the order, before discharging the patient.`,
      );
    }
    const diagnoses = await dischargeDiagnoses(tx, admission.consultationId, input.diagnoses);
    await repo.endStay(tx, stay.id, 'discharge');
    await repo.dischargeAdmission(tx, id, {
      dischargedBy: ctx.actor.userId,
      dischargeSummary: input.summary,
    });
    const details = {
      condition: input.condition,
      diagnoses,
      procedures: input.procedures,
      medicines: input.medicines.map((m) => ({ name: m.name, directions: m.directions })),
      followUp: input.followUp,
    };
    await bills.insertSummary(tx, { admissionId: id, hospitalId, ...details, createdBy: ctx.actor.userId });
    await wards.updateBed(tx, stay.bedId, { state: 'cleaning' });
    // The stays have just ended at the transaction's now(): count to the end of the last one.
    const now = new Date();
    const { charges, timeZone } = await stayCharges(tx, hospitalId, id, now);
    const dates = [admission.admittedAt, now].map((d) => localDateOf(d.getTime(), timeZone));
    const invoice = await billAdmission(tx, ctx, {
      admissionId: id,
      hospitalId,
      patientId: admission.patientId,
      charges,
      notes: `In-patient stay from ${dates[0]} to ${dates[1]}`,
    });
    await audit(tx, ctx, {
      action: 'wards.admission.discharged',
      entityType: 'admission',
      entityId: id,
      patientId: admission.patientId,
      before: { status: 'active', bedId: stay.bedId },
      after: {
        status: 'discharged',
        summary: input.summary,
        ...details,
        // `code` is a word the audit log redacts (one-time codes): ICD-10 codes go in as `icd10`.
        diagnoses: diagnoses.map((d) => ({ icd10: d.code, description: d.description, primary: d.primary })),
        invoiceId: invoice?.id ?? null,
        invoiceNumber: invoice?.number ?? null,
      },
    });
    await publishBedChange(tx, hospitalId);
    return checkOf(tx, hospitalId, { ...admission, status: 'discharged' }, 0);
  });
  return { ...(await readOne(ctx.db, hospitalId, id)), check };
}

/**
 * What the patient owes at the hospital before leaving: before discharge, the stay's charges so far
 * (not yet invoiced) and their open bills; after it, the bills, the stay's invoice among them.
 */
export async function dischargeCheck(ctx: Ctx, id: string): Promise<DischargeCheck> {
  const hospitalId = requireHospital(ctx.actor);
  const admission = await repo.findAdmission(ctx.db, hospitalId, id);
  if (!admission) throw notFound('Admission');
  let unbilled = 0;
  if (admission.status === 'active') {
    const { charges } = await stayCharges(ctx.db, hospitalId, id, new Date());
    unbilled = (await priceStay(ctx.db, hospitalId, charges)).totals.totalMinor;
  }
  const check = await checkOf(ctx.db, hospitalId, admission, unbilled);
  await auditRead(ctx, {
    action: 'wards.admission.discharge_check_read',
    entityType: 'admission',
    entityId: id,
    patientId: admission.patientId,
  });
  return check;
}
