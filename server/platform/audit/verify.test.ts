// The audit chain shows an edited or deleted row. Tampering needs what an intruder with superuser
// rights would do: switch off the append-only trigger, change the table, switch it back on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createUser, TEST_PASSWORD } from '../../test/factories';
import { buildTestApp, openDataDirDatabase, type TestApp } from '../../test/harness';
import { embeddedPass } from '../../test/passes';
import { runCli } from '../../test/spawn';
import { verifyChain } from './audit.repo';

/** Runs the statements with the append-only trigger switched off, as a superuser could. */
async function tamper(database: Database, change: string | string[], params: unknown[]): Promise<void> {
  await database.query('alter table audit_events disable trigger audit_events_no_update');
  try {
    for (const statement of [change].flat()) await database.query(statement, params);
  } finally {
    await database.query('alter table audit_events enable trigger audit_events_no_update');
  }
}

describe('verifyChain', () => {
  let t: TestApp;
  const seqs: number[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    // Real audit events written through the API: successful and failed sign-ins.
    const user = await createUser(t.app.db);
    for (let i = 0; i < 3; i++) {
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(ok.statusCode).toBe(204);
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: user.email, password: 'not-the-password' },
      });
      expect(bad.statusCode).toBe(401);
    }
    const { rows } = await t.database.query<{ seq: string | number }>(
      'select seq from audit_events order by seq',
    );
    seqs.push(...rows.map((r) => Number(r.seq)));
  });
  afterAll(() => t.close());

  it('passes an untouched chain and returns its head', async () => {
    expect(seqs.length).toBeGreaterThanOrEqual(6);
    const r = await verifyChain(t.database);
    expect(r.breaks).toEqual([]);
    expect(r.checked).toBe(seqs.length);
    const { rows } = await t.database.query<{ hash: string }>(
      'select hash from audit_events order by seq desc limit 1',
    );
    expect(r.head).toBe(rows[0]!.hash);
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses updates and deletes while the trigger is on', async () => {
    await expect(
      t.database.query(`update audit_events set action = 'x' where seq = $1`, [seqs[0]]),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.query('delete from audit_events where seq = $1', [seqs[0]])).rejects.toThrow(
      /append-only/,
    );
  });

  it('reports the seq of a row whose contents were edited, and passes again once it is put back', async () => {
    const target = seqs[2]!;
    const { rows } = await t.database.query<{ action: string }>(
      'select action from audit_events where seq = $1',
      [target],
    );
    const original = rows[0]!.action;
    await tamper(t.database, `update audit_events set action = 'auth.nothing_happened' where seq = $1`, [
      target,
    ]);
    const r = await verifyChain(t.database);
    expect(r.breaks).toEqual([{ seq: target, reason: expect.stringMatching(/edited/) }]);
    expect(r.checked).toBe(seqs.length);

    await tamper(t.database, 'update audit_events set action = $2 where seq = $1', [target, original]);
    expect((await verifyChain(t.database)).breaks).toEqual([]);
  });

  it('catches a forger who also recomputes the edited row hash: the next row no longer links', async () => {
    const target = seqs[3]!;
    await tamper(
      t.database,
      [
        `update audit_events set action = 'auth.forged' where seq = $1`,
        'update audit_events set hash = audit_event_digest(audit_events) where seq = $1',
      ],
      [target],
    );
    const { rows } = await t.database.query<{ hash: string; computed: string }>(
      'select hash, audit_event_digest(a) as computed from audit_events a where seq = $1',
      [target],
    );
    expect(rows[0]!.hash).toBe(rows[0]!.computed); // the row on its own looks fine
    const r = await verifyChain(t.database);
    expect(r.breaks).toEqual([{ seq: target + 1, reason: expect.stringMatching(/link/) }]);
  });

  it('reports a deleted middle row at the row after the gap', async () => {
    const target = seqs[1]!;
    await tamper(t.database, 'delete from audit_events where seq = $1', [target]);
    const r = await verifyChain(t.database);
    const atGap = r.breaks.filter((b) => b.seq === target + 1).map((b) => b.reason);
    expect(atGap).toEqual([
      expect.stringMatching(/^rows (\d+)\.\.\1 are missing$/),
      expect.stringMatching(/link/),
    ]);
    expect(r.checked).toBe(seqs.length - 1);
  });
});

// The sealer in batches: unsealed rows join the chain in seq order, a call takes at most `batch` of
// them, and calls in a row make one unbroken chain.
describe('audit_seal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('seals at most `batch` rows a call, in seq order, each linked to the one before and hashed as verify-audit recomputes it', async () => {
    const session = await t.database.connectDedicated('audit-seal-test');
    const seal = async (batch: number) =>
      Number((await session.query<{ n: number }>('select audit_seal($1) as n', [batch])).rows[0]!.n);
    try {
      await session.query('begin');
      // Holding the sealers' lock keeps the app's own sealer (every second) from taking the rows.
      await session.query('select pg_advisory_xact_lock(7340002)');
      while ((await seal(1000)) > 0);
      const head = (
        await session.query<{ chain_seq: string }>('select max(chain_seq) as chain_seq from audit_events')
      ).rows[0]!.chain_seq;
      const before = Number(head ?? 0);
      const { rows: added } = await session.query<{ seq: string }>(
        `insert into audit_events (id, action, entity_type, entity_id, outcome, after)
         select gen_random_uuid(), 'test.sealed', 'test', i::text, 'success', jsonb_build_object('i', i)
           from generate_series(1, 7) i
         returning seq`,
      );
      expect([await seal(3), await seal(3), await seal(3), await seal(3)]).toEqual([3, 3, 1, 0]);
      const { rows } = await session.query<{
        seq: string;
        chain_seq: string;
        prev_hash: string;
        hash: string;
        computed: string;
        previous: string | null;
      }>(
        `select seq, chain_seq, prev_hash, hash, audit_event_digest(a) as computed,
                lag(hash) over (order by chain_seq) as previous
           from audit_events a where chain_seq >= $1 order by chain_seq`,
        [Math.max(before, 1)],
      );
      const sealed = rows.filter((r) => Number(r.chain_seq) > before);
      // In seq order, at the next positions, with nothing skipped.
      expect(sealed.map((r) => Number(r.seq))).toEqual(added.map((r) => Number(r.seq)).sort((a, b) => a - b));
      expect(sealed.map((r) => Number(r.chain_seq))).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => before + i));
      for (const r of sealed) {
        expect(r.hash).toBe(r.computed);
        expect(r.prev_hash).toBe(r.previous ?? '');
      }
      await session.query('commit');
    } finally {
      await session.query('rollback').catch(() => undefined);
      await session.end();
    }
    expect((await verifyChain(t.database)).breaks).toEqual([]);
  });
});

// The CLI on a DATA_DIR of its own: the same in both passes, so run in the embedded one
// (server/test/passes.ts).
if (embeddedPass)
  describe('hospitium verify-audit', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-verify-'));
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it('exits 0 on an intact chain and 1, listing the seq, once a row was edited', async () => {
      const env = { DATA_DIR: dataDir };
      const seeded = await runCli(['seed'], env); // migrates, loads demo data, writes a system.seed event
      expect(seeded.code, seeded.stderr).toBe(0);

      // Every row the seed wrote is checked: its system.seed event and the audit rows of the demo's
      // bills, which are made through billing's own services.
      const counted = await openDataDirDatabase(dataDir);
      let rows: number;
      try {
        const { rows: r } = await counted.query<{ n: string }>('select count(*) as n from audit_events');
        rows = Number(r[0]!.n);
      } finally {
        await counted.close();
      }
      expect(rows).toBeGreaterThan(1);
      const intact = await runCli(['verify-audit'], env);
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toContain(`Audit chain intact: ${rows} row(s) checked`);
      expect(intact.stdout).toMatch(/Head hash: [0-9a-f]{64}/);

      const database = await openDataDirDatabase(dataDir);
      try {
        await tamper(database, `update audit_events set after = '{"demo": false}' where seq = 1`, []);
      } finally {
        await database.close();
      }
      const broken = await runCli(['verify-audit'], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('seq 1: its contents do not match its hash (edited)');
      expect(broken.stdout).toContain('Broken seqs: 1\n');
    }, 180_000);

    it('exits 1 when the newest rows were deleted, which the chain alone cannot show', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-verify-tail-'));
      try {
        const env = { DATA_DIR: dir };
        expect((await runCli(['seed'], env)).code).toBe(0);
        const first = await runCli(['verify-audit'], env); // intact: writes a checkpoint of the head
        expect(first.code, first.stderr).toBe(0);
        expect(
          fs.readFileSync(path.join(dir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n'),
        ).toHaveLength(1);

        const database = await openDataDirDatabase(dir);
        try {
          const { rows } = await database.query<{ n: number }>('select count(*)::int as n from audit_events');
          expect(rows[0]!.n).toBeGreaterThan(0);
          await tamper(
            database,
            'delete from audit_events where seq = (select max(seq) from audit_events)',
            [],
          );
          // What is left is still a valid chain on its own.
          expect((await verifyChain(database)).breaks).toEqual([]);
        } finally {
          await database.close();
        }
        const truncated = await runCli(['verify-audit'], env);
        expect(truncated.code).toBe(1);
        expect(truncated.stdout).toContain('the newest rows were removed');

        // A checkpoint line written without the installation's key is reported, not trusted.
        fs.appendFileSync(
          path.join(dir, 'audit-checkpoints.jsonl'),
          JSON.stringify({
            chainSeq: 1,
            hash: 'f'.repeat(64),
            at: new Date().toISOString(),
            mac: '0'.repeat(64),
          }) + '\n',
        );
        const forged = await runCli(['verify-audit'], env);
        expect(forged.stdout).toContain('checkpoint file line 2 is not signed');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });
