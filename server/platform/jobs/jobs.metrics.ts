import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Database } from '../../db/client';
import { JOBS_SCHEMA } from './jobs.enqueue';

// Prometheus metrics of the background jobs. Outcomes and durations are counted by the runner of
// this process (a worker's counts are on the worker's /metrics). Queue depth is the database's view,
// the same from every process, read at scrape time with one query and cached for a few seconds.

export type JobOutcome = 'completed' | 'failed' | 'retried';

// One set per process, registered in each registry that asks (an app, a worker, tests' several apps).
const outcomes = new Counter({
  name: 'hospitium_jobs_total',
  help: 'Job attempts that ended, by queue and outcome (retried: failed, another attempt is due; failed: no attempt left)',
  labelNames: ['queue', 'outcome'] as const,
  registers: [],
});
const duration = new Histogram({
  name: 'hospitium_job_duration_seconds',
  help: 'How long a job attempt ran, whatever its outcome',
  labelNames: ['queue'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300],
  registers: [],
});

/** Called by the runner when an attempt ends. */
export function observeJob(queue: string, outcome: JobOutcome, seconds: number): void {
  outcomes.inc({ queue, outcome });
  duration.observe({ queue }, seconds);
}

/** The states a queue's depth is reported in: waiting (created, retry), running, and failed for good. */
export const DEPTH_STATES = ['created', 'retry', 'active', 'failed'] as const;

export interface QueueDepth {
  queue: string;
  counts: Record<(typeof DEPTH_STATES)[number], number>;
  /** Waiting jobs whose time has come (the rest of created/retry wait for their start or retry time). */
  due: number;
  /** Seconds the longest-due job that nobody has picked up has been due (0: none is due). */
  oldestWaitingSeconds: number;
}

/**
 * Every installed queue (pg-boss's own left out) with its jobs per state, in one statement. Failed
 * jobs stay in the live table for 30 days (the admin list), so that count is of failures waiting for
 * someone, not a rate.
 */
export async function readQueueDepths(database: Database): Promise<QueueDepth[]> {
  const { rows } = await database.query<{
    queue: string;
    state: string | null;
    n: number;
    due: number;
    oldest: number;
  }>(
    `with counts as (
       select name, state::text as state, count(*)::int as n,
              count(*) filter (where state < 'active' and start_after <= now())::int as due,
              coalesce(extract(epoch from now() - min(start_after)
                filter (where state < 'active' and start_after <= now())), 0)::float8 as oldest
         from ${JOBS_SCHEMA}.job
        where state in ('created', 'retry', 'active', 'failed')
        group by name, state)
     select q.name as queue, c.state, coalesce(c.n, 0) as n, coalesce(c.due, 0) as due,
            coalesce(c.oldest, 0) as oldest
       from ${JOBS_SCHEMA}.queue q left join counts c on c.name = q.name
      where q.name not like '\\_\\_pgboss%'
      order by q.name`,
  );
  const byQueue = new Map<string, QueueDepth>();
  for (const r of rows) {
    let d = byQueue.get(r.queue);
    if (!d) {
      d = {
        queue: r.queue,
        counts: { created: 0, retry: 0, active: 0, failed: 0 },
        due: 0,
        oldestWaitingSeconds: 0,
      };
      byQueue.set(r.queue, d);
    }
    if (r.state && r.state in d.counts) d.counts[r.state as keyof QueueDepth['counts']] = Number(r.n);
    d.due += Number(r.due);
    d.oldestWaitingSeconds = Math.max(d.oldestWaitingSeconds, Number(r.oldest));
  }
  return [...byQueue.values()];
}

/**
 * `readQueueDepths`, at most once per `ttlMs`: concurrent scrapes share one query, and a scrape storm
 * costs the database one statement per interval. A failed read is not cached.
 */
export function cachedQueueDepths(database: Database, ttlMs: number): () => Promise<QueueDepth[]> {
  let last: { at: number; value: Promise<QueueDepth[]> } | null = null;
  return () => {
    const now = Date.now();
    if (last && now - last.at < ttlMs) return last.value;
    const value = readQueueDepths(database);
    const entry = { at: now, value };
    last = entry;
    value.catch(() => {
      if (last === entry) last = null;
    });
    return value;
  };
}

/** Registers the job metrics on `registry`; queue depth only when there is a database to ask. */
export function registerJobMetrics(
  registry: Registry,
  database: Database | undefined,
  opts: { cacheMs?: number; onError?: (err: unknown) => void } = {},
): void {
  registry.registerMetric(outcomes);
  registry.registerMetric(duration);
  if (!database) return;
  const depths = cachedQueueDepths(database, opts.cacheMs ?? 5000);
  // Both gauges come from the same cached read; a queue that is gone, or a database that did not
  // answer, leaves no stale series.
  const read = () =>
    depths().catch((err: unknown) => {
      opts.onError?.(err);
      return null;
    });
  new Gauge({
    name: 'hospitium_job_queue_depth',
    help: 'Jobs in the queue by state (created and retry: waiting; active: running; failed: failed for good, kept 30 days)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const rows = await read();
      this.reset();
      for (const d of rows ?? [])
        for (const state of DEPTH_STATES) this.set({ queue: d.queue, state }, d.counts[state]);
    },
  });
  const perQueue = (name: string, help: string, pick: (d: QueueDepth) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'] as const,
      registers: [registry],
      async collect() {
        const rows = await read();
        this.reset();
        for (const d of rows ?? []) this.set({ queue: d.queue }, pick(d));
      },
    });
  perQueue(
    'hospitium_job_queue_due_jobs',
    'Waiting jobs whose start (or retry) time has come and that no worker has picked up yet',
    (d) => d.due,
  );
  perQueue(
    'hospitium_job_queue_oldest_waiting_seconds',
    'How long the longest-due job of the queue has been due without being picked up (0: none due)',
    (d) => d.oldestWaitingSeconds,
  );
}
