import PgBoss from 'pg-boss';
import { v5 as uuidv5 } from 'uuid';
import { queryRows, type Executor } from '../../db/client';
import { sql } from 'drizzle-orm';
import type { Positional } from '../../db/side-writes';
import { executorDb } from './jobs.db';

/** Where pg-boss keeps its tables: created by the runner at start-up, next to the application's. */
export const JOBS_SCHEMA = 'pgboss';

// Fixed namespace for job ids derived from idempotency keys (any constant UUID would do).
const KEY_NAMESPACE = '5b0b7c1e-3f4a-4e0e-9a51-6f1d0c2b8a77';

// A never-started pg-boss used only for its `send`, which writes through the `db` passed to each
// call: the caller's transaction. Queue settings (retries, timeout) live on the queue rows.
const producer = new PgBoss({
  schema: JOBS_SCHEMA,
  db: {
    executeSql: () => Promise.reject(new Error('enqueue() must pass the caller transaction')),
  },
  supervise: false,
  schedule: false,
  migrate: false,
});

export interface EnqueueOptions {
  /**
   * At most one job per key and queue: the job id is derived from it, so a second enqueue with the
   * same key is dropped while the first job is still kept (until pg-boss archives it).
   */
  idempotencyKey?: string;
  /** Not before this instant (or this many seconds from now). */
  startAfter?: Date | number;
  /** Override the queue's retry settings for this job. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  priority?: number;
}

// When this process last enqueued into each queue (performance.now()): the app wakes after a change
// only the queues that change fed, not every idle queue (each wake costs a fetch per queue).
const lastEnqueued = new Map<string, number>();

/** The queues this process has enqueued into since `since` (a performance.now() reading). */
export function queuesEnqueuedSince(since: number): string[] {
  const names: string[] = [];
  for (const [queue, at] of lastEnqueued) if (at >= since) names.push(queue);
  return names;
}

function sendOptions(queue: string, opts: EnqueueOptions): PgBoss.SendOptions {
  const options: PgBoss.SendOptions = {};
  if (opts.idempotencyKey) options.id = jobIdForKey(queue, opts.idempotencyKey);
  if (opts.startAfter instanceof Date) options.startAfter = opts.startAfter;
  else if (typeof opts.startAfter === 'number' && opts.startAfter > 0)
    options.startAfter = Math.ceil(opts.startAfter);
  if (opts.retryLimit !== undefined) options.retryLimit = opts.retryLimit;
  if (opts.retryDelaySeconds !== undefined) options.retryDelay = opts.retryDelaySeconds;
  if (opts.retryBackoff !== undefined) options.retryBackoff = opts.retryBackoff;
  if (opts.priority !== undefined) options.priority = opts.priority;
  return options;
}

/** The job id an idempotency key maps to in a queue. */
export function jobIdForKey(queue: string, key: string): string {
  return uuidv5(`${queue}\n${key}`, KEY_NAMESPACE);
}

/**
 * Enqueues a job in the caller's transaction: it exists only if the transaction commits. Returns the
 * job id, or null when a job with the same idempotency key is already queued. Throws if the queue
 * was never installed (a job that silently went nowhere would be lost).
 */
export async function enqueue(
  tx: Executor,
  queue: string,
  data: object,
  opts: EnqueueOptions = {},
): Promise<string | null> {
  lastEnqueued.set(queue, performance.now());
  const options: PgBoss.SendOptions = { ...sendOptions(queue, opts), db: executorDb(tx) };
  const id = await producer.send(queue, data, options);
  if (id) return id;
  const known = await queryRows<{ name: string }>(
    tx,
    sql`select name from ${sql.identifier(JOBS_SCHEMA)}.queue where name = ${queue}`,
  );
  if (known.length === 0)
    throw new Error(`Job queue "${queue}" is not installed; define it on the job runner`);
  return null;
}

/**
 * The INSERT of a job that `enqueue` would queue, not yet run: pg-boss's statement for many jobs
 * (what its `insert` runs), to ride along with the change that queues the job (db/side-writes).
 * Jobs riding along one statement share one INSERT. An unknown queue inserts nothing, silently (the
 * statement joins the queue's row), so only queues the runner defines at start-up belong here.
 */
export async function enqueueWrite(
  queue: string,
  data: object,
  opts: EnqueueOptions = {},
): Promise<Positional> {
  lastEnqueued.set(queue, performance.now());
  const many = await (insertMany ??= captured('many jobs', (db) => producer.insert([], { db })));
  const { startAfter, id, priority, retryLimit, retryDelay, retryBackoff } = sendOptions(queue, opts);
  const job: PgBoss.JobInsert = { id, name: queue, data, priority, retryLimit, retryDelay, retryBackoff };
  // A time as pg-boss's `send` passes it: an instant in ISO form, or a number of seconds from now.
  if (startAfter !== undefined)
    job.startAfter = startAfter instanceof Date ? startAfter.toISOString() : String(startAfter);
  const build = (jobs: readonly unknown[]): Positional => ({
    text: many.text,
    values: [JSON.stringify(jobs), ...many.values.slice(1)],
  });
  return { ...build([job]), rows: { key: 'pg-boss jobs', rows: [job], build } };
}

/** pg-boss's statement for inserting many jobs, with its defaults as parameters 2 onwards. */
let insertMany: Promise<Positional> | undefined;

/** The one statement `write` runs through the `db` it is given, not run; `what` names it in errors. */
async function captured(what: string, write: (db: PgBoss.Db) => Promise<unknown>): Promise<Positional> {
  let statement: Positional | undefined;
  const db = {
    executeSql(text: string, values: unknown[] = []) {
      statement = { text, values };
      return Promise.resolve({ rows: [{ id: 'captured' }] });
    },
  };
  await write(db);
  if (!statement) throw new Error(`enqueueWrite: pg-boss wrote nothing for "${what}"`);
  return statement;
}
