import PgBoss from 'pg-boss';
import type { Database, Executor } from '../../db/client';
import type { JobDefinition, JobRunnerOptions } from './jobs.options';
import { bossDb, executorDb, fetchDb, trackedBossDb, type BossDb, type TrackedBossDb } from './jobs.db';
import { JOBS_SCHEMA } from './jobs.enqueue';
import { observeJob } from './jobs.metrics';
import { within } from '../timing';

interface Running {
  queue: string;
  id: string;
  abort: AbortController;
  returned: boolean;
}

type Fetched = PgBoss.JobWithMetadata<unknown>;

/** A job whose handler succeeded, waiting to be marked completed with the rest of its batch. */
interface Succeeded {
  id: string;
  seconds: number;
}

// Failed jobs stay in the live table (where the admin list and retry see them) for 30 days.
const FAILED_KEPT_SECONDS = 30 * 24 * 3600;

/**
 * pg-boss on the application's database, with our own fetch loop per queue so that shutdown can
 * wait for, or hand back, exactly the jobs this process holds. One runner per process.
 */
export class JobRunner {
  private readonly defs = new Map<string, JobDefinition<never>>();
  private readonly schedules: { name: string; cron: string; data: object; tz: string }[] = [];
  private readonly running = new Set<Running>();
  private readonly loops: Promise<void>[] = [];
  /** The idle loops, by queue, each waiting for its next poll or a wake. */
  private readonly wakers = new Map<string, () => void>();
  /** Workers pausing between batches while the process answers requests (ends them at stop). */
  private readonly pauses = new Set<() => void>();
  private boss: PgBoss | null = null;
  /** The pg-boss instance's own connection to the pool, which must be quiet before the pool ends. */
  private bossConnection: TrackedBossDb | null = null;
  /** The workers' own connections for taking jobs (ADR 25); opened by `start()`. */
  private fetcher: ReturnType<typeof fetchDb> | null = null;
  private working = false;
  private stopping = false;

  constructor(
    private readonly database: Database,
    readonly options: JobRunnerOptions,
  ) {}

  /** Declares a queue and its handler. Before `install()`; after it, the queue is created on the spot. */
  async define<T>(def: JobDefinition<T>): Promise<void> {
    if (this.defs.has(def.name)) throw new Error(`Job queue "${def.name}" is defined twice`);
    this.defs.set(def.name, def as JobDefinition<never>);
    if (this.boss) {
      await this.ensureQueues([def as JobDefinition<never>]);
      if (this.working && this.fetcher) this.loops.push(this.loop(def as JobDefinition<never>, this.fetcher));
    }
  }

  /** Runs `name` on a cron schedule (in `tz`); stored in the database, so one instance fires it. */
  schedule(name: string, cron: string, data: object = {}, tz = 'UTC'): void {
    this.schedules.push({ name, cron, data, tz });
  }

  /** The definition of a queue, if this process knows it. */
  definition(name: string): JobDefinition<never> | undefined {
    return this.defs.get(name);
  }

  /** Creates pg-boss's schema if missing, then every defined queue and schedule. */
  async install(): Promise<void> {
    const o = this.options;
    this.bossConnection = trackedBossDb(this.database);
    const boss = new PgBoss({
      schema: JOBS_SCHEMA,
      db: this.bossConnection,
      migrate: true,
      supervise: o.work,
      schedule: o.work,
      maintenanceIntervalSeconds: o.maintenanceIntervalSeconds,
      cronMonitorIntervalSeconds: o.cronCheckSeconds,
      cronWorkerIntervalSeconds: Math.min(5, o.cronCheckSeconds),
      archiveFailedAfterSeconds: FAILED_KEPT_SECONDS,
    });
    boss.on('error', (err) => o.log.error({ err }, 'job system error'));
    await boss.start();
    this.boss = boss;
    await this.ensureFetchIndex();
    await this.ensureQueues([...this.defs.values()]);
    for (const s of this.schedules) await boss.schedule(s.name, s.cron, s.data, { tz: s.tz });
  }

  /**
   * pg-boss fetches a queue's next jobs `ORDER BY priority desc, created_on, id`, but its own index
   * is on `(name, start_after)`: each fetch sorted the queue's whole backlog (8 ms per fetch at 3,000
   * queued confirmations, a third of the database's time in the booking bench). This index holds
   * that order, so a fetch reads only the rows it takes (ADR 19), on the workers' connections that
   * never sort when it can be used (`fetchDb`, ADR 25). It ends with `start_after`, which the fetch
   * also filters on, so jobs due later (reminders a day ahead) are passed over in the index without
   * reading their rows. Made on the partitioned table, it covers every queue, and PostgreSQL adds it
   * to each queue's partition as pg-boss attaches it. Several instances may start at once: an
   * advisory lock lets one build it, and drop the earlier index without `start_after`.
   */
  private async ensureFetchIndex(): Promise<void> {
    await bossDb(this.database).executeSql(
      `begin;
       select pg_advisory_xact_lock(hashtext('hospitium.jobs.fetch-index'));
       drop index if exists ${JOBS_SCHEMA}.job_fetch_order;
       create index if not exists job_fetch_next
           on ${JOBS_SCHEMA}.job (name, priority desc, created_on, id, start_after)
        where state < 'active';
       commit;`,
    );
  }

  private async ensureQueues(defs: JobDefinition<never>[]): Promise<void> {
    const boss = this.pgBoss;
    const existing = new Map((await boss.getQueues()).map((q) => [q.name, q]));
    for (const def of defs) {
      const settings = {
        name: def.name,
        policy: 'standard' as const,
        retryLimit: def.retryLimit ?? this.options.retryLimit,
        retryDelay: def.retryDelaySeconds ?? this.options.retryDelaySeconds,
        retryBackoff: def.retryBackoff ?? true,
        expireInSeconds: def.timeoutSeconds ?? this.options.timeoutSeconds,
      };
      const q = existing.get(def.name);
      if (!q) await boss.createQueue(def.name, settings);
      else if (
        q.retryLimit !== settings.retryLimit ||
        q.retryDelay !== settings.retryDelay ||
        q.retryBackoff !== settings.retryBackoff ||
        q.expireInSeconds !== settings.expireInSeconds
      ) {
        await boss.updateQueue(def.name, settings);
      }
    }
  }

  /**
   * Starts working every defined queue (no-op when this process does not work jobs). Resolves once
   * each queue has looked for work once: a job queued after that is found by a wake or a poll,
   * never left to a first look that may or may not have happened yet.
   */
  async start(): Promise<void> {
    if (!this.options.work || this.working) return;
    if (this.database.embedded?.startedHere) await this.recoverOrphans();
    this.working = true;
    const fetcher = (this.fetcher = fetchDb(this.database));
    const looked: Promise<void>[] = [];
    for (const def of this.defs.values())
      looked.push(new Promise((resolve) => this.loops.push(this.loop(def, fetcher, resolve))));
    await Promise.all(looked);
  }

  /**
   * This process has just started the embedded server, so no other process can be connected: a
   * job still `active` was held by a process that died (kill -9, power cut). Hand it back to the
   * queue now, due at once, rather than after its timeout. Its next run counts as a new attempt.
   */
  private async recoverOrphans(): Promise<void> {
    const { rows } = await bossDb(this.database).executeSql(
      `update ${JOBS_SCHEMA}.job
          set state = 'retry', start_after = now(),
              output = '{"message": "the process running this job stopped before it finished"}'::jsonb
        where state = 'active'
      returning name`,
      [],
    );
    if (rows.length)
      this.options.log.warn({ jobs: rows.length }, 'returned jobs left running by a stopped process');
  }

  private async loop(def: JobDefinition<never>, fetcher: BossDb, looked = () => {}): Promise<void> {
    const batchSize = def.concurrency ?? this.options.concurrency;
    for (let first = true; !this.stopping; first = false) {
      let jobs: Fetched[] = [];
      try {
        jobs = await this.pgBoss.fetch<never>(def.name, {
          batchSize,
          includeMetadata: true,
          db: fetcher,
        });
      } catch (err) {
        this.options.log.error({ err, queue: def.name }, 'could not fetch jobs');
      }
      if (first) looked();
      if (jobs.length === 0) await this.idle(def.name);
      else {
        await this.completeAll(def.name, await Promise.all(jobs.map((job) => this.run(def, job))));
        if (this.options.yieldMs > 0 && this.options.busy?.()) await this.pause(this.options.yieldMs);
      }
    }
    looked(); // stopped before its first look: start() must not wait for it
  }

  /**
   * Marks the batch's succeeded jobs completed in one statement (not one per job: under load a
   * queue's jobs come in batches). Should it fail, the jobs stay active until their timeout and
   * then run again: handlers are idempotent.
   */
  private async completeAll(queue: string, outcomes: (Succeeded | null)[]): Promise<void> {
    const done = outcomes.filter((o): o is Succeeded => o !== null);
    if (done.length === 0) return;
    try {
      await this.pgBoss.complete(
        queue,
        done.map((d) => d.id),
      );
      for (const d of done) observeJob(queue, 'completed', d.seconds);
    } catch (err) {
      this.options.log.error({ err, queue, jobs: done.length }, 'could not mark jobs completed');
    }
  }

  /**
   * A worker with a backlog takes batch after batch, each a few round trips and file writes: in a
   * process that also answers requests, that work competes with theirs for the CPU and the event
   * loop. While requests are being answered it pauses between batches, so a backlog drains at a
   * bounded pace then and at full speed once they stop (ADR 28). Ends early when the runner stops.
   */
  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return endableWait(ms, (end) => {
      this.pauses.add(end);
      return () => this.pauses.delete(end);
    });
  }

  private idle(queue: string): Promise<void> {
    return endableWait(this.options.pollIntervalMs, (end) => {
      this.wakers.set(queue, end);
      return () => {
        if (this.wakers.get(queue) === end) this.wakers.delete(queue);
      };
    });
  }

  /**
   * Makes idle workers look for jobs now (e.g. after this process enqueued some): those of the
   * queues named, or of every queue. Each woken queue costs a fetch, so name them where known.
   */
  wake(queues?: readonly string[]): void {
    if (!queues) {
      for (const w of [...this.wakers.values()]) w();
      return;
    }
    for (const q of queues) this.wakers.get(q)?.();
  }

  /** Runs one job; says so if it succeeded (and was not handed back), for `completeAll`. */
  private async run(def: JobDefinition<never>, job: Fetched): Promise<Succeeded | null> {
    const entry: Running = { queue: def.name, id: job.id, abort: new AbortController(), returned: false };
    this.running.add(entry);
    const timeoutMs = Math.max(1, Number(job.expireInSeconds)) * 1000;
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          entry.abort.abort();
          reject(new Error(`job ran longer than ${timeoutMs / 1000} s`));
        }, timeoutMs);
      });
      const work = def.handler({
        id: job.id,
        queue: def.name,
        data: job.data as never,
        attempt: job.retryCount + 1,
        isLastAttempt: job.retryCount >= job.retryLimit,
        signal: entry.abort.signal,
      });
      await Promise.race([work, timedOut]);
      return entry.returned ? null : { id: job.id, seconds: seconds() };
    } catch (err) {
      observeJob(def.name, job.retryCount >= job.retryLimit ? 'failed' : 'retried', seconds());
      if (entry.returned) return null; // stop() has already handed it back
      this.options.log.warn(
        { err, queue: def.name, jobId: job.id, attempt: job.retryCount + 1 },
        'job failed',
      );
      await this.pgBoss
        .fail(def.name, job.id, errorOutput(err))
        .catch((e: unknown) =>
          this.options.log.error({ err: e, jobId: job.id }, 'could not record a job failure'),
        );
      return null;
    } finally {
      clearTimeout(timer);
      this.running.delete(entry);
    }
  }

  /**
   * Graceful stop: no new jobs are taken; running ones get `shutdownTimeoutMs` to finish, and any
   * still running then are handed back to the queue (to be retried here or elsewhere). pg-boss's own
   * last statements get as long again, so a stop takes at most twice `shutdownTimeoutMs` (plus
   * handing jobs back).
   */
  async stop(timeoutMs = this.options.shutdownTimeoutMs): Promise<void> {
    if (!this.boss || this.stopping) return;
    this.stopping = true;
    this.wake();
    for (const end of [...this.pauses]) end();
    if (!(await within(Promise.all(this.loops), timeoutMs))) {
      for (const entry of this.running) {
        entry.returned = true;
        entry.abort.abort();
        await this.boss
          .fail(entry.queue, entry.id, {
            message: 'returned to the queue: the worker shut down before it finished',
          })
          .catch((err: unknown) =>
            this.options.log.error({ err, jobId: entry.id }, 'could not return a job'),
          );
      }
      this.options.log.warn({ jobs: this.running.size }, 'returned unfinished jobs to the queue at shutdown');
    }
    await this.boss.stop({ close: false, graceful: false });
    // pg-boss's stop does not wait for its own cron worker, whose last fetch may still be running
    // and be followed by two more statements: they must reach the pool before it ends (bounded, so
    // a statement that hangs cannot hold up the shutdown).
    if (this.bossConnection) await within(this.bossConnection.quiet(), timeoutMs);
    await this.fetcher?.end();
  }

  /** The started pg-boss (for admin operations); throws before `install()`. */
  get pgBoss(): PgBoss {
    if (!this.boss) throw new Error('The job runner is not installed');
    return this.boss;
  }

  /** Puts a failed job back in its queue, in the caller's transaction. */
  async retry(tx: Executor, queue: string, id: string): Promise<void> {
    await this.pgBoss.retry(queue, id, { db: executorDb(tx) });
  }
}

/**
 * Waits `ms`, or less if the `end` handed to `hold` is called first (a wake, a stop). `hold` keeps
 * `end` where the caller can find it and returns how to forget it, which runs either way.
 */
function endableWait(ms: number, hold: (end: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer);
      forget();
      resolve();
    };
    const timer = setTimeout(end, ms);
    const forget = hold(end);
  });
}

function errorOutput(err: unknown): object {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { message: String(err) };
}
