import type { Executor } from '../../db/client';
import type { AnonCtx, Ctx } from '../context';
import { newId } from '../../db/ids';
import type { Positional } from '../../db/side-writes';
import { auditInsert, insertAuditEvent, type NewAuditRow } from './audit.repo';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  /** Defaults to the actor's active hospital. */
  hospitalId?: string | null;
  outcome?: AuditOutcome;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit log, whatever object they appear in. */
const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'currentPassword',
  'newPassword',
  'token',
  'code',
  'refreshToken',
]);

function scrub(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (SECRET_KEYS.has(k) ? '[redacted]' : v)));
}

function rowOf(ctx: Ctx, e: AuditEntry): NewAuditRow {
  return {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.role,
    hospitalId: e.hospitalId === undefined ? ctx.actor.hospitalId : e.hospitalId,
    patientId: e.patientId ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    outcome: e.outcome ?? 'success',
    before: scrub(e.before),
    after: scrub(e.after),
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** Appends an audit event inside the caller's transaction, so it commits or rolls back with the change. */
export async function audit(exec: Executor, ctx: Ctx, e: AuditEntry): Promise<void> {
  await insertAuditEvent(exec, rowOf(ctx, e));
}

/**
 * The audit event as a statement not yet run, to ride along with the change it records in one
 * statement (db/side-writes): it commits or fails with it, as with `audit`.
 */
export function auditWrite(ctx: Ctx, e: AuditEntry): Positional {
  return auditInsert(rowOf(ctx, e));
}

/**
 * Records a read (nothing changed) and resolves once the row is committed. Reads of one instance
 * are written together in batches (group commit, ./read-audit.ts): call it before answering.
 */
export async function auditRead(ctx: Ctx, e: AuditEntry): Promise<void> {
  const row = rowOf(ctx, e);
  if (ctx.reads) await ctx.reads.record({ ...row, id: newId() });
  else await insertAuditEvent(ctx.db, row);
}

/** Audit for flows without a signed-in actor (sign-in attempts, sign-up); the actor may become known. */
export async function auditAnon(
  exec: Executor,
  ctx: AnonCtx,
  e: AuditEntry & { actorUserId?: string | null; actorRole?: string | null },
): Promise<void> {
  await insertAuditEvent(exec, {
    actorUserId: e.actorUserId ?? null,
    actorRole: e.actorRole ?? null,
    hospitalId: e.hospitalId ?? null,
    patientId: e.patientId ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    outcome: e.outcome ?? 'success',
    before: scrub(e.before),
    after: scrub(e.after),
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
}

/** Shallow before/after of the fields that changed, for update events. */
export function diff<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}
