import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildTestApp, type TestApp } from '../../test/harness';
import { runWorker } from '../../worker';
import { enqueue } from './jobs.enqueue';
import { cachedQueueDepths } from './jobs.metrics';
import { jobRunnerOptions } from './jobs.options';
import { JobRunner } from './jobs.runner';
import { until } from './jobs.testing';

const TOKEN = 'metrics-token-for-tests-0123456789';
const quiet = { info() {}, warn() {}, error() {} };

let t: TestApp;
// A runner that installs queues without working them: their jobs stay waiting.
let idle: JobRunner;

beforeAll(async () => {
  t = await buildTestApp({ METRICS_TOKEN: TOKEN, JOBS_POLL_INTERVAL_MS: '50' });
  await t.jobs.define<{ ok: boolean }>({
    name: 'test.metrics.work',
    retryLimit: 1,
    retryDelaySeconds: 3600,
    async handler(j) {
      if (!j.data.ok) throw new Error('this job fails');
    },
  });
  idle = new JobRunner(t.database, jobRunnerOptions(t.config, quiet, { work: false }));
  await idle.define({ name: 'test.metrics.idle', handler: async () => undefined });
  await idle.install();
});

afterAll(async () => {
  await idle?.stop();
  await t?.close();
});

const send = (queue: string, data: object, startAfter?: number) =>
  t.database.db.transaction((tx) => enqueue(tx, queue, data, { startAfter }));

async function scrape(authorization = `Bearer ${TOKEN}`) {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
  return { status: res.statusCode, body: res.body };
}

/** The value of one sample, e.g. value(body, 'hospitium_jobs_total', { queue: 'q', outcome: 'failed' }). */
function value(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('job outcomes', () => {
  it('counts completed, retried and failed attempts by queue, with their durations', async () => {
    const queue = 'test.metrics.work';
    await send(queue, { ok: true });
    const failing = (await send(queue, { ok: false }))!;
    await until(async () => {
      const { rows } = await t.database.query<{ state: string }>(
        `select state::text as state from pgboss.job where id = $1`,
        [failing],
      );
      return rows[0]?.state === 'retry';
    }, 'the first attempt to fail');
    // The retry is due in an hour: bring it forward so the last attempt runs and fails for good.
    await t.database.query(`update pgboss.job set start_after = now() where id = $1`, [failing]);
    t.jobs.wake();

    // Queue depths are read at most every 5 s (a scrape storm cannot load the database), so the
    // depth may lag the counters by that long.
    const body = await until(
      async () => {
        const { body } = await scrape();
        const counted = value(body, 'hospitium_jobs_total', { queue, outcome: 'failed' }) === 1;
        return counted && value(body, 'hospitium_job_queue_depth', { queue, state: 'failed' }) === 1
          ? body
          : null;
      },
      'the failure to be counted and shown in the queue depth',
      { timeoutMs: 20_000, everyMs: 250 },
    );
    expect(value(body, 'hospitium_jobs_total', { queue, outcome: 'completed' })).toBe(1);
    expect(value(body, 'hospitium_jobs_total', { queue, outcome: 'retried' })).toBe(1);
    expect(value(body, 'hospitium_job_duration_seconds_count', { queue })).toBe(3);
    expect(value(body, 'hospitium_job_duration_seconds_bucket', { queue, le: '+Inf' })).toBe(3);
    // The failed job is kept, and counted, until someone retries it.
    expect(value(body, 'hospitium_job_queue_depth', { queue, state: 'failed' })).toBe(1);
  });
});

describe('queue depth', () => {
  it('reports waiting jobs by state, the due ones and how long the oldest has waited', async () => {
    const queue = 'test.metrics.idle';
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await send(queue, { i }));
    await send(queue, { later: true }, 3600); // not due for an hour: waiting, but not late
    // Two of them were due two minutes ago.
    await t.database.query(
      `update pgboss.job set start_after = now() - interval '2 minutes' where id = any($1::uuid[])`,
      [ids.slice(0, 2)],
    );
    const body = await until(async () => {
      const { body } = await scrape();
      return value(body, 'hospitium_job_queue_depth', { queue, state: 'created' }) === 4 ? body : null;
    }, 'the created jobs to show (past the cache)');
    expect(value(body, 'hospitium_job_queue_depth', { queue, state: 'retry' })).toBe(0);
    expect(value(body, 'hospitium_job_queue_depth', { queue, state: 'active' })).toBe(0);
    expect(value(body, 'hospitium_job_queue_due_jobs', { queue })).toBe(3);
    const oldest = value(body, 'hospitium_job_queue_oldest_waiting_seconds', { queue })!;
    expect(oldest).toBeGreaterThanOrEqual(119);
    expect(oldest).toBeLessThan(600);
    // pg-boss's own queues are left out.
    expect(body).not.toMatch(/queue="__pgboss/);
  });

  it('reads the database at most once per cache interval', async () => {
    const queue = 'test.metrics.idle';
    const depths = cachedQueueDepths(t.database, 400);
    const created = async () => (await depths()).find((d) => d.queue === queue)!.counts.created;
    const before = await created();
    await send(queue, { cached: true });
    expect(await created()).toBe(before); // within the interval: the cached read
    await new Promise((r) => setTimeout(r, 450));
    expect(await created()).toBe(before + 1);
  });
});

describe('the process and its database', () => {
  it('reports the pool and the disk DATA_DIR is on', async () => {
    const { body } = await scrape();
    expect(value(body, 'hospitium_db_pool_max_clients')).toBe(10);
    expect(value(body, 'hospitium_db_pool_clients')).toBeGreaterThanOrEqual(1);
    expect(value(body, 'hospitium_db_pool_idle_clients')).toBeGreaterThanOrEqual(0);
    expect(value(body, 'hospitium_db_pool_waiting_requests')).toBe(0);
    const size = value(body, 'hospitium_data_dir_size_bytes')!;
    const free = value(body, 'hospitium_data_dir_free_bytes')!;
    expect(size).toBeGreaterThan(0);
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(size);
    expect(value(body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('protection', () => {
  it('answers /metrics only with the token, as before', async () => {
    expect((await scrape('')).status).toBe(401);
    expect((await scrape('Bearer not-the-token-at-all-000000')).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('# TYPE hospitium_jobs_total counter');
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('the worker', () => {
  it('serves /metrics on WORKER_METRICS_PORT, with the same token', async () => {
    const port = await freePort();
    const worker = await runWorker(
      loadConfig({
        DATABASE_URL: t.database.url,
        DATA_DIR: t.dataDir,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        METRICS_TOKEN: TOKEN,
        WORKER_METRICS_PORT: String(port),
      }),
      { handleSignals: false, log: quiet },
    );
    try {
      const url = `http://127.0.0.1:${port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const body = await res.text();
      const { rows } = await t.database.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job where name = 'test.metrics.idle' and state = 'created'`,
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
      const labels = { queue: 'test.metrics.idle', state: 'created' };
      expect(value(body, 'hospitium_job_queue_depth', labels)).toBe(rows[0]!.n);
      expect(body).toContain('# TYPE hospitium_jobs_total counter');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await worker.stop();
    }
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
