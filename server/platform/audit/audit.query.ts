import type { AuditEvent, AuditQuery } from '../../../contracts/audit';
import { actorNames } from './audit.names';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { findAuditEvents } from './audit.repo';

/**
 * The audit log as its reader may see it: a platform admin sees everything (or one hospital); a
 * hospital admin sees only the hospital they are acting in, whatever hospitalId they ask for.
 */
export async function listAuditEvents(
  ctx: Ctx,
  q: AuditQuery,
): Promise<{ items: AuditEvent[]; nextCursor: number | null }> {
  const platformWide = ctx.actor.roles.includes('platform_admin');
  let hospitalId = q.hospitalId;
  if (!platformWide) {
    if (!ctx.actor.hospitalId)
      throw new AppError('FORBIDDEN', 'Only hospital or platform admins read the audit log.');
    if (q.hospitalId && q.hospitalId !== ctx.actor.hospitalId) return { items: [], nextCursor: null };
    hospitalId = ctx.actor.hospitalId;
  }
  const rows = await findAuditEvents(
    ctx.db,
    {
      hospitalId,
      actorUserId: q.actorUserId,
      patientId: q.patientId,
      entityType: q.entityType,
      entityId: q.entityId,
      action: q.action,
      outcome: q.outcome,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      beforeSeq: q.cursor,
    },
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const names = await actorNames(
    ctx.db,
    page.map((r) => r.actorUserId),
  );
  return {
    items: page.map((r) => ({
      seq: r.seq,
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      actorUserId: r.actorUserId,
      actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
      actorRole: r.actorRole,
      hospitalId: r.hospitalId,
      patientId: r.patientId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      outcome: r.outcome as AuditEvent['outcome'],
      before: r.before,
      after: r.after,
      ip: r.ip,
      requestId: r.requestId,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.seq : null,
  };
}
