import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { openEmbeddedServer, type EmbeddedServer } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { installJobs } from '../worker';
import { TEST_FIELD_KEY } from './field-key';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the server the run uses: the embedded one, or TEST_DATABASE_URL. */
    pgServerUrl: string;
    /** The migrated template database (pg-boss schema and queues included) each file copies. */
    pgTemplateName: string;
  }
}

/**
 * One PostgreSQL server for the run: TEST_DATABASE_URL when set, otherwise an embedded server in a
 * temporary folder, started here and stopped at the end. One template database is migrated once;
 * each test file then gets `CREATE DATABASE … TEMPLATE` (server/test/harness.ts), so no test shares
 * data with another file.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  let embedded: EmbeddedServer | null = null;
  let scratch: string | null = null;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-test-pg-'));
    embedded = await openEmbeddedServer({
      dataDir: scratch,
      serviceUser: process.env.EMBEDDED_PG_USER || 'postgres',
      port: 0,
      exclusive: true,
      // A throwaway cluster: durability is what durability.test.ts checks, on real app servers.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    serverUrl = embedded.adminUrl;
  }
  const template = `hospitium_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2 });
  try {
    await runMigrations(database);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: scratch ?? os.tmpdir(),
      DATA_ENCRYPTION_KEYS: TEST_FIELD_KEY,
    });
    const runner = await installJobs(config, database);
    await runner.stop();
  } finally {
    await database.close();
  }
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplateName', template);
  console.log(
    `[setup] ${embedded ? `embedded PostgreSQL ${embedded.version}` : 'TEST_DATABASE_URL'}: ` +
      `template migrated in ${Date.now() - started} ms`,
  );

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`hospitium_t_${process.pid}_%`, template],
    );
    for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  };
}
