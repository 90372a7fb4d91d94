// Read audits are batched (group commit) without weakening the rule: a read's row is committed
// before its promise resolves, and a batch that fails fails every read in it.
import { newId } from '../../db/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { openTestDatabase } from '../../test/harness';
import type { NewAuditRow } from './audit.repo';
import { ReadAuditLog } from './read-audit';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

/** Counts the INSERTs it sends, so the test can see rows travel together. */
class CountingLog extends ReadAuditLog {
  batches = 0;
  protected override async write(rows: (NewAuditRow & { id: string })[]): Promise<void> {
    this.batches++;
    await super.write(rows);
  }
}

const row = (requestId: string, o: Partial<NewAuditRow> = {}): NewAuditRow & { id: string } => ({
  id: newId(),
  actorUserId: null,
  actorRole: 'nurse',
  hospitalId: null,
  patientId: null,
  action: 'patient.read',
  entityType: 'patient',
  entityId: null,
  outcome: 'success',
  before: null,
  after: { opened: 'record', note: 'quotes \' and " and {braces}' },
  ip: '127.0.0.1',
  requestId,
  ...o,
});

const count = async (prefix: string) =>
  Number(
    (
      await database.query<{ n: number }>(
        'select count(*)::int as n from audit_events where request_id like $1',
        [`${prefix}%`],
      )
    ).rows[0]!.n,
  );

describe('ReadAuditLog', () => {
  it('writes concurrent reads in a few batches, each committed before its read goes on', async () => {
    const log = new CountingLog(database);
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        log.record(row(`batch-a-${i}`)).then(async () => {
          // Committed: visible from another connection of the pool.
          seen.push(
            Number(
              (await database.query('select 1 from audit_events where request_id = $1', [`batch-a-${i}`]))
                .rows.length,
            ),
          );
        }),
      ),
    );
    expect(seen).toEqual(Array(200).fill(1));
    expect(await count('batch-a-')).toBe(200);
    expect(log.batches).toBeLessThanOrEqual(2);
    const stored = await database.query<{ after: unknown }>(
      'select after from audit_events where request_id = $1',
      ['batch-a-7'],
    );
    expect(stored.rows[0]!.after).toEqual({ opened: 'record', note: 'quotes \' and " and {braces}' });
  });

  it('fails every read of a batch that could not be written, and writes none of it', async () => {
    const log = new ReadAuditLog(database);
    const results = await Promise.allSettled([
      log.record(row('batch-b-1')),
      log.record(row('batch-b-2', { hospitalId: 'not-a-uuid' })),
      log.record(row('batch-b-3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await count('batch-b-')).toBe(0);
    // The log keeps working afterwards.
    await log.record(row('batch-b-4'));
    expect(await count('batch-b-')).toBe(1);
  });

  it('stores every column as given: ids, text in any script, JSON values of every kind, nulls', async () => {
    const log = new ReadAuditLog(database);
    const [user] = (await database.query<{ id: string }>('select id from users limit 1')).rows;
    const given = row('batch-c-1', {
      actorUserId: user?.id ?? null,
      hospitalId: newId(),
      patientId: newId(),
      entityId: 'रोगी-०४२ "quoted" \\ back\\slash',
      before: 'a JSON string, not an object',
      after: { n: 1.1, big: 12345678901234, list: [1, 'two', null, { three: true }], nested: { é: 'ü' } },
      ip: '::ffff:127.0.0.1',
    });
    await log.record(given);
    await log.record(row('batch-c-2', { before: null, after: null, actorRole: null, ip: null }));
    const { rows } = await database.query<Record<string, unknown>>(
      `select id, actor_user_id, actor_role, hospital_id, patient_id, action, entity_type, entity_id,
              outcome, before, after, ip, request_id, before is null as before_null, after is null as after_null
         from audit_events where request_id like 'batch-c-%' order by request_id`,
    );
    expect(rows[0]).toEqual({
      id: given.id,
      actor_user_id: given.actorUserId,
      actor_role: 'nurse',
      hospital_id: given.hospitalId,
      patient_id: given.patientId,
      action: 'patient.read',
      entity_type: 'patient',
      entity_id: given.entityId,
      outcome: 'success',
      before: given.before,
      after: given.after,
      ip: given.ip,
      request_id: 'batch-c-1',
      before_null: false,
      after_null: false,
    });
    // Null is SQL NULL, not a JSON null.
    expect(rows[1]).toMatchObject({ actor_role: null, ip: null, before_null: true, after_null: true });
  });
});
