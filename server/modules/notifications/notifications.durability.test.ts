// The jobs durability bar: 500 queued notices, the worker process killed with SIGKILL half way, and
// restarted. Every notice must arrive at the (real) SMTP server, and none may arrive as two different
// messages. Runs on a DATA_DIR of its own in the embedded pass, and on the run's server in both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { openDataDirDatabase } from '../../test/harness';
import { embeddedPass } from '../../test/passes';
import { runMigrations } from '../../db/migrate';
import { until } from '../../platform/jobs/jobs.testing';
import { startTestSmtp, type TestSmtp } from '../../test/smtp';
import { exitedWithin, spawnTs, stop, type Spawned } from '../../test/spawn';
import { installJobs } from '../../worker';
import { notify } from '.';

const N = 500;
const CONCURRENCY = 10;
/** Job settings of both the queueing process and the worker. */
const JOB_SETTINGS = {
  JOBS_POLL_INTERVAL_MS: '20',
  JOBS_CONCURRENCY: String(CONCURRENCY),
  JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
  JOBS_RETRY_DELAY_SECONDS: '1',
};
/** Notices per transaction while queueing (each batch stands for a few changes committed together). */
const BATCH = 25;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

const address = (i: number) => `durable-${String(i).padStart(3, '0')}@example.org`;

interface Target {
  /** Settings the worker child gets. */
  env: Record<string, string>;
  open(): Promise<Database>;
}

async function embeddedTarget(): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-jobs-durability-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { env: { DATA_DIR: dataDir }, open: () => openDataDirDatabase(dataDir) };
}

async function postgresTarget(serverUrl: string): Promise<Target> {
  const name = `hospitium_t_${process.ppid}_${process.pid}_jobs_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplateName')}`);
  await admin.end();
  cleanups.push(async () => {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-jobs-durability-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return {
    // A job's timeout is fixed when it is queued: those the killed worker held come back after 5 s.
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir, JOBS_TIMEOUT_SECONDS: '5' },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
  };
}

/** Queues the N notices, then every tenth again (as a client retrying would), a batch per transaction. */
async function enqueueAll(target: Target, smtp: TestSmtp): Promise<void> {
  const database = await target.open();
  try {
    await runMigrations(database);
    const config = loadConfig({ ...target.env, ...JOB_SETTINGS, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' });
    const runner = await installJobs(config, database);
    for (const pass of [1, 2]) {
      const step = pass === 1 ? 1 : 10;
      for (let from = 0; from < N; from += BATCH * step) {
        const results = await database.db.transaction(async (tx) => {
          const out = [];
          for (let i = from; i < Math.min(N, from + BATCH * step); i += step) {
            out.push(
              await notify(tx, {
                template: 'account.sign_up_code',
                email: address(i),
                data: { code: String(100000 + i), minutes: 15 },
                idempotencyKey: `durability-${i}`,
              }),
            );
          }
          return out;
        });
        expect(results.every((r) => r.duplicate === (pass === 2))).toBe(true);
      }
    }
    await runner.stop();
  } finally {
    await database.close();
  }
}

function startWorker(target: Target, smtp: TestSmtp): Spawned {
  const p = spawnTs('server/worker.ts', [], {
    ...target.env,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'info',
    ...JOB_SETTINGS,
  });
  cleanups.push(async () => void (await stop(p, 'SIGKILL')));
  return p;
}

const ours = (m: ParsedMail) => {
  const to = [m.to].flat()[0]?.value[0]?.address ?? '';
  return /^durable-\d{3}@example\.org$/.test(to) ? to : null;
};
const distinctRecipients = (smtp: TestSmtp) => new Set(smtp.messages.map(ours).filter(Boolean)).size;

async function untilAlive<T>(p: Spawned, check: () => T | Promise<T>, what: string, timeoutMs: number) {
  return until(
    () => {
      if (p.proc.exitCode !== null || p.proc.signalCode !== null) {
        throw new Error(`worker exited (${p.proc.exitCode ?? p.proc.signalCode}):\n${p.stderr}\n${p.stdout}`);
      }
      return check();
    },
    what,
    { timeoutMs, everyMs: 10 },
  );
}

/** Jobs not finished, and email deliveries not sent, as the database has them. */
async function pending(target: Target) {
  const database = await target.open();
  try {
    const jobs = await database.query<{ state: string; n: number }>(
      `select state::text as state, count(*)::int as n from pgboss.job where name = 'notify.email' group by state`,
    );
    const deliveries = await database.query<{ status: string; n: number; min_attempts: number }>(
      `select status, count(*)::int as n, min(attempts)::int as min_attempts from notification_deliveries
        where template = 'account.sign_up_code' and idempotency_key like 'durability-%' group by status`,
    );
    const byState = Object.fromEntries(jobs.rows.map((r) => [r.state, Number(r.n)]));
    const unfinished = (byState.created ?? 0) + (byState.retry ?? 0) + (byState.active ?? 0);
    return { byState, unfinished, deliveries: deliveries.rows };
  } finally {
    await database.close();
  }
}

async function survivesKill(target: Target) {
  const smtp = await startTestSmtp();
  cleanups.push(() => smtp.close());
  const t0 = Date.now();
  await enqueueAll(target, smtp);

  const first = startWorker(target, smtp);
  await untilAlive(first, () => first.stdout.includes('is working jobs'), 'the worker to start', 90_000);
  await untilAlive(first, () => distinctRecipients(smtp) >= 100, 'the first 100 notices', 120_000);
  first.proc.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  const beforeKill = distinctRecipients(smtp);
  expect(beforeKill).toBeLessThan(N); // the kill came half way, not after the end

  // Restart and let it drain the queue, watched while the worker runs. PostgreSQL: jobs the killed
  // worker held come back after their 5 s timeout. Embedded: the restarted worker starts the server
  // afresh, so no other process can hold a job, and it hands them back at once. The loop only
  // guards against a straggler a graceful stop handed back.
  let state = await pending(target);
  for (let round = 0; state.unfinished > 0 && round < 3; round++) {
    const worker = startWorker(target, smtp);
    await untilAlive(worker, () => worker.stdout.includes('is working jobs'), 'the worker to start', 90_000);
    await untilAlive(worker, () => distinctRecipients(smtp) === N, 'every notice to arrive', 120_000);
    await untilAlive(
      worker,
      async () => (await pending(target)).unfinished === 0,
      'the queue to drain',
      60_000,
    );
    worker.proc.kill('SIGTERM');
    expect(await exitedWithin(worker, 30_000)).toBe(0); // graceful: running jobs finish first
    state = await pending(target);
  }

  expect(state.unfinished).toBe(0);
  expect(state.byState.failed ?? 0).toBe(0);
  expect(state.byState.completed).toBe(N);
  expect(state.deliveries).toEqual([{ status: 'sent', n: N, min_attempts: 1 }]);

  // Every notice arrived; a notice seen more than once is the same message (same Message-ID),
  // resent because the process died between the SMTP server's "250 OK" and our commit.
  const byRecipient = new Map<string, ParsedMail[]>();
  for (const m of smtp.messages) {
    const to = ours(m);
    if (to) byRecipient.set(to, [...(byRecipient.get(to) ?? []), m]);
  }
  expect(byRecipient.size).toBe(N);
  for (const [to, mails] of byRecipient) {
    expect(new Set(mails.map((m) => m.messageId)).size, `${to}: one message`).toBe(1);
    expect(mails[0]!.subject).toBe(`Your Hospitium code: ${100000 + Number(/\d{3}/.exec(to)![0])}`);
  }
  const resent = [...byRecipient.values()].reduce((n, mails) => n + mails.length - 1, 0);
  expect(resent).toBeLessThanOrEqual(CONCURRENCY); // at most the jobs in flight at the kill
  console.info(
    `jobs durability: ${beforeKill}/${N} delivered before kill -9, ${resent} resent after restart, ` +
      `${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

describe('500 queued notices survive kill -9 of the worker', () => {
  // A DATA_DIR of its own: the same in both passes, so run in the embedded one (server/test/passes.ts).
  if (embeddedPass) it('on the embedded database', async () => survivesKill(await embeddedTarget()), 300_000);

  const serverUrl = inject('pgServerUrl');
  if (serverUrl) {
    it('on PostgreSQL', async () => survivesKill(await postgresTarget(serverUrl)), 300_000);
  }
});
