import type PgBoss from 'pg-boss';
import pg from 'pg';
import { driverClient, type Database, type Executor } from '../../db/client';
import { cacheStatements } from '../../db/statement-cache';

// pg-boss talks to the database through one method, `executeSql(text, values)`. These adapters let it
// use the application's own pool and the caller's transaction.

type Rows = { rows: Record<string, unknown>[] };

/** pg-boss's `Db`, with the values optional as pg-boss calls it (no values: plain multi-statement text). */
export interface BossDb extends PgBoss.Db {
  executeSql(text: string, values?: unknown[]): Promise<Rows>;
}

/** The last result of a multi-statement run that returned columns (what pg-boss reads), else the last. */
function lastRows(results: { rows: unknown[]; fields?: unknown[] }[]): Rows {
  const withColumns = [...results].reverse().find((r) => (r.fields?.length ?? 0) > 0);
  return { rows: ((withColumns ?? results[results.length - 1])?.rows ?? []) as Record<string, unknown>[] };
}

/**
 * pg-boss's own statements on the application's pool. Without values a text may hold several
 * statements (schema creation, `BEGIN; …; COMMIT;` maintenance): they run on one checked-out
 * connection, rolled back on failure, so that a failure half way can never leave a transaction
 * open (aborted) on a connection the application will use next.
 */
export function bossDb(database: Database): BossDb {
  const pool = database.pool;
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values !== undefined) return (await pool.query(text, values)) as Rows;
      const client = await pool.connect();
      try {
        const result = (await client.query(text)) as unknown as Rows | Rows[];
        return Array.isArray(result) ? lastRows(result as never) : result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

/** `bossDb` that also knows which of its statements are still running. */
export interface TrackedBossDb extends BossDb {
  /**
   * Resolves once none of its statements is running, counting those that the ones just finished
   * started in turn (pg-boss's cron worker inserts the jobs it fetched, then marks them completed
   * without waiting for it: a statement started after the pool has ended rejects with nobody to
   * catch it, which ends a Node process).
   */
  quiet(): Promise<void>;
}

/** `bossDb`, tracked: for the job runner's own pg-boss, which must be quiet before the pool ends. */
export function trackedBossDb(database: Database): TrackedBossDb {
  const inner = bossDb(database);
  const running = new Set<Promise<unknown>>();
  return {
    executeSql(text: string, values?: unknown[]) {
      const p = inner.executeSql(text, values);
      running.add(p);
      const done = () => running.delete(p);
      p.then(done, done);
      return p;
    },
    async quiet() {
      for (;;) {
        while (running.size > 0) await Promise.allSettled([...running]);
        // What their callers do next runs in the microtasks before this macrotask.
        await new Promise((resolve) => setImmediate(resolve));
        if (running.size === 0) return;
      }
    },
  };
}

/**
 * pg-boss statements inside a drizzle transaction (or on the plain database), so `send` commits or
 * rolls back with the caller's change. The text goes to the driver connection drizzle holds for
 * the transaction (a pg PoolClient), unchanged: pg-boss reuses a
 * parameter in places of different types (`$5` is text in one spot and cast to a timestamp or an
 * interval in others), which only works when PostgreSQL sees each parameter once.
 */
export function executorDb(exec: Executor): BossDb {
  const client = driverClient(exec);
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await client.query(text, values);
      return { rows: result.rows as Record<string, unknown>[] };
    },
  };
}

/**
 * Where workers take their next jobs: a pool of its own (two connections) whose sessions never sort
 * when an index gives the order (ADR 25). pg-boss's fetch orders a queue by priority, creation and
 * id; `job_fetch_next` holds that order. But a queue's partition that autovacuum has not yet
 * analyzed (a new database, a new queue) has no statistics: the planner then expects a handful of
 * due jobs, and a bitmap scan with a sort of the whole backlog costs a hair less to it than the
 * ordered index. Under a burst of thousands it was 7 ms a fetch. With sorting priced out, the
 * fetch is an index scan that stops at the jobs it takes, whatever the statistics say.
 */
export function fetchDb(database: Database): BossDb & { end(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 2,
    idleTimeoutMillis: 30_000,
    // PostgreSQL before 18 prices a path it is told to avoid at 10^10: the fetch's plan then looks
    // costly enough to compile (JIT), which took 190 ms a fetch on PostgreSQL 15. Nothing it runs
    // is big enough for JIT to pay. The application's limit on a statement holds here too: a fetch
    // stuck behind a lock fails and is tried again at the next poll, rather than holding a worker.
    options: `-c enable_sort=off -c jit=off -c statement_timeout=${database.statementTimeoutMs}`,
    application_name: 'hospitium-job-fetch',
  });
  pool.on('error', () => undefined); // a dropped connection is replaced on the next fetch
  // Its statement is one text per queue option set, sent at every poll and wake: prepared per
  // connection as the app's own are (ADR 16), it is parsed once, not once a fetch.
  cacheStatements(pool);
  return {
    async executeSql(text: string, values?: unknown[]) {
      return { rows: (await pool.query(text, values)).rows as Record<string, unknown>[] };
    },
    end: () => pool.end(),
  };
}
