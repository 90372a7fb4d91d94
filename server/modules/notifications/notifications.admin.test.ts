import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailedJobPage } from '../../../contracts/jobs';
import { OutboxMessage, OutboxPage, TestNoticeResult } from '../../../contracts/notifications';
import { jobState } from '../../platform/jobs';
import { until } from '../../platform/jobs/jobs.testing';
import {
  createHospital,
  createPlatformAdmin,
  createStaff,
  createUser,
  sessionHeaders,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { notify } from '.';

type Headers = Record<string, string | undefined>;

async function deliveries(t: TestApp, messageId: string) {
  const { rows } = await t.database.query<{
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    job_id: string;
  }>(
    `select channel, status, attempts, last_error, job_id from notification_deliveries where message_id = $1 order by channel`,
    [messageId],
  );
  return rows;
}

describe('outbox (no mail server or SMS provider configured)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ SMTP_URL: '' }); // blank = unset: mail goes to DATA_DIR/mail
  });
  afterAll(async () => t?.close());

  it('writes the test notice to the outbox, where a platform admin lists and reads it', async () => {
    const admin = await createPlatformAdmin(t.database.db);
    await t.database.query(`update users set phone = '+919812345678' where id = $1`, [admin.id]);
    const h: Headers = await sessionHeaders(t.database.db, admin);
    // Something that is not an outbox file must never be listed or served.
    fs.mkdirSync(path.join(t.dataDir, 'mail'), { recursive: true });
    fs.writeFileSync(path.join(t.dataDir, 'mail', 'secret.eml'), 'Subject: not ours\n\nsecret');

    const sent = await t.app.inject({ method: 'POST', url: '/api/notifications/test', headers: h });
    expect(sent.statusCode).toBe(202);
    const r = TestNoticeResult.parse(sent.json());
    expect(r.deliveries).toEqual([
      { channel: 'email', status: 'queued' },
      { channel: 'sms', status: 'queued' },
      { channel: 'in_app', status: 'queued' },
    ]);
    await until(
      async () => (await deliveries(t, r.messageId)).every((d) => d.status === 'sent'),
      'all three channels',
    );

    const list = await t.app.inject({ method: 'GET', url: '/api/outbox?limit=10', headers: h });
    expect(list.statusCode).toBe(200);
    const page = OutboxPage.parse(list.json());
    expect(page).toMatchObject({ mailMode: 'outbox', smsMode: 'outbox', total: 2 });
    const mail = page.items.find((i) => i.channel === 'email')!;
    const sms = page.items.find((i) => i.channel === 'sms')!;
    expect(mail).toMatchObject({ to: admin.email, subject: 'Hospitium test notice' });
    expect(sms).toMatchObject({ to: '+919812345678' });
    expect(sms.subject).toMatch(/^This is a test notice from Hospitium/);

    const one = await t.app.inject({ method: 'GET', url: `/api/outbox/${mail.id}`, headers: h });
    expect(one.statusCode).toBe(200);
    const message = OutboxMessage.parse(one.json());
    expect(message.text).toContain('If you can read it, this channel works.');
    expect(message.html).toContain('<!doctype html>');
    expect(message.from).toContain('no-reply@hospitium.local');
    const audited = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'outbox.read' and actor_user_id = $1`,
      [admin.id],
    );
    expect(audited.rows[0]!.n).toBe(1);
  });

  it('refuses ids that are not outbox ids, answers 404 for unknown ones, and 403 to hospital admins', async () => {
    const admin = await createPlatformAdmin(t.database.db);
    const h: Headers = await sessionHeaders(t.database.db, admin);
    for (const bad of [
      'secret',
      '..%2F..%2Fetc%2Fpasswd',
      '..%2Fsecret.eml',
      '01900000-0000-7000-8000-000000000000.eml',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/outbox/${bad}`, headers: h });
      expect(res.statusCode, bad).toBe(400);
    }
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/outbox/01900000-0000-7000-8000-000000000000',
      headers: h,
    });
    expect(unknown.statusCode).toBe(404);
    const hospital = await createHospital(t.database.db);
    const hospitalAdmin = await createStaff(t.database.db, hospital, 'hospital_admin');
    const ah = await sessionHeaders(t.database.db, hospitalAdmin, hospital);
    expect((await t.app.inject({ method: 'GET', url: '/api/outbox', headers: ah })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/notifications/test', headers: ah })).statusCode,
    ).toBe(403);
  });
});

describe('SMS through a Twilio-style provider; failed jobs and their retry', () => {
  let t: TestApp;
  let server: http.Server;
  const answers: number[] = [];
  const received: URLSearchParams[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(new URLSearchParams(body));
        const status = answers.shift() ?? 201;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(status < 300 ? { sid: `SM${received.length}` } : { message: `status ${status}` }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    t = await buildTestApp({
      SMS_PROVIDER_URL: `http://127.0.0.1:${port}/2010-04-01`,
      SMS_ACCOUNT_SID: 'AC_test',
      SMS_AUTH_TOKEN: 'token',
      SMS_FROM: '+15005550006',
      JOBS_RETRY_LIMIT: '0', // fail for good at the first error, so the test need not wait for backoff
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('lists a failed SMS job for platform admins, and a retry delivers it', async () => {
    const user = await createUser(t.database.db, { phone: '+919812345678' });
    answers.push(503);
    const r = await t.database.db.transaction((tx) =>
      notify(tx, { template: 'system.test', userId: user.id, data: { sentAt: '2026-01-01T00:00:00Z' } }),
    );
    const sms = async () => (await deliveries(t, r.messageId)).find((d) => d.channel === 'sms')!;
    await until(async () => (await sms()).status === 'failed', 'the SMS delivery to fail');
    expect(await sms()).toMatchObject({ attempts: 1, last_error: 'SMS provider error: status 503' });

    // The handler records the failed delivery, then throws; pg-boss marks the job failed after that,
    // in its own commit, so the job reaches the failed list a moment after the delivery says so.
    const jobId = (await sms()).job_id;
    await until(async () => (await jobState(t.database.db, jobId)) === 'failed', 'the job to be failed');

    const platform = await createPlatformAdmin(t.database.db);
    const ph: Headers = await sessionHeaders(t.database.db, platform);
    const list = await t.app.inject({ method: 'GET', url: '/api/jobs/failed?queue=notify.sms', headers: ph });
    expect(list.statusCode).toBe(200);
    const job = FailedJobPage.parse(list.json()).items.find((j) => j.id === jobId)!;
    expect(job).toMatchObject({
      queue: 'notify.sms',
      summary: 'SMS to +91***78',
      attempts: 1,
      retryLimit: 0,
    });
    expect(job.error).toBe('SMS provider error: status 503');

    const hospital = await createHospital(t.database.db);
    const ah: Headers = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, hospital, 'hospital_admin'),
      hospital,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/jobs/failed', headers: ah })).statusCode).toBe(
      403,
    );
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/retry`, headers: ah })).statusCode,
    ).toBe(403);

    const retry = await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/retry`, headers: ph });
    expect(retry.statusCode).toBe(200);
    await until(async () => (await sms()).status === 'sent', 'the retried SMS to be sent');
    // The job is marked complete just after its handler recorded the delivery, not in the same commit.
    await until(
      async () => (await jobState(t.database.db, job.id)) === 'completed',
      'the retried job to complete',
    );
    expect(await jobState(t.database.db, job.id)).toBe('completed');
    expect(Object.fromEntries(received.at(-1)!)).toMatchObject({ To: '+919812345678', From: '+15005550006' });
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/retry`, headers: ph })).statusCode,
    ).toBe(404);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/jobs/01900000-0000-7000-8000-000000000000/retry',
      headers: ph,
    });
    expect(unknown.statusCode).toBe(404);
    const audited = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'job.retried' and entity_id = $1`,
      [job.id],
    );
    expect(audited.rows[0]!.n).toBe(1);
  });

  it('gives up at once on a number the provider refuses, without a failed job', async () => {
    const user = await createUser(t.database.db, { phone: '+919800000001' });
    answers.push(400);
    const r = await t.database.db.transaction((tx) =>
      notify(tx, { template: 'system.test', userId: user.id, data: { sentAt: '2026-01-01T00:00:00Z' } }),
    );
    const sms = async () => (await deliveries(t, r.messageId)).find((d) => d.channel === 'sms')!;
    await until(async () => (await sms()).status === 'failed', 'the refusal');
    expect((await sms()).last_error).toBe('SMS refused: status 400');
    await until(
      async () => (await jobState(t.database.db, (await sms()).job_id)) === 'completed',
      'the job to end',
    );
  });

  it('skips SMS for people without a valid international number', async () => {
    const noPhone = await createUser(t.database.db);
    const localPhone = await createUser(t.database.db, { phone: '09812345678' });
    for (const [u, reason] of [
      [noPhone, 'no phone number'],
      [localPhone, 'phone number not in international (E.164) form'],
    ] as const) {
      const r = await t.database.db.transaction((tx) =>
        notify(tx, { template: 'system.test', userId: u.id, data: { sentAt: '2026-01-01T00:00:00Z' } }),
      );
      expect(r.deliveries.find((d) => d.channel === 'sms')).toEqual({
        channel: 'sms',
        status: 'skipped',
        reason,
      });
    }
  });
});
