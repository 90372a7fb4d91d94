import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Database, Tx } from '../../db/client';
import { openTestDatabase } from '../../test/harness';
import { bossDb, fetchDb, type BossDb } from './jobs.db';
import { enqueue, enqueueWrite, jobIdForKey, type EnqueueOptions } from './jobs.enqueue';
import { positionalRows } from '../../db/client';
import { merged, withWrites } from '../../db/side-writes';
import { jobState } from './jobs.repo';
import type { JobContext, JobRunnerOptions } from './jobs.options';
import { JobRunner } from './jobs.runner';
import { until } from './jobs.testing';

const quiet = { info() {}, warn() {}, error() {} };
const options = (o: Partial<JobRunnerOptions> = {}): JobRunnerOptions => ({
  work: true,
  pollIntervalMs: 20,
  concurrency: 5,
  timeoutSeconds: 30,
  retryLimit: 2,
  retryDelaySeconds: 30,
  maintenanceIntervalSeconds: 1,
  cronCheckSeconds: 1,
  shutdownTimeoutMs: 5000,
  yieldMs: 0,
  log: quiet,
  ...o,
});

let database: Database;
let runner: JobRunner;
const seen: string[] = [];
const flaky: { attempt: number; last: boolean }[] = [];
let flakyShouldFail = true;
let cronRuns = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  runner = new JobRunner(database, options());
  await runner.define<{ n: string }>({ name: 'test.record', handler: async (j) => void seen.push(j.data.n) });
  await runner.define<object>({
    name: 'test.flaky',
    retryLimit: 2,
    retryDelaySeconds: 30,
    async handler(j) {
      flaky.push({ attempt: j.attempt, last: j.isLastAttempt });
      if (flakyShouldFail) throw new Error(`attempt ${j.attempt} failed`);
    },
  });
  await runner.define({ name: 'test.cron', handler: async () => void cronRuns++ });
  runner.schedule('test.cron', '* * * * *');
  await runner.install();
  await runner.start();
});

afterAll(async () => {
  await runner?.stop();
  await database?.close();
});

const tx = <T>(fn: (t: Tx) => Promise<T>) => database.db.transaction(fn);

async function jobRow(id: string) {
  const { rows } = await database.query<{
    state: string;
    retry_count: number;
    wait_s: number;
    output: { message?: string } | null;
  }>(
    `select state::text as state, retry_count, extract(epoch from start_after - now())::float as wait_s, output
       from pgboss.job where id = $1`,
    [id],
  );
  return rows[0];
}

describe('enqueue in the caller transaction', () => {
  it('drops the job when the transaction rolls back, and runs it once when it commits', async () => {
    await expect(
      tx(async (t) => {
        await enqueue(t, 'test.record', { n: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const id = await tx(async (t) => enqueue(t, 'test.record', { n: 'committed' }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => seen.includes('committed'), 'the committed job to run');
    await until(async () => (await jobState(database.db, id!)) === 'completed', 'the job to be completed');
    const { rows } = await database.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where data->>'n' = 'rolled-back'`,
    );
    expect(rows[0]!.n).toBe(0);
    expect(seen.filter((s) => s === 'committed')).toHaveLength(1);
    expect(seen).not.toContain('rolled-back');
  });

  it('keeps one job per idempotency key', async () => {
    const key = `key-${Date.now()}`;
    const first = await tx(async (t) => enqueue(t, 'test.record', { n: key }, { idempotencyKey: key }));
    const second = await tx(async (t) => enqueue(t, 'test.record', { n: key }, { idempotencyKey: key }));
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    await until(
      async () => (await jobState(database.db, first!)) === 'completed',
      'the keyed job to complete',
    );
    const third = await tx(async (t) => enqueue(t, 'test.record', { n: key }, { idempotencyKey: key }));
    expect(third).toBeNull(); // still kept (completed, not yet archived): still a duplicate
    expect(seen.filter((s) => s === key)).toHaveLength(1);
  });

  it('refuses a queue nobody defined, instead of losing the job', async () => {
    await expect(tx(async (t) => enqueue(t, 'test.undefined-queue', {}))).rejects.toThrow(/not installed/);
  });

  it('holds a job back until startAfter', async () => {
    const id = await tx(async (t) => enqueue(t, 'test.record', { n: 'later' }, { startAfter: 3600 }));
    const row = await jobRow(id!);
    expect(row!.state).toBe('created');
    expect(row!.wait_s).toBeGreaterThan(3500);
  });
});

describe('jobs riding along another write', () => {
  /** The columns a job's queue, options and defaults decide, as relative times where they are times. */
  async function settings(id: string) {
    const { rows } = await database.query(
      `select name, data, priority, retry_limit, retry_delay, retry_backoff, expire_in, policy,
              keep_until - start_after as kept_for,
              round(extract(epoch from start_after - now()) / 10) as starts_in_10s
         from pgboss.job where id = $1`,
      [id],
    );
    return rows[0];
  }

  it('are inserted together by one INSERT, each as `enqueue` would have queued it', async () => {
    const at = new Date(Date.now() + 7200_000);
    const jobs: [string, object, EnqueueOptions][] = [
      ['test.flaky', { n: 'a' }, { startAfter: at }],
      ['test.record', { n: 'b' }, { startAfter: 3600, priority: 3 }],
      [
        'test.record',
        { n: 'c' },
        { startAfter: 1800, retryLimit: 7, retryDelaySeconds: 11, retryBackoff: true },
      ],
    ];
    const run = Date.now();
    const key = (i: number, how: string) => `${how}-${run}-${i}`;
    const writes = await Promise.all(
      jobs.map(([queue, data, o], i) => enqueueWrite(queue, data, { ...o, idempotencyKey: key(i, 'ride') })),
    );
    const together = merged(writes);
    expect(together).toHaveLength(1);
    expect(together[0]!.text).toContain('json_to_recordset');
    await positionalRows(database.db, withWrites(writes, { text: 'select 1', values: [] }));
    for (const [i, [queue, data, o]] of jobs.entries()) {
      await tx((t) => enqueue(t, queue, data, { ...o, idempotencyKey: key(i, 'alone') }));
      const ridden = await settings(jobIdForKey(queue, key(i, 'ride')));
      expect(ridden).toBeDefined();
      expect(ridden).toEqual(await settings(jobIdForKey(queue, key(i, 'alone'))));
    }
    // Their keys hold as `enqueue`'s do: the same writes again queue nothing more.
    await positionalRows(database.db, withWrites(writes, { text: 'select 1', values: [] }));
    const { rows } = await database.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where id = any($1::uuid[])`,
      [jobs.map(([queue], i) => jobIdForKey(queue, key(i, 'ride')))],
    );
    expect(rows[0]!.n).toBe(3);
  });

  it('is queued alone as `enqueue` would have queued it, and once per key', async () => {
    const key = `lone-${Date.now()}`;
    const o: EnqueueOptions = { startAfter: 900, retryLimit: 4, retryDelaySeconds: 13, priority: 2 };
    const write = await enqueueWrite('test.record', { n: 'lone' }, { ...o, idempotencyKey: `${key}-ride` });
    expect(merged([write])).toEqual([write]);
    await positionalRows(database.db, withWrites([write], { text: 'select 1', values: [] }));
    await positionalRows(database.db, withWrites([write], { text: 'select 1', values: [] }));
    await tx((t) => enqueue(t, 'test.record', { n: 'lone' }, { ...o, idempotencyKey: `${key}-alone` }));
    const ridden = await settings(jobIdForKey('test.record', `${key}-ride`));
    expect(ridden).toBeDefined();
    expect(ridden).toEqual(await settings(jobIdForKey('test.record', `${key}-alone`)));
    const { rows } = await database.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where data->>'n' = 'lone' and name = 'test.record'`,
    );
    expect(rows[0]!.n).toBe(2);
  });
});

describe('retries', () => {
  it('retries with exponential backoff, then fails; a retry of the failed job runs it again', async () => {
    const id = (await tx(async (t) => enqueue(t, 'test.flaky', {})))!;
    await until(async () => (await jobRow(id))?.state === 'retry', 'the first failure');
    let row = (await jobRow(id))!;
    // First retry: 30 s base delay, doubled per attempt, with up to 100 % jitter.
    expect(row.wait_s).toBeGreaterThan(25);
    expect(row.wait_s).toBeLessThan(61);
    expect(row.output?.message).toBe('attempt 1 failed');

    await database.query(`update pgboss.job set start_after = now() where id = $1`, [id]); // time travel
    runner.wake();
    await until(
      async () => (await jobRow(id))?.retry_count === 1 && (await jobRow(id))?.state === 'retry',
      'the second failure',
    );
    row = (await jobRow(id))!;
    expect(row.wait_s).toBeGreaterThan(55);
    expect(row.wait_s).toBeLessThan(121);

    await database.query(`update pgboss.job set start_after = now() where id = $1`, [id]);
    runner.wake();
    await until(async () => (await jobRow(id))?.state === 'failed', 'the job to fail for good');
    expect(flaky).toEqual([
      { attempt: 1, last: false },
      { attempt: 2, last: false },
      { attempt: 3, last: true },
    ]);

    flakyShouldFail = false;
    await database.db.transaction((t) => runner.retry(t, 'test.flaky', id));
    runner.wake();
    await until(async () => (await jobState(database.db, id)) === 'completed', 'the retried job to complete');
    expect(flaky).toHaveLength(4);
  });
});

describe('cron', () => {
  it('runs a scheduled job', async () => {
    await until(() => cronRuns > 0, 'the every-minute schedule to fire', { timeoutMs: 15_000 });
    const { rows } = await database.query<{ name: string; cron: string }>(
      `select name, cron from pgboss.schedule`,
    );
    expect(rows).toContainEqual({ name: 'test.cron', cron: '* * * * *' });
  });
});

describe('yielding to requests', () => {
  const PAUSE_MS = 1000;
  /** The gaps between one job and the next that a pause made (no batch takes a second here). */
  const pauses = (ranAt: number[]) => ranAt.slice(1).filter((t, i) => t - ranAt[i]! >= PAUSE_MS - 10).length;
  /** A runner whose queue records when each job ran; `busy` says whether the process is answering requests. */
  async function timedRunner(queue: string, busy: () => boolean) {
    const own = new JobRunner(database, options({ concurrency: 2, yieldMs: PAUSE_MS, busy }));
    const ranAt: number[] = [];
    await own.define({ name: queue, handler: async () => void ranAt.push(performance.now()) });
    await own.install();
    await tx(async (t) => {
      for (let i = 0; i < 6; i++) await enqueue(t, queue, { i });
    });
    const startedAt = performance.now();
    await own.start();
    return { own, ranAt, startedAt };
  }

  it('pauses between batches while the process is busy, so a backlog waits for the people', async () => {
    const { own, ranAt, startedAt } = await timedRunner('test.yield-busy', () => true);
    try {
      await until(() => ranAt.length === 6, 'the backlog to drain');
      // Three batches of two, a pause after each of the first two.
      expect(ranAt.at(-1)! - startedAt).toBeGreaterThanOrEqual(2 * PAUSE_MS);
      expect(pauses(ranAt)).toBe(2);
    } finally {
      await own.stop();
    }
  });

  it('drains at full speed when no request is being answered', async () => {
    const { own, ranAt, startedAt } = await timedRunner('test.yield-idle', () => false);
    try {
      await until(() => ranAt.length === 6, 'the backlog to drain');
      expect(pauses(ranAt)).toBe(0);
      expect(ranAt.at(-1)! - startedAt).toBeLessThan(2 * PAUSE_MS);
    } finally {
      await own.stop();
    }
  });

  it('stops at once rather than waiting out a pause', async () => {
    const own = new JobRunner(database, options({ concurrency: 1, yieldMs: 10_000, busy: () => true }));
    let ran = 0;
    await own.define({ name: 'test.yield-stop', handler: async () => void ran++ });
    await own.install();
    await tx(async (t) => {
      await enqueue(t, 'test.yield-stop', { i: 1 });
      await enqueue(t, 'test.yield-stop', { i: 2 });
    });
    await own.start();
    await until(() => ran === 1, 'the first job to run');
    const stopping = performance.now();
    await own.stop();
    expect(performance.now() - stopping).toBeLessThan(2000);
    expect(ran).toBe(1); // the second waited out the pause in the queue, not in this process
  });
});

describe('shutdown', () => {
  it('waits for a running job to finish', async () => {
    const own = new JobRunner(database, options());
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    await own.define({
      name: 'test.slow-finishes',
      async handler() {
        started = true;
        await gate;
        events.push('job finished');
      },
    });
    await own.install();
    await own.start();
    const id = (await tx(async (t) => enqueue(t, 'test.slow-finishes', {})))!;
    await until(() => started, 'the job to start');
    const stopped = own.stop(5000).then(() => events.push('runner stopped'));
    setTimeout(release, 50);
    await stopped;
    expect(events).toEqual(['job finished', 'runner stopped']);
    expect(await jobState(database.db, id)).toBe('completed');
  });

  it('hands a job that does not finish in time back to the queue', async () => {
    const own = new JobRunner(database, options());
    let aborted = false;
    let started = false;
    await own.define({
      name: 'test.slow-never',
      async handler(j: JobContext<unknown>) {
        started = true;
        await new Promise<void>((resolve) => j.signal.addEventListener('abort', () => resolve()));
        aborted = true;
      },
    });
    await own.install();
    await own.start();
    const id = (await tx(async (t) => enqueue(t, 'test.slow-never', {})))!;
    await until(() => started, 'the job to start');
    await own.stop(100);
    expect(aborted).toBe(true);
    const row = (await jobRow(id))!;
    expect(row.state).toBe('retry');
    expect(row.output?.message).toMatch(/returned to the queue/);
  });

  it('returns a job left running by a process that died', async () => {
    // A job whose worker vanished: active, started long ago, never completed.
    const queue = 'test.orphan';
    const boot = new JobRunner(database, options({ work: false }));
    await boot.define({
      name: queue,
      timeoutSeconds: 1,
      retryDelaySeconds: 1,
      handler: async () => undefined,
    });
    await boot.install();
    const id = (await tx(async (t) => enqueue(t, queue, {})))!;
    await database.query(
      `update pgboss.job set state = 'active', started_on = now() - interval '1 hour' where id = $1`,
      [id],
    );
    await boot.stop();

    const ran: string[] = [];
    const next = new JobRunner(database, options({ maintenanceIntervalSeconds: 1 }));
    await next.define({
      name: queue,
      timeoutSeconds: 1,
      retryDelaySeconds: 1,
      handler: async (j) => void ran.push(j.id),
    });
    await next.install();
    await next.start();
    try {
      // Embedded: handed back at start. PostgreSQL: other workers may be alive, so it waits for
      // its timeout and the maintenance pass that expires it.
      await until(() => ran.includes(id), 'the orphaned job to run again', { timeoutMs: 20_000 });
      await until(async () => (await jobState(database.db, id)) === 'completed', 'the orphan to complete');
    } finally {
      await next.stop();
    }
  });
});

describe('the pg-boss database adapter', () => {
  it('leaves no transaction open on the connection when a multi-statement text fails', async () => {
    const db = bossDb(database);
    for (let i = 0; i < 12; i++) {
      await expect(db.executeSql('BEGIN; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    }
    for (let i = 0; i < 12; i++) {
      const { rows } = await database.query<{ one: number }>('select 1 as one');
      expect(rows[0]!.one).toBe(1);
    }
  });
});

describe('fetching from a long queue', () => {
  // pg-boss's own fetch statement, as its workers send it.
  const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
    fetchNextJob(schema: string): (o: { includeMetadata: boolean }) => string;
  };
  const queue = (name: string, jobs: number, o: { state?: string; secondsAgo?: number } = {}) =>
    database.query(
      `insert into pgboss.job (name, data, state, created_on)
       select $1, jsonb_build_object('n', g), $2::pgboss.job_state, now() - make_interval(secs => $3 + $4 - g)
         from generate_series(1, $4) g`,
      [name, o.state ?? 'created', o.secondsAgo ?? 0, jobs],
    );
  /** The plan of pg-boss's fetch of 5 jobs from `name` on `db`, as JSON text (explained, not run). */
  async function fetchPlan(db: BossDb, name: string): Promise<string> {
    const { rows } = await db.executeSql(
      `explain (format json) ${plans.fetchNextJob('pgboss')({ includeMetadata: true })}`,
      [name, 5],
    );
    return JSON.stringify(rows[0]!['QUERY PLAN']);
  }
  // (Its window step sorts the few rows taken; what must not be sorted is the queue.)
  const expectIndexOrder = (plan: string) => {
    expect(plan).not.toMatch(/"JIT"/); // compiling it cost more than the sort (190 ms on PostgreSQL 15)
    expect(plan).not.toMatch(/"Sort Key":\[[^\]]*created_on/);
    expect(plan).toMatch(/"Node Type":"Index Scan"[^}]*"Index Name":"[^"]*priority_created_on_id[^"]*"/);
  };
  async function withQueue(name: string, body: () => Promise<void>) {
    const idle = new JobRunner(database, options({ work: false }));
    await idle.define({ name, handler: async () => undefined });
    await idle.install();
    try {
      await body();
    } finally {
      await database.query(`delete from pgboss.job where name = $1`, [name]);
      await idle.stop();
    }
  }

  it('takes the next jobs in order from an index instead of sorting the whole backlog', async () => {
    await withQueue('test.backlog', async () => {
      await queue('test.backlog', 5000);
      await database.query('analyze pgboss.job');
      expectIndexOrder(await fetchPlan(bossDb(database), 'test.backlog'));
      // And it still hands out the oldest first.
      const { rows: next } = await bossDb(database).executeSql(
        plans.fetchNextJob('pgboss')({ includeMetadata: false }),
        ['test.backlog', 3],
      );
      expect(next.map((j) => (j.data as { n: number }).n).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    });
  });

  it('keeps to that index when a burst arrives at a queue not yet analyzed', async () => {
    // The booking bench's case: thousands of confirmations queued on a new database before
    // autovacuum first analyzed the queue's partition. With no statistics the planner expected a
    // handful of due jobs, took pg-boss's index and sorted all of them on every fetch (7 ms a fetch).
    await withQueue('test.burst', async () => {
      await queue('test.burst', 15_000);
      // On the application's pool, the planner's pick: sort the queue.
      expect(await fetchPlan(bossDb(database), 'test.burst')).toMatch(/"Sort Key":\[[^\]]*created_on/);
      // On the workers' own connections, what they run: the index, in order.
      const workers = fetchDb(database);
      try {
        expectIndexOrder(await fetchPlan(workers, 'test.burst'));
      } finally {
        await workers.end();
      }
    });
  });

  it('holds the application’s limit on a statement, so a stuck fetch fails rather than holding a worker', async () => {
    const workers = fetchDb({ ...database, statementTimeoutMs: 300 });
    try {
      const { rows } = await workers.executeSql('show statement_timeout');
      expect(rows[0]?.statement_timeout).toBe('300ms');
      const started = performance.now();
      await expect(workers.executeSql('select pg_sleep(5)')).rejects.toThrow(/statement timeout/);
      expect(performance.now() - started).toBeLessThan(4000);
      // The connection is still good for the next poll.
      expect((await workers.executeSql('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await workers.end();
    }
  });
});
