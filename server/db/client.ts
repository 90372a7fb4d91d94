import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { cacheStatements } from './statement-cache';
import type { Positional } from './side-writes';

export { DataDirLockedError } from './data-dir-lock';

/** The drizzle database every repository is written against. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; services pass it to repositories so a change and its audit commit together. */
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Either the database or a transaction: what repositories accept. */
export type Executor = Db | Tx;

/** What the process knows of the embedded server it uses (absent with DATABASE_URL). */
export interface EmbeddedInfo {
  version: string;
  port: number;
  /** The folder of the Unix socket the app connects through; null: loopback TCP (ADR 20). */
  socketDir: string | null;
  clusterDir: string;
  /** This process started the server just now: no other process can hold work in the database. */
  startedHere: boolean;
  notes: string[];
}

export interface Database {
  /** `embedded`: the PostgreSQL server Hospitium runs in DATA_DIR; `postgres`: DATABASE_URL. */
  mode: 'embedded' | 'postgres';
  /** The connection string (with its password: never print it). */
  url: string;
  db: Db;
  pool: pg.Pool;
  /** The limit on one statement's run on the pool's connections, for other connections to the same database (0: none). */
  statementTimeoutMs: number;
  /** Plain SQL with positional parameters, for the few places drizzle does not fit (pg-boss, locks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  embedded?: EmbeddedInfo;
  /** A connection of its own, outside the pool (LISTEN needs one), named for pg_stat_activity; the caller ends it. */
  connectDedicated(applicationName: string): Promise<pg.Client>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url: string;
  poolSize?: number;
  /** A statement running longer is cancelled and fails (0: no limit). */
  statementTimeoutMs?: number;
  /** Prepare often-run statements once per connection (statement-cache.ts); on unless false. */
  prepareStatements?: boolean;
  mode?: Database['mode'];
  embedded?: EmbeddedInfo;
  /** Runs after the pool has closed (the embedded server stops there). */
  afterClose?: () => Promise<void>;
}

/** A pg pool on `url`, checked with one query, with drizzle on top. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  // A dropped connection in the pool must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  if (opts.prepareStatements !== false) cacheStatements(pool);
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const db = drizzle(pool) as unknown as Db;
  let closing: Promise<void> | null = null;
  return {
    mode: opts.mode ?? 'postgres',
    url: opts.url,
    db,
    pool,
    statementTimeoutMs: opts.statementTimeoutMs ?? 0,
    embedded: opts.embedded,
    query: async (text, params) => {
      const r = await pool.query(text, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    connectDedicated: async (applicationName) => {
      const client = new pg.Client({ connectionString: opts.url, application_name: applicationName });
      // The server may drop the connection at any time, even between its coming up and the caller
      // attaching listeners: pg then emits 'error', which with no listener would end the process.
      // Queries on a dropped connection fail; owners that must react attach their own listener.
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    close: () =>
      (closing ??= (async () => {
        try {
          await pool.end();
        } finally {
          await opts.afterClose?.();
        }
      })()),
  };
}

/** Runs a raw drizzle `sql` query and returns its rows. */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The node-postgres connection drizzle holds for `exec`: the pool, or the transaction's client.
 * For statements drizzle's builder does not write (prepared, positional, pg-boss's own).
 */
export function driverClient(exec: Executor): pg.Pool | pg.PoolClient {
  const client = (exec as unknown as { session?: { client?: pg.Pool | pg.PoolClient } }).session?.client;
  if (!client || typeof client.query !== 'function')
    throw new Error('no driver connection on this drizzle executor (drizzle internals changed?)');
  return client;
}

/**
 * Rows of a hot-path statement with fixed text, prepared once per connection under `name`:
 * PostgreSQL then skips parsing and, after a few runs, planning. Works on the pool and inside a
 * transaction (on the transaction's connection), as drizzle holds either one.
 */
export async function preparedRows<T>(
  exec: Executor,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const result = await driverClient(exec).query<T & pg.QueryResultRow>({ name, text, values });
  return result.rows;
}

/** Rows of a statement as text with positional parameters, on the executor's connection. */
export async function positionalRows<T>(exec: Executor, p: Positional): Promise<T[]> {
  const result = await driverClient(exec).query<T & pg.QueryResultRow>(p.text, p.values);
  return result.rows;
}
