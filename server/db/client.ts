import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';

/** The drizzle database both modes share: repositories are written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; services pass it to repositories so a change and its audit commit together. */
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Either the database or a transaction: what repositories accept. */
export type Executor = Db | Tx;

export interface Database {
  mode: 'embedded' | 'postgres';
  db: Db;
  /** Plain SQL with positional parameters, for the few places drizzle does not fit (pg-boss, locks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Present in embedded mode only. */
  pglite?: PGlite;
  /** Present in PostgreSQL mode only. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export const PGLITE_EXTENSIONS = { pg_trgm, btree_gist, pgcrypto };

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Where the embedded database lives (`<dataDir>/db`) and its lock file. */
  dataDir?: string;
  /** Embedded only: start from this dump (tests) instead of a directory; nothing is written to disk. */
  loadDataDir?: Blob;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise PGlite under `dataDir` (or in memory from a dump). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openEmbedded(opts);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // A dropped connection in the pool must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const db = drizzlePg(pool) as unknown as Db;
  return {
    mode: 'postgres',
    db,
    pool,
    query: async (text, params) => {
      const r = await pool.query(text, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(opts: OpenOptions): Promise<Database> {
  let release = () => {};
  let client: PGlite;
  if (opts.loadDataDir) {
    client = new PGlite({ loadDataDir: opts.loadDataDir, extensions: PGLITE_EXTENSIONS });
  } else {
    if (!opts.dataDir) throw new Error('openDatabase: dataDir is required in embedded mode');
    fs.mkdirSync(opts.dataDir, { recursive: true });
    release = acquireDataDirLock(opts.dataDir);
    client = new PGlite({ dataDir: path.join(opts.dataDir, 'db'), extensions: PGLITE_EXTENSIONS });
  }
  try {
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    mode: 'embedded',
    db,
    pglite: client,
    query: async (text, params) => {
      const r = await client.query(text, params);
      return { rows: r.rows as never[] };
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite is one process's database: two processes writing one directory would corrupt it. A lock
 * file holding our pid is created exclusively; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'hospitium.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another Hospitium process (pid ${holder}). ` +
            'The embedded database serves one process only; stop that process or set DATA_DIR elsewhere.',
        );
      }
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs a raw drizzle `sql` query and returns its rows (both drivers put them in `.rows`). */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
