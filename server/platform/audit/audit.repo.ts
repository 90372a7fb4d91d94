import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { newId } from '../../db/ids';
import { positionalRows, type Database, type Executor } from '../../db/client';
import { insertRows, type Positional } from '../../db/side-writes';
import { auditEvents } from './audit.tables';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = Omit<
  typeof auditEvents.$inferInsert,
  'seq' | 'chainSeq' | 'prevHash' | 'hash' | 'id' | 'occurredAt'
>;

/** The INSERT of one audit event, as text: run alone or ridden along another statement (db/side-writes). */
export function auditInsert(row: NewAuditRow): Positional {
  return insertRows(auditEvents, [{ ...row, id: newId() }]);
}

export async function insertAuditEvent(exec: Executor, row: NewAuditRow): Promise<void> {
  await positionalRows(exec, auditInsert(row));
}

export interface AuditFilter {
  hospitalId?: string;
  actorUserId?: string;
  patientId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
}

export async function findAuditEvents(exec: Executor, f: AuditFilter, limit: number): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (f.hospitalId) where.push(eq(auditEvents.hospitalId, f.hospitalId));
  if (f.actorUserId) where.push(eq(auditEvents.actorUserId, f.actorUserId));
  if (f.patientId) where.push(eq(auditEvents.patientId, f.patientId));
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.outcome) where.push(eq(auditEvents.outcome, f.outcome));
  if (f.from) where.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) where.push(lte(auditEvents.occurredAt, f.to));
  if (f.beforeSeq) where.push(lt(auditEvents.seq, f.beforeSeq));
  return exec
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

export interface ChainBreak {
  /** The row's own number (`seq`). */
  seq: number;
  reason: string;
}

const SEAL_BATCH = 5000;

/** Appends every committed, unsealed audit row to the hash chain; returns how many were sealed. */
export async function sealPending(database: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await database.query<{ n: number }>('select audit_seal($1) as n', [SEAL_BATCH]);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < SEAL_BATCH) return total;
  }
}

/**
 * Seals what is pending, then walks the chain in order, recomputing each row's hash in the
 * database (the same function the sealer uses) and checking each row links to the one before it
 * and that no position is missing.
 */
export async function verifyChain(
  database: Database,
  batch = 5000,
): Promise<{ checked: number; head: string; breaks: ChainBreak[] }> {
  await sealPending(database);
  const breaks: ChainBreak[] = [];
  let lastPos = 0;
  let lastHash = '';
  let checked = 0;
  for (;;) {
    const { rows } = await database.query<{
      seq: string | number;
      chain_seq: string | number;
      prev_hash: string;
      hash: string;
      computed: string;
    }>(
      `select seq, chain_seq, prev_hash, hash, audit_event_digest(a) as computed
         from audit_events a where chain_seq > $1 order by chain_seq limit $2`,
      [lastPos, batch],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const pos = Number(r.chain_seq);
      if (pos !== lastPos + 1) breaks.push({ seq, reason: `rows ${lastPos + 1}..${pos - 1} are missing` });
      if (r.prev_hash !== lastHash) breaks.push({ seq, reason: 'does not link to the row before it' });
      if (r.computed !== r.hash) breaks.push({ seq, reason: 'its contents do not match its hash (edited)' });
      lastPos = pos;
      lastHash = r.hash;
      checked++;
    }
  }
  return { checked, head: lastHash, breaks };
}
