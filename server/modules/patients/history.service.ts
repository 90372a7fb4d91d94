import type { AccessLogEntry, HistoryQuery, TimelineEvent } from '../../../contracts/patients';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findPatientEvents, type PatientEventFilter, type PatientEventRow } from './patients.history.repo';
import * as repo from './patients.repo';
import { asPatient, isSelf, staffHospital } from './patients.scope';
import type { Permission } from '../../../contracts/permissions';

interface Page<T> {
  items: T[];
  nextCursor: number | null;
}

/**
 * Whose events the caller may read about this patient: the patient all of theirs (across
 * hospitals); staff holding `staffPermission` only those recorded at their hospital, and only for
 * a patient registered there. Otherwise 404.
 */
async function scope(ctx: Ctx, patientId: string, staffPermission: Permission, selfPermission: Permission) {
  if (isSelf(ctx.actor, patientId, selfPermission))
    return { hospitalId: undefined, auditCtx: asPatient(ctx) };
  const hospitalId = staffHospital(ctx.actor, staffPermission);
  if (hospitalId && (await repo.findRegistration(ctx.db, patientId, hospitalId)))
    return { hospitalId, auditCtx: ctx };
  throw notFound('Patient');
}

async function page(ctx: Ctx, f: PatientEventFilter, q: HistoryQuery): Promise<Page<PatientEventRow>> {
  const rows = await findPatientEvents(ctx.db, { ...f, beforeSeq: q.cursor }, q.limit + 1);
  const items = rows.slice(0, q.limit);
  return { items, nextCursor: rows.length > q.limit ? Number(items[items.length - 1]!.seq) : null };
}

/**
 * What changed the patient's record (registration, changes, clinical entries, documents), newest
 * first; reads are left to the access log. The view is audited.
 */
export async function patientTimeline(
  ctx: Ctx,
  patientId: string,
  q: HistoryQuery,
): Promise<Page<TimelineEvent>> {
  const s = await scope(ctx, patientId, 'patients:read', 'own-record:read');
  const p = await page(ctx, { patientId, hospitalId: s.hospitalId, reads: false }, q);
  await auditRead(s.auditCtx, {
    action: 'patient.read',
    entityType: 'patient_timeline',
    entityId: patientId,
    patientId,
  });
  return {
    nextCursor: p.nextCursor,
    items: p.items.map((r) => ({
      seq: Number(r.seq),
      occurredAt: r.occurred_at,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      hospitalId: r.hospital_id,
      hospitalName: r.hospital_name,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      before: r.before,
      after: r.after,
    })),
  };
}

/**
 * Who looked at the patient's record, its documents and its history, and when: for the patient
 * (every hospital) and for a hospital admin (their hospital's reads). Viewing it is itself a read
 * and is recorded.
 */
export async function patientAccessLog(
  ctx: Ctx,
  patientId: string,
  q: HistoryQuery,
): Promise<Page<AccessLogEntry>> {
  const s = await scope(ctx, patientId, 'audit:read', 'own-record:read');
  const p = await page(ctx, { patientId, hospitalId: s.hospitalId, reads: true }, q);
  await auditRead(s.auditCtx, {
    action: 'patient.read',
    entityType: 'patient_access_log',
    entityId: patientId,
    patientId,
  });
  return {
    nextCursor: p.nextCursor,
    items: p.items.map((r) => ({
      seq: Number(r.seq),
      occurredAt: r.occurred_at,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      hospitalId: r.hospital_id,
      hospitalName: r.hospital_name,
      // The record, its timeline or this log (`patient.read` of that entity); any other read by its
      // action, such as `document.listed`.
      opened: r.action === 'patient.read' ? r.entity_type : r.action,
    })),
  };
}
