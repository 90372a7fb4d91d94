// The durability bar: a write answered with 2xx survives `kill -9` of the server right after the
// reply, in both database modes, and the next start is clean. The real server runs as a child
// process, as `npm start` runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readPostmasterPid, isAlive } from '../db/embedded/server-process';
import { embeddedPass } from './passes';
import {
  createScratchDatabase,
  exitedWithin,
  runCli,
  startServer,
  stop,
  spawnTs,
  type RunningServer,
} from './spawn';

const PASSWORD = 'Durable-Write-2026';
const children: RunningServer[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const c of children) await stop(c, 'SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-durability-'));
  dirs.push(d);
  return d;
}

async function start(dataDir: string, databaseUrl?: string): Promise<RunningServer> {
  const s = await startServer({ dataDir, databaseUrl });
  children.push(s);
  return s;
}

async function post(base: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * The sign-up code mailed to `email`, read from the outbox folder (no SMTP_URL set). Mail leaves
 * through the job queue after the reply, so the folder is polled until a deadline.
 */
async function codeFromOutbox(dataDir: string, email: string, deadlineMs = 30_000): Promise<string> {
  const outbox = path.join(dataDir, 'mail');
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox) : [];
    for (const f of files) {
      const mail = fs.readFileSync(path.join(outbox, f), 'utf8');
      const code = /Subject: Your Hospitium code: (\d{6})/.exec(mail)?.[1];
      if (code && mail.includes(`To: ${email}`)) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-up code mailed to ${email} in ${outbox} within ${deadlineMs} ms`);
}

/** Signs a new patient up through the API; resolves once the final 201 has been received. */
async function signUp(server: RunningServer, dataDir: string, email: string): Promise<void> {
  const started = await post(server.url, '/api/auth/sign-up/start', { email });
  expect(started.status).toBe(202);
  const code = await codeFromOutbox(dataDir, email);
  const done = await post(server.url, '/api/auth/sign-up/complete', {
    email,
    code,
    password: PASSWORD,
    fullName: 'Durable Patient',
    role: 'patient',
    patient: { phone: '+919800000001', dateOfBirth: '1990-05-05' },
  });
  expect(done.status).toBe(201);
}

/** Signs in and returns who the server says is signed in. */
async function whoIs(server: RunningServer, email: string) {
  const r = await post(server.url, '/api/auth/sign-in', { email, password: PASSWORD });
  expect(r.status).toBe(204);
  const cookie = /hsid=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
  const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  return (await me.json()) as { user: { email: string }; patientId: string | null };
}

/** A bearer token for the demo receptionist, with the hospital she works at. */
async function receptionist(server: RunningServer) {
  const r = await post(server.url, '/api/auth/token', {
    email: 'receptionist@hospitium.example',
    password: 'Hospitium-demo-2026',
  });
  expect(r.status).toBe(200);
  const bearer = { authorization: `Bearer ${((await r.json()) as { accessToken: string }).accessToken}` };
  const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: bearer })).json()) as {
    activeHospitalId: string;
  };
  return { ...bearer, 'x-hospital-id': me.activeHospitalId };
}

/** Writes, kill -9 at once after the last reply, restart on the same data, read the writes back. */
async function crashAndRecover(
  dataDir: string,
  databaseUrl?: string,
  /** Runs right after the kill, before the restart. */
  afterKill: () => void = () => undefined,
) {
  const first = await start(dataDir, databaseUrl);
  const email = `durable-${Date.now()}@example.org`;
  await signUp(first, dataDir, email);
  const registered = await post(
    first.url,
    '/api/patients',
    { givenName: 'Durga', familyName: 'Prasad', dateOfBirth: '1984-02-29', phone: '+919811122233' },
    await receptionist(first),
  );
  const patient = (await registered.json()) as { id: string; mrn: string };
  first.proc.kill('SIGKILL'); // right after the acknowledged write: no shutdown, no flush
  expect(registered.status).toBe(201);
  expect(await first.exited).toBe('SIGKILL');
  afterKill();

  const second = await start(dataDir, databaseUrl);
  const me = await whoIs(second, email);
  expect(me.user.email).toBe(email);
  expect(me.patientId).toMatch(/^[0-9a-f-]{36}$/);
  const read = await fetch(`${second.url}/api/patients/${patient.id}`, {
    headers: await receptionist(second),
  });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({
    id: patient.id,
    mrn: patient.mrn,
    givenName: 'Durga',
    familyName: 'Prasad',
  });
  return second;
}

/** The embedded server's process as its postmaster.pid names it. */
function postmasterOf(dataDir: string) {
  const info = readPostmasterPid(fs.realpathSync(path.join(dataDir, 'pg')));
  return info && isAlive(info.pid) ? info : null;
}

// The app's own server: the same in both passes, so run in the embedded one (server/test/passes.ts).
if (embeddedPass)
  describe('embedded PostgreSQL server (DATA_DIR/pg)', () => {
    it('keeps an acknowledged write across kill -9, reuses the orphaned server, guards the directory, stops cleanly', async () => {
      const dataDir = tempDir();
      // kill -9 of the app leaves its database server running; the next start must cope with it.
      const server = await crashAndRecover(dataDir, undefined, () => {
        expect(postmasterOf(dataDir), 'the orphaned server').not.toBeNull();
      });
      expect(server.stdout).toContain('Reused the database server');

      // A second process on the same directory is turned away while the first one runs.
      const intruder = spawnTs('server/main.ts', [], {
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      });
      const code = await exitedWithin(intruder, 60_000);
      expect(code).not.toBe(0);
      expect(intruder.stderr).toContain('in use by another Hospitium process');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // and the first is unharmed

      // SIGTERM drains, stops the database server and exits 0, releasing the lock for the next process.
      const postmaster = postmasterOf(dataDir)!;
      expect(await stop(server, 'SIGTERM')).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'hospitium.lock'))).toBe(false);
      expect(isAlive(postmaster.pid)).toBe(false);
      expect(postmasterOf(dataDir)).toBeNull();

      // The crash left the audit chain whole.
      const verify = await runCli(['verify-audit'], { DATA_DIR: dataDir });
      expect(verify.stdout).toContain('Audit chain intact');
      expect(verify.code).toBe(0);
    }, 240_000);

    it('recovers when the database server dies with the app, and ignores a stale postmaster.pid', async () => {
      const dataDir = tempDir();
      const server = await crashAndRecover(dataDir, undefined, () => {
        // The machine-crash case: the database server goes down hard too (no shutdown checkpoint).
        process.kill(postmasterOf(dataDir)!.pid, 'SIGKILL');
      });
      expect(server.stdout).not.toContain('Reused the database server');
      expect(await stop(server, 'SIGTERM')).toBe(0);

      // A postmaster.pid naming a live process that is not this cluster's server (here, the test
      // runner itself: a pid reused after a reboot) must not block the next start.
      const pidFile = path.join(fs.realpathSync(path.join(dataDir, 'pg')), 'postmaster.pid');
      fs.writeFileSync(pidFile, `${process.pid}\n${dataDir}/pg\n0\n5999\n\n127.0.0.1\n0 0\nready\n`);
      const again = await start(dataDir);
      expect((await fetch(`${again.url}/api/auth/me`)).status).toBe(401);
      expect(await stop(again, 'SIGTERM')).toBe(0);
    }, 240_000);
  });

// On the run's server: the machine's PostgreSQL in the TEST_DATABASE_URL pass, the suite's own
// embedded server otherwise.
describe('PostgreSQL (DATABASE_URL)', () => {
  it('keeps an acknowledged write across kill -9 and shuts down cleanly', async () => {
    const db = await createScratchDatabase(inject('pgServerUrl'), 'hospitium_durability');
    try {
      const dataDir = tempDir(); // still used: the mail outbox
      const server = await crashAndRecover(dataDir, db.url);
      expect(await stop(server, 'SIGTERM')).toBe(0);
      const verify = await runCli(['verify-audit'], { DATA_DIR: dataDir, DATABASE_URL: db.url });
      expect(verify.stdout).toContain('Audit chain intact');
      expect(verify.code).toBe(0);
    } finally {
      await db.drop();
    }
  }, 240_000);
});
