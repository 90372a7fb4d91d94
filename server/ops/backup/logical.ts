// The app's own logical dump, for a server newer than the machine's pg_dump (the embedded PostgreSQL
// 18 beside Debian's pg_dump 15, ADR 15): every table's rows as a gzip'd COPY text stream read in the
// backup's snapshot. The schema is not dumped: a restore makes it with the app's own migrations and
// pg-boss's own install, then loads the rows back.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { JOBS_SCHEMA } from '../../platform/jobs';
import { bossDb } from '../../platform/jobs/jobs.db';
import { RestoreError } from './errors';
import { meter, type Manifest, type TableDump } from './manifest';
import { jobsState, listTables, type TableInfo } from './snapshot';

const DATA_FOLDER = 'database';

/** Dumps every table's rows, in the snapshot the client's transaction holds, into `dir/database/`. */
export async function dumpTables(
  client: pg.Client,
  tables: TableInfo[],
  dir: string,
  onTable: (done: number, total: number, table: string) => void,
): Promise<TableDump[]> {
  fs.mkdirSync(path.join(dir, DATA_FOLDER));
  const out: TableDump[] = [];
  for (const [i, t] of tables.entries()) {
    const relative = `${DATA_FOLDER}/${String(i).padStart(4, '0')}-${t.name.replace(/[^A-Za-z0-9._-]/g, '_')}.copy.gz`;
    const cols = t.columns.map((c) => client.escapeIdentifier(c)).join(', ');
    const m = meter();
    await pipeline(
      client.query(copyTo(`copy ${t.sql} (${cols}) to stdout`)),
      zlib.createGzip({ level: 6 }),
      m.stream,
      fs.createWriteStream(path.join(dir, relative), { flags: 'wx' }),
    );
    out.push({ path: relative, table: t.name, columns: t.columns, ...m.result() });
    onTable(i + 1, tables.length, t.name);
  }
  return out;
}

/**
 * Makes the schema in an empty database: the app's migrations, pg-boss's install and one partition
 * per queue of the backup. Runs as the database's owner, so the app owns what it made.
 */
export async function makeSchema(database: Database, manifest: Manifest): Promise<void> {
  await runMigrations(database);
  const boss = new PgBoss({
    schema: JOBS_SCHEMA,
    db: bossDb(database),
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: false });
  const client = await database.pool.connect();
  try {
    const state = await jobsState(client);
    if (state.version !== manifest.database.pgBossVersion) {
      throw new RestoreError(
        `The backup's job queue schema is version ${manifest.database.pgBossVersion}; this Hospitium's is ${state.version}.`,
      );
    }
    for (const q of manifest.database.queues) {
      await client.query(`select ${JOBS_SCHEMA}.create_queue($1, '{}'::json)`, [q]);
    }
  } finally {
    client.release();
  }
}

/**
 * Loads every table's rows in one transaction on a superuser connection, with triggers and
 * foreign-key checks off (session_replication_role = replica: the rows were consistent when read,
 * and the ledger's triggers must not apply the movements a second time). What the migrations put in
 * a table first (their own bookkeeping) is replaced; sequences are set after.
 */
export async function loadTables(
  client: pg.Client,
  dir: string,
  manifest: Manifest,
  onTable: (done: number, total: number, table: string) => void,
): Promise<void> {
  const present = new Map((await listTables(client)).map((t) => [t.name, t]));
  const wanted = manifest.database.tables;
  const missing = wanted.filter((t) => !present.has(t.table)).map((t) => t.table);
  const extra = [...present.keys()].filter((n) => !wanted.some((t) => t.table === n));
  if (missing.length || extra.length) {
    throw new RestoreError(
      "The schema made by this Hospitium differs from the backup's: " +
        [
          missing.length ? `not made here: ${missing.join(', ')}` : '',
          extra.length ? `not in the backup: ${extra.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
    );
  }
  await client.query('begin');
  try {
    await client.query('set local session_replication_role = replica');
    for (const [i, t] of wanted.entries()) {
      const target = present.get(t.table)!;
      await client.query(`delete from ${target.sql}`);
      const cols = t.columns.map((c) => client.escapeIdentifier(c)).join(', ');
      await pipeline(
        fs.createReadStream(path.join(dir, t.path)),
        zlib.createGunzip(),
        client.query(copyFrom(`copy ${target.sql} (${cols}) from stdin`)),
      );
      onTable(i + 1, wanted.length, t.table);
    }
    for (const [name, value] of Object.entries(manifest.database.sequences)) {
      await client.query('select setval($1::regclass, $2::bigint, true)', [name, value]);
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
