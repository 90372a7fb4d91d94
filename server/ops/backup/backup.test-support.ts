// Shared by the backup tests (not a test file itself): scratch folders, and reading a database as a
// restore left it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Temporary folders made by a test file, all removed by `removeAll()` (in afterAll). */
export function scratchFolders() {
  const made: string[] = [];
  return {
    tmp(prefix: string): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Rows per table ("schema.table") of the database at `url`. */
export function countsIn(url: string, tables: string[]): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    const out: Record<string, number> = {};
    for (const name of tables) {
      const [schema, table] = name.split('.') as [string, string];
      const q = `select count(*)::int as n from ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
      out[name] = (await client.query<{ n: number }>(q)).rows[0]!.n;
    }
    return out;
  });
}

/** Tables (plain and partitioned) outside PostgreSQL's own schemas. */
export function tableCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'`,
    );
    return rows[0]!.n;
  });
}
