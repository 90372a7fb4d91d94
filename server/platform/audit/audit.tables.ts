import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. `seq`, `prev_hash` and `hash` are set by a database trigger
 * under an advisory lock (see the migration), so no code path can write an unchained row; UPDATE
 * and DELETE are refused by another trigger. `hospitium verify-audit` recomputes the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    // The trigger replaces the placeholder 0 with the next number in the chain.
    seq: bigint('seq', { mode: 'number' }).primaryKey().default(0),
    id: uuid('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    hospitalId: uuid('hospital_id'),
    patientId: uuid('patient_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    outcome: text('outcome').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    index('audit_events_hospital_idx').on(t.hospitalId, t.seq),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_patient_idx').on(t.patientId, t.seq),
    index('audit_events_actor_idx').on(t.actorUserId, t.seq),
  ],
);
