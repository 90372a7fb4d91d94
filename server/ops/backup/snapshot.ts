// The backup's consistency point: one REPEATABLE READ transaction that exports its snapshot. Row
// counts, the logical dump and (through --snapshot) pg_dump all read that one instant.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Database } from '../../db/client';
import { MIGRATIONS_FOLDER } from '../../db/migrate';
import { JOBS_SCHEMA } from '../../platform/jobs';
import type { Manifest } from './manifest';

export interface TableInfo {
  /** "schema.table", as the manifest names it. */
  name: string;
  /** Quoted for SQL. */
  sql: string;
  /** Columns a COPY reads and writes: every one but generated columns, in table order. */
  columns: string[];
}

export interface Snapshot {
  client: pg.Client;
  id: string;
  takenAt: string;
  serverVersion: string;
  serverMajor: number;
  tables: TableInfo[];
  /** The newest sealed position of the audit chain in the snapshot (0: none). */
  auditHead: number;
  /** Commits the read-only transaction and closes the connection. */
  close(): Promise<void>;
}

/** Every ordinary table (partitions included) outside PostgreSQL's own schemas and extensions. */
const TABLES_SQL = `
  select n.nspname as schema, c.relname as table,
         array(select a.attname::text from pg_attribute a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind = 'r'
     and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
     and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
   order by n.nspname, c.relname`;

/** Lists the tables a backup holds (on any connection: the snapshot's, or a restore target's). */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ schema: string; table: string; columns: string[] }>(TABLES_SQL);
  return rows.map((r) => ({
    name: `${r.schema}.${r.table}`,
    sql: `${client.escapeIdentifier(r.schema)}.${client.escapeIdentifier(r.table)}`,
    columns: r.columns,
  }));
}

/** Opens a dedicated connection in a REPEATABLE READ, read-only transaction and exports its snapshot. */
export async function openSnapshot(database: Database): Promise<Snapshot> {
  const client = await database.connectDedicated('hospitium-backup');
  try {
    await client.query('begin isolation level repeatable read read only');
    const exported = await client.query<{ id: string; now: Date; version: string; num: string }>(
      `select pg_export_snapshot() as id, now() as now,
              current_setting('server_version') as version, current_setting('server_version_num') as num`,
    );
    const row = exported.rows[0]!;
    const tables = await listTables(client);
    const audit = await client.query<{ ok: boolean }>(
      `select to_regclass('public.audit_events') is not null as ok`,
    );
    const head = audit.rows[0]?.ok
      ? await client.query<{ h: string }>('select coalesce(max(chain_seq), 0)::text as h from audit_events')
      : null;
    return {
      client,
      id: row.id,
      takenAt: new Date(row.now).toISOString(),
      serverVersion: row.version.split(' ')[0]!,
      serverMajor: Math.floor(Number(row.num) / 10000),
      tables,
      auditHead: Number(head?.rows[0]?.h ?? 0),
      close: async () => {
        try {
          await client.query('commit');
        } finally {
          await client.end();
        }
      },
    };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

/** Rows of every table, in the snapshot. */
export async function countRows(client: pg.ClientBase, tables: TableInfo[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${t.sql}`);
    counts[t.name] = Number(rows[0]!.n);
  }
  return counts;
}

/** The migrations applied in the database, named after this app's journal where it knows them. */
export async function migrationState(client: pg.ClientBase): Promise<Manifest['migration']> {
  const present = await client.query<{ ok: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!present.rows[0]?.ok) return { applied: 0, lastCreatedAt: null, lastTag: null };
  const { rows } = await client.query<{ n: string; last: string | null }>(
    'select count(*) as n, max(created_at)::text as last from drizzle.__drizzle_migrations',
  );
  const last = rows[0]?.last ? Number(rows[0].last) : null;
  return {
    applied: Number(rows[0]?.n ?? 0),
    lastCreatedAt: last,
    lastTag: journal().find((e) => e.when === last)?.tag ?? null,
  };
}

/** This app's migrations, oldest first. */
export function journal(): { tag: string; when: number }[] {
  const file = path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { tag: string; when: number }[] }).entries;
}

/** pg-boss's schema version and queue names (each queue is a partition of its job table). */
export async function jobsState(
  client: pg.ClientBase,
): Promise<{ version: number | null; queues: string[] }> {
  const present = await client.query<{ ok: boolean }>(
    `select to_regclass('${JOBS_SCHEMA}.version') is not null and to_regclass('${JOBS_SCHEMA}.queue') is not null as ok`,
  );
  if (!present.rows[0]?.ok) return { version: null, queues: [] };
  const v = await client.query<{ version: number }>(
    `select max(version) as version from ${JOBS_SCHEMA}.version`,
  );
  const q = await client.query<{ name: string }>(`select name from ${JOBS_SCHEMA}.queue order by name`);
  return { version: v.rows[0]?.version ?? null, queues: q.rows.map((r) => r.name) };
}

/** Last values of the sequences of the app's schemas (sequences are not transactional: read now). */
export async function sequenceValues(client: pg.ClientBase): Promise<Record<string, string>> {
  const { rows } = await client.query<{ name: string; value: string }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as value
       from pg_sequences
      where last_value is not null and schemaname <> 'information_schema' and schemaname !~ '^pg_'`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}
