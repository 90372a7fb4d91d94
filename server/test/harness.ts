import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type BuiltApp } from '../app';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { openConfiguredDatabase } from '../db/open';
import { startTestSmtp, type TestSmtp } from './smtp';
import { TEST_FIELD_KEY } from './field-key';

let counter = 0;

/** A private copy of the migrated template on the run's server, dropped again on close. */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = inject('pgServerUrl');
  const name = `hospitium_t_${process.ppid}_${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('pgTemplateName')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabase({
    url: url.toString(),
    poolSize: 10,
    afterClose: async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await a.end();
    },
  });
}

/**
 * The embedded database of a DATA_DIR, opened as the CLI opens it: the server of the app holding
 * the directory if one does, else started for this use and stopped on close.
 */
export function openDataDirDatabase(dataDir: string): Promise<Database> {
  return openConfiguredDatabase(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATA_ENCRYPTION_KEYS: TEST_FIELD_KEY }),
    { poolSize: 2 },
  );
}

export interface TestApp extends BuiltApp {
  database: Database;
  config: Config;
  smtp: TestSmtp;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole application on a private database, with mail going to a real SMTP server started
 * for the test. Call in beforeAll; close in afterAll.
 */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const smtp = await startTestSmtp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    // One key for every test app, so two apps on one database open each other's sealed values.
    DATA_ENCRYPTION_KEYS: TEST_FIELD_KEY,
    // Background jobs run in the test app. Requests wake the runner when they commit; the poll is
    // only the fallback.
    JOBS_POLL_INTERVAL_MS: '250',
    JOBS_SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
  const built = await buildApp({ config, database });
  return {
    ...built,
    database,
    config,
    smtp,
    dataDir,
    async close() {
      await built.app.close();
      built.mailer.close();
      await smtp.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `authorization` header of an API client signed in as `email` (POST /api/auth/token). */
export async function bearerHeaders(
  app: TestApp,
  email: string,
  password: string,
): Promise<{ authorization: string }> {
  const r = await app.app.inject({ method: 'POST', url: '/api/auth/token', payload: { email, password } });
  if (r.statusCode !== 200) throw new Error(`token for ${email}: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${(r.json() as { accessToken: string }).accessToken}` };
}
