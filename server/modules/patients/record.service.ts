import { CONTACT_FIELDS, type Patient, type UpdatePatient } from '../../../contracts/patients';
import type { Executor } from '../../db/client';
import { audit, auditRead, diff } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { toPatient } from './patients.dto';
import { loadCommittedPatientRecord, loadPatientRecord, type PatientRecordRow } from './patients.record.repo';
import * as repo from './patients.repo';
import { auditablePatientValues, openPatientColumns } from './patients.sealed';
import { asPatient, isSelf, staffHospital } from './patients.scope';

type View = { as: 'staff'; hospitalId: string } | { as: 'self' };

/** What the caller sees of a loaded record: staff its registration at their hospital, the patient all of it. */
function present(record: PatientRecordRow, view: View): Patient {
  if (view.as === 'self') return toPatient(record, record.registrations, null);
  const reg = record.registrations.find((r) => r.hospitalId === view.hospitalId)!;
  return toPatient(record, [reg], reg.mrn);
}

/**
 * One patient's record. Staff see patients registered at the hospital they act in; a patient sees
 * their own. Anything else is a 404. Every successful read is written to the audit log.
 */
export async function getPatient(ctx: Ctx, id: string, only: 'any' | 'self' = 'any'): Promise<Patient> {
  const record = await loadCommittedPatientRecord(ctx.db, id);
  if (!record) throw notFound('Patient');
  const hospitalId = only === 'any' ? staffHospital(ctx.actor, 'patients:read') : null;
  let view: View | null = null;
  if (hospitalId && record.registrations.some((r) => r.hospitalId === hospitalId))
    view = { as: 'staff', hospitalId };
  else if (isSelf(ctx.actor, id, 'own-record:read')) view = { as: 'self' };
  if (!view) throw notFound('Patient');
  await auditRead(view.as === 'self' ? asPatient(ctx) : ctx, {
    action: 'patient.read',
    entityType: 'patient',
    entityId: id,
    patientId: id,
  });
  return present(record, view);
}

/** The signed-in patient's own record. */
export async function getOwnRecord(ctx: Ctx): Promise<Patient> {
  if (!ctx.actor.patientId) throw notFound('Patient record');
  return getPatient(ctx, ctx.actor.patientId, 'self');
}

/**
 * Whether the caller may change this patient, and as whom. Staff need patients:update at a hospital
 * where the patient is registered; the patient needs own-record:update. Otherwise 404.
 */
async function updaterView(tx: Executor, ctx: Ctx, id: string): Promise<View> {
  const hospitalId = staffHospital(ctx.actor, 'patients:update');
  if (hospitalId && (await repo.findRegistration(tx, id, hospitalId))) return { as: 'staff', hospitalId };
  if (isSelf(ctx.actor, id, 'own-record:update')) return { as: 'self' };
  throw notFound('Patient');
}

// Columns that cannot be null: clearing them stores an empty string.
const NOT_NULL_TEXT = new Set(['familyName', 'addressLine', 'city', 'postalCode', 'country']);

/** The column values an update sets; `null` clears (to '' where the column may not be null). */
function toColumns(input: UpdatePatient): Partial<repo.NewPatientRow> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    out[k] = v === null && NOT_NULL_TEXT.has(k) ? '' : v;
  }
  return out as Partial<repo.NewPatientRow>;
}

/**
 * Changes a patient's demographics. Staff may change any field; the patient only their contact
 * details (a 403 names the fields they may not change). The audit row holds the changed fields'
 * before and after values.
 */
export async function updatePatient(ctx: Ctx, id: string, input: UpdatePatient): Promise<Patient> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockPatient(tx, id);
    if (!row) throw notFound('Patient');
    const view = await updaterView(tx, ctx, id);
    if (view.as === 'self') {
      const contact = new Set<string>(CONTACT_FIELDS);
      const refused = Object.keys(input).filter((k) => !contact.has(k));
      if (refused.length > 0) {
        throw new AppError(
          'FORBIDDEN',
          `Only the hospital can change ${refused.join(', ')}; you may change your contact details.`,
          {
            errors: refused.map((k) => ({
              path: `body.${k}`,
              message: 'Only hospital staff may change this',
            })),
          },
        );
      }
    }
    const changes = toColumns(input);
    // Compared with what the record holds opened; the audit row never holds a sealed value (ADR 34).
    const current = openPatientColumns(row) as unknown as Record<string, unknown>;
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k] ?? null]));
    const { before: was, after: now } = diff(before, { ...before, ...changes });
    if (Object.keys(now).length > 0) {
      await repo.updatePatient(tx, id, changes);
      await audit(tx, view.as === 'self' ? asPatient(ctx) : ctx, {
        action: 'patient.updated',
        entityType: 'patient',
        entityId: id,
        patientId: id,
        before: auditablePatientValues(was),
        after: auditablePatientValues(now),
      });
    }
    return present((await loadPatientRecord(tx, id))!, view);
  });
}
