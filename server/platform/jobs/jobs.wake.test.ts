// Waking idle queues: a change wakes only the queues it fed. Every woken queue fetches at once, so
// waking them all on each write cost a fetch per queue per write (ten round trips per booking).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { loadConfig } from '../../config';
import { createUser } from '../../test/factories';
import { buildTestApp, openTestDatabase, type TestApp } from '../../test/harness';
import { enqueue, queuesEnqueuedSince } from './jobs.enqueue';
import { jobState } from './jobs.repo';
import { jobRunnerOptions } from './jobs.options';
import { JobRunner } from './jobs.runner';
import { until } from './jobs.testing';

const quiet = { info() {}, warn() {}, error() {} };
// Polls so rarely that within a test only a wake makes a queue look for work.
const NEVER_POLLS = { JOBS_POLL_INTERVAL_MS: '60000' };

describe('JobRunner.wake', () => {
  let database: Database;
  let runner: JobRunner;
  const ran: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', ...NEVER_POLLS });
    runner = new JobRunner(database, jobRunnerOptions(config, quiet));
    for (const name of ['test.wake.a', 'test.wake.b'])
      await runner.define({ name, handler: async () => void ran.push(name) });
    await runner.install();
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await database?.close();
  });

  const send = (queue: string) => database.db.transaction((tx) => enqueue(tx, queue, {}));

  it('wakes only the queues named, and every queue when none are', async () => {
    const before = performance.now();
    const a = (await send('test.wake.a'))!;
    const b = (await send('test.wake.b'))!;
    expect(queuesEnqueuedSince(before).sort()).toEqual(['test.wake.a', 'test.wake.b']);
    expect(queuesEnqueuedSince(performance.now() + 1)).toEqual([]);

    runner.wake(['test.wake.a']);
    await until(async () => (await jobState(database.db, a)) === 'completed', 'the woken queue to run');
    // The other queue was not woken: its job waits for the next poll (a minute away).
    await new Promise((r) => setTimeout(r, 500));
    expect(await jobState(database.db, b)).toBe('created');
    expect(ran).toEqual(['test.wake.a']);

    runner.wake();
    await until(async () => (await jobState(database.db, b)) === 'completed', 'every queue to be woken');
    expect(ran).toEqual(['test.wake.a', 'test.wake.b']);
  });
});

describe('a change that enqueues wakes its queue when it answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(NEVER_POLLS);
  });
  afterAll(async () => t?.close());

  it('mails a password reset at once, though the mail queue polls once a minute', async () => {
    const user = await createUser(t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/start',
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(202);
    const mail = await t.smtp.waitFor(user.email, (m) => /reset/i.test(m.subject ?? ''), 10_000);
    expect(mail.subject).toMatch(/reset/i);
  });
});

describe('the app tells its job workers when it is answering requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('busy just after an answer, not a moment later', async () => {
    const busy = t.jobs.options.busy!;
    expect(t.jobs.options.yieldMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(busy()).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(busy()).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(busy()).toBe(false);
  });
});
