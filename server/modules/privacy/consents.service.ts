// Consent (product §17): what a patient agrees to, decided by them in the portal or given to staff
// on paper or by word. Decisions are never changed: a later one supersedes, and the history stays.
// Consent belongs to the person, not to a hospital: every hospital that may see the patient sees
// all of their decisions.
import type { Permission } from '../../../contracts/permissions';
import {
  CONSENT_PURPOSES,
  type ConsentEntry,
  type ConsentMethod,
  type ConsentOverview,
  type ConsentPurpose,
  type RecordConsentBody,
} from '../../../contracts/privacy';
import type { Executor } from '../../db/client';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { hospitalLabels } from '../organisation';
import { asPatient, isSelf, registeredPatient, staffHospital } from '../patients';
import * as repo from './privacy.repo';

/** How the caller reaches the patient: as staff of the hospital they act in, or as the patient. */
type Reach = { as: 'staff'; hospitalId: string; ctx: Ctx } | { as: 'self'; ctx: Ctx };

/**
 * Staff holding `staffPermission` at a hospital where the patient is registered, or the patient
 * themself with `selfPermission`; anyone else gets the 404 a missing patient gets. Someone who is
 * both (staff registered as a patient where they work) acts as the patient when `asSelfFirst`.
 */
async function reach(
  exec: Executor,
  ctx: Ctx,
  patientId: string,
  staffPermission: Permission,
  selfPermission: Permission,
  asSelfFirst = false,
): Promise<Reach> {
  if (asSelfFirst && isSelf(ctx.actor, patientId, selfPermission)) return { as: 'self', ctx: asPatient(ctx) };
  const hospitalId = staffHospital(ctx.actor, staffPermission);
  if (hospitalId && (await registeredPatient(exec, patientId, hospitalId))) {
    return { as: 'staff', hospitalId, ctx };
  }
  if (isSelf(ctx.actor, patientId, selfPermission)) return { as: 'self', ctx: asPatient(ctx) };
  throw notFound('Patient');
}

/** Consent rows as the API shows them, with the hospitals' and recorders' names. */
export async function presentConsents(exec: Executor, rows: repo.ConsentRow[]): Promise<ConsentEntry[]> {
  const [hospitals, people] = await Promise.all([
    hospitalLabels(
      exec,
      rows.map((r) => r.hospitalId),
    ),
    findUserNames(
      exec,
      rows.map((r) => r.recordedBy),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose as ConsentPurpose,
    decision: r.decision as ConsentEntry['decision'],
    method: r.method as ConsentMethod,
    note: r.note,
    hospitalName: r.hospitalId ? (hospitals.get(r.hospitalId)?.name ?? null) : null,
    recordedByName: r.recordedBy ? (people.get(r.recordedBy) ?? null) : null,
    recordedAt: r.recordedAt.toISOString(),
  }));
}

/** Every purpose's standing decision, and every decision newest first. A read of patient data. */
export async function consentOverview(ctx: Ctx, patientId: string): Promise<ConsentOverview> {
  const r = await reach(ctx.db, ctx, patientId, 'patients:read', 'own-record:read');
  const rows = await repo.consentHistory(ctx.db, patientId);
  await auditRead(r.ctx, {
    action: 'consent.listed',
    entityType: 'patient',
    entityId: patientId,
    patientId,
    hospitalId: r.as === 'staff' ? r.hospitalId : null,
  });
  const current = CONSENT_PURPOSES.map((purpose) => {
    // The history is newest first: the first decision of a purpose is the one standing.
    const latest = rows.find((row) => row.purpose === purpose);
    return {
      purpose,
      decision: (latest?.decision ?? null) as ConsentEntry['decision'] | null,
      recordedAt: latest ? latest.recordedAt.toISOString() : null,
    };
  });
  return { current, history: await presentConsents(ctx.db, rows) };
}

const methodError = (detail: string, message: string) =>
  new AppError('VALIDATION_FAILED', detail, { errors: [{ path: 'body.method', message }] });

/**
 * Records a decision. The patient decides in the portal (no method: it is `portal`, at no
 * hospital); staff say how they were given it (written or verbal), at the hospital they act in.
 */
export async function recordConsent(
  ctx: Ctx,
  patientId: string,
  input: RecordConsentBody,
): Promise<ConsentEntry> {
  const row = await ctx.db.transaction(async (tx) => {
    // A decision without a method is the patient's own, from the portal, even from someone who is
    // also staff where they are registered; with a method it is staff recording what they were given.
    const r = await reach(tx, ctx, patientId, 'patients:update', 'own-record:update', !input.method);
    if (r.as === 'self' && input.method) {
      throw methodError(
        'You decide in the portal: leave out how the consent was given.',
        'Only staff say how a consent was given',
      );
    }
    if (r.as === 'staff' && !input.method) {
      throw methodError(
        'Say how the patient gave this decision: written or verbal.',
        'Required when staff record a consent',
      );
    }
    const method: ConsentMethod = r.as === 'staff' ? input.method! : 'portal';
    const hospitalId = r.as === 'staff' ? r.hospitalId : null;
    const inserted = await repo.insertConsent(tx, {
      patientId,
      purpose: input.purpose,
      decision: input.decision,
      method,
      note: input.note,
      hospitalId,
      recordedBy: ctx.actor.userId,
    });
    await audit(tx, r.ctx, {
      action: 'consent.recorded',
      entityType: 'patient_consent',
      entityId: inserted.id,
      patientId,
      hospitalId,
      after: { purpose: input.purpose, decision: input.decision, method, note: input.note },
    });
    return inserted;
  });
  return (await presentConsents(ctx.db, [row]))[0]!;
}
