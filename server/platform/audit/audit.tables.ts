import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log (ADR 2). Writers insert content only; a trigger numbers the
 * row (`seq`) and clears any chain fields. The sealer (`audit_seal()`, run every second) then
 * appends committed rows to the chain: `chain_seq`, `prev_hash`, `hash`. Triggers refuse UPDATE
 * (except that one sealing update), DELETE and TRUNCATE. `hospitium verify-audit` recomputes the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    // The insert trigger replaces the placeholder 0 with the next value of audit_events_seq_seq.
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
    /** Position in the hash chain; null until sealed. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_hospital_idx').on(t.hospitalId, t.seq),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_patient_idx').on(t.patientId, t.seq),
    index('audit_events_actor_idx').on(t.actorUserId, t.seq),
    uniqueIndex('audit_events_chain_seq_uq').on(t.chainSeq),
    index('audit_events_unsealed_idx')
      .on(t.seq)
      .where(sql`hash is null`),
  ],
);
