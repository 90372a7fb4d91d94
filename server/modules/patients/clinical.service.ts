import type {
  Allergy,
  Condition,
  NewAllergy,
  NewCondition,
  UpdateAllergy,
  UpdateCondition,
} from '../../../contracts/patients';
import type { Executor } from '../../db/client';
import { audit, diff } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as clinical from './patients.clinical.repo';
import { toAllergy, toCondition } from './patients.dto';
import * as repo from './patients.repo';
import { staffHospital } from './patients.scope';
import { recordAllergy, recordCondition } from './registration.service';

// Allergies and conditions are safety data: recorded by clinical staff of a hospital where the
// patient is registered, corrected by changing their status, never deleted.

/** The active hospital, if the caller may record clinical data there and the patient is registered there. */
async function clinicalHospital(tx: Executor, ctx: Ctx, patientId: string): Promise<string> {
  const hospitalId = staffHospital(ctx.actor, 'patients:clinical-update');
  if (!hospitalId || !(await repo.findRegistration(tx, patientId, hospitalId))) throw notFound('Patient');
  return hospitalId;
}

function refuseIfEnteredInError(status: string, what: string): void {
  if (status === 'entered_in_error') {
    throw new AppError(
      'RULE_VIOLATION',
      `This ${what} was marked as entered in error and can no longer change; record a new one.`,
    );
  }
}

/** Records an allergy for a patient registered at the active hospital. */
export async function addAllergy(ctx: Ctx, patientId: string, input: NewAllergy): Promise<Allergy> {
  return ctx.db.transaction(async (tx) => {
    const hospitalId = await clinicalHospital(tx, ctx, patientId);
    return recordAllergy(tx, ctx, patientId, hospitalId, input);
  });
}

/** Changes an allergy's status, reaction or severity; the audit row keeps what it was. */
export async function changeAllergy(
  ctx: Ctx,
  patientId: string,
  allergyId: string,
  input: UpdateAllergy,
): Promise<Allergy> {
  return ctx.db.transaction(async (tx) => {
    await clinicalHospital(tx, ctx, patientId);
    const row = await clinical.lockAllergy(tx, patientId, allergyId);
    if (!row) throw notFound('Allergy');
    refuseIfEnteredInError(row.status, 'allergy');
    const before = { status: row.status, reaction: row.reaction, severity: row.severity };
    const { before: was, after: now } = diff(before, { ...before, ...input });
    if (Object.keys(now).length === 0) return toAllergy(row);
    const updated = await clinical.updateAllergy(tx, allergyId, now);
    await audit(tx, ctx, {
      action: 'patient.allergy_updated',
      entityType: 'patient_allergy',
      entityId: allergyId,
      patientId,
      before: { substance: row.substance, ...was },
      after: { substance: row.substance, ...now },
    });
    return toAllergy(updated);
  });
}

/** Records a condition for a patient registered at the active hospital. */
export async function addCondition(ctx: Ctx, patientId: string, input: NewCondition): Promise<Condition> {
  return ctx.db.transaction(async (tx) => {
    const hospitalId = await clinicalHospital(tx, ctx, patientId);
    return recordCondition(tx, ctx, patientId, hospitalId, input);
  });
}

/** Changes a condition's status, ICD-10 code or onset date; the audit row keeps what it was. */
export async function changeCondition(
  ctx: Ctx,
  patientId: string,
  conditionId: string,
  input: UpdateCondition,
): Promise<Condition> {
  return ctx.db.transaction(async (tx) => {
    await clinicalHospital(tx, ctx, patientId);
    const row = await clinical.lockCondition(tx, patientId, conditionId);
    if (!row) throw notFound('Condition');
    refuseIfEnteredInError(row.status, 'condition');
    const before = { status: row.status, icd10Code: row.icd10Code, onsetDate: row.onsetDate };
    const { before: was, after: now } = diff(before, { ...before, ...input });
    if (Object.keys(now).length === 0) return toCondition(row);
    const updated = await clinical.updateCondition(tx, conditionId, now);
    await audit(tx, ctx, {
      action: 'patient.condition_updated',
      entityType: 'patient_condition',
      entityId: conditionId,
      patientId,
      before: { name: row.name, ...was },
      after: { name: row.name, ...now },
    });
    return toCondition(updated);
  });
}
