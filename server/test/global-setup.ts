import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Embedded mode: a migrated PGlite data directory dump each test file loads its own copy of. */
    pgliteTemplatePath: string;
    /** PostgreSQL mode: server URL and the migrated template database each file copies. */
    pgServerUrl: string;
    pgTemplateName: string;
  }
}

/**
 * Migrates once per run. Each test file then starts from a private copy: a PGlite loaded from the
 * dump, or a PostgreSQL database created from the template. No test shares data with another file.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `hospitium_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    await runMigrations(database);
    await database.close();
    project.provide('pgServerUrl', serverUrl);
    project.provide('pgTemplateName', template);
    project.provide('pgliteTemplatePath', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`hospitium_t_${process.pid}_%`, template],
      );
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    };
  }
  const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-tpl-'));
  const database = await openDatabase({ dataDir: templateDir });
  await runMigrations(database);
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  fs.rmSync(templateDir, { recursive: true, force: true });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-dump-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', file);
  project.provide('pgServerUrl', '');
  project.provide('pgTemplateName', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
