import { z } from 'zod';
import { Instant, MAX_LIMIT, Uuid } from './common';

export const AuditOutcome = z.enum(['success', 'denied', 'failure']);

export const AuditQuery = z.strictObject({
  hospitalId: Uuid.optional(),
  actorUserId: Uuid.optional(),
  patientId: Uuid.optional(),
  entityType: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(120).optional(),
  outcome: AuditOutcome.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  /** Cursor: return events older than this sequence number (the previous page's `nextCursor`). */
  cursor: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: Uuid,
  occurredAt: Instant,
  actorUserId: Uuid.nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  hospitalId: Uuid.nullable(),
  patientId: Uuid.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  outcome: AuditOutcome,
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.number().int().nullable() });
