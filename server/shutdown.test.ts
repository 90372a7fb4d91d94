// SIGTERM behind a load balancer (issue 14): the server stops taking connections, says it is not
// ready, answers what is in flight and what arrives on connections already open (each answer with
// Connection: close, so the proxy does not reuse them), and exits 0 once they have ended. The real
// server runs as a child process, as `npm start` runs it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exitedWithin, startServer, stop, type RunningServer } from './test/spawn';

let server: RunningServer | null = null;
let dataDir = '';
let databaseUrl = '';
let dropDatabase: () => Promise<void> = async () => undefined;

/** A copy of the run's migrated template: the server starts without migrating or seeding. */
async function templateCopy(): Promise<string> {
  const serverUrl = inject('pgServerUrl');
  const name = `hospitium_shutdown_${process.pid}_${Date.now() % 100_000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('pgTemplateName')}`);
  } finally {
    await admin.end();
  }
  dropDatabase = async () => {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-shutdown-'));
  server = await startServer({
    dataDir,
    databaseUrl: (databaseUrl = await templateCopy()),
    env: { SEED_DEMO: 'false', SHUTDOWN_DRAIN_SECONDS: '6', TRUST_PROXY: '127.0.0.1' },
  });
}, 120_000);

afterAll(async () => {
  if (server) await stop(server, 'SIGKILL');
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** Sends a request; `body` in pieces, each after the promise before it resolves. */
function request(
  agent: http.Agent,
  method: string,
  urlPath: string,
  body?: { json: string; holdAfter: number; release: Promise<void> },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server!.port,
        method,
        path: urlPath,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body.json) }
          : {},
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: text,
            reusedSocket: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', reject);
    if (!body) return void req.end();
    req.write(body.json.slice(0, body.holdAfter));
    void body.release.then(() => req.end(body.json.slice(body.holdAfter)));
  });
}

describe('SIGTERM drain', () => {
  it('finishes the request in flight, answers on open connections and refuses new ones', async () => {
    const s = server!;
    // An idle keep-alive connection, as nginx keeps them to each instance.
    const keptAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await request(keptAlive, 'GET', '/readyz')).status).toBe(200);

    // A write in flight: its body half sent when the signal arrives.
    let release!: () => void;
    const email = `drain-${Date.now()}@example.org`;
    const json = JSON.stringify({ email });
    const inFlight = request(new http.Agent(), 'POST', '/api/auth/sign-up/start', {
      json,
      holdAfter: 10,
      release: new Promise<void>((r) => (release = r)),
    });
    await new Promise((r) => setTimeout(r, 200)); // the server has the headers
    s.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));

    // No new connection is taken (a proxy tries the next instance)...
    const fresh = await request(new http.Agent(), 'GET', '/healthz').catch((e: NodeJS.ErrnoException) => e);
    expect((fresh as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    // ...a request on the connection already open is answered, not refused: not ready, and close.
    const onOpen = await request(keptAlive, 'GET', '/readyz');
    expect(onOpen.reusedSocket).toBe(true);
    expect(onOpen.status).toBe(503);
    expect(JSON.parse(onOpen.body)).toEqual({ status: 'shutting-down' });
    expect(onOpen.headers.connection).toBe('close');
    expect(s.proc.exitCode).toBeNull(); // still draining: the write has not finished

    // The rest of the body: the write completes as if nothing had happened.
    release();
    const done = await inFlight;
    expect(done.status).toBe(202);
    expect(done.headers.connection).toBe('close');
    // ...and its code is in the database.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from email_codes where email = $1`,
        [email],
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      await db.end();
    }

    // The test's own fetch (the start-up health check) still holds an idle keep-alive connection,
    // so the drain runs its 6 s before closing it; then the server exits cleanly.
    expect(await exitedWithin(s, 20_000)).toBe(0);
    server = null;
  }, 60_000);
});
