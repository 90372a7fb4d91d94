// What the server writes to its log for each kind of request: the real server, as `npm start`
// runs it, reading the JSON lines it prints. API requests are logged at info; the files of the web
// build and the probes that succeed only at debug, so neither a page load nor a load balancer's
// health checks bury the API requests under a line each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, stop, type RunningServer } from '../../test/spawn';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; path: string };
  [k: string]: unknown;
}
const DEBUG = 20;
const INFO = 30;

let server: RunningServer;
let dataDir: string;
let dbName: string;

/** A copy of the migrated template (as every test file gets), as a URL the child can open. */
async function databaseCopy(): Promise<string> {
  const serverUrl = inject('pgServerUrl');
  dbName = `hospitium_log_${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${dbName} template ${inject('pgTemplateName')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-logs-'));
  server = await startServer({
    dataDir,
    databaseUrl: await databaseCopy(),
    // Debug, so the test sees that web-build requests are logged, and at which level.
    env: {
      LOG_LEVEL: 'debug',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      METRICS_TOKEN: 'metrics-token-for-the-log-test',
    },
  });
});

afterAll(async () => {
  if (server) await stop(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
});

function lines(): LogLine[] {
  return server.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/** The log lines of one request, found by the id the server answered with. */
async function linesOf(res: Response): Promise<LogLine[]> {
  const id = res.headers.get('x-request-id');
  expect(id).toBeTruthy();
  await res.arrayBuffer();
  // The completion line is written once the reply has gone out: wait for it, not for a fixed time.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const mine = lines().filter((l) => l.reqId === id);
    if (mine.some((l) => l.msg === 'request completed')) return mine;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no completion line for request ${id}:\n${server.stdout.slice(-4000)}`);
}

describe('request logging', () => {
  it('logs files of the web build and client-side routes at debug only', async () => {
    for (const url of ['/favicon.svg', '/app/patients?q=Rahul+Verma', '/assets/missing-deadbeef.js']) {
      const mine = await linesOf(await fetch(server.url + url));
      expect(mine.length, url).toBeGreaterThanOrEqual(2);
      expect(
        mine.filter((l) => l.level >= INFO),
        url,
      ).toEqual([]);
      expect(mine.every((l) => l.level === DEBUG)).toBe(true);
    }
  });

  it('logs API requests at info, with the request id, no query string and no credentials', async () => {
    const res = await fetch(`${server.url}/api/auth/me?search=Rahul+Verma`, {
      headers: { authorization: 'Bearer not-a-real-token-but-secret', cookie: 'hospitium_session=s3cret' },
    });
    expect(res.status).toBe(401);
    const mine = await linesOf(res);
    const incoming = mine.find((l) => l.msg === 'incoming request');
    const completed = mine.find((l) => l.msg === 'request completed');
    expect(incoming?.level).toBe(INFO);
    expect(completed?.level).toBe(INFO);
    expect(incoming?.req).toMatchObject({ method: 'GET', path: '/api/auth/me' });
    const text = JSON.stringify(mine);
    expect(text).not.toContain('Rahul');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('s3cret');
  });

  it('logs the probes that succeed at debug only, and one that fails at info', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(200);
      const mine = await linesOf(res);
      expect(
        mine.map((l) => [l.msg, l.level]),
        url,
      ).toEqual([
        ['incoming request', DEBUG],
        ['request completed', DEBUG],
      ]);
    }
    const refused = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect((await linesOf(refused)).find((l) => l.msg === 'request completed')?.level).toBe(INFO);
  });

  it('logs an unknown API path at info even though the web catch-all route saw it first', async () => {
    const mine = await linesOf(await fetch(`${server.url}/api/no-such-thing`));
    expect(mine.find((l) => l.msg === 'request completed')?.level).toBe(INFO);
  });
});
