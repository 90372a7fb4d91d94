import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Delivery, DeliveryPage, NotificationPage, Preferences } from '../../../contracts/notifications';
import type { Tx } from '../../db/client';
import { enqueue, jobState } from '../../platform/jobs';
import { until } from '../../platform/jobs/jobs.testing';
import { PURGE_QUEUE } from '../identity';
import {
  addMembership,
  createHospital,
  createPatientUser,
  createPlatformAdmin,
  createStaff,
  createUser,
  sessionHeaders,
  type UserRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { notify, type NotifyInput } from '.';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const send = (input: NotifyInput) => t.database.db.transaction((tx: Tx) => notify(tx, input));
type Headers = Record<string, string | undefined>;
const get = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers = {}, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers, payload });

async function deliveriesOf(messageId: string) {
  const { rows } = await t.database.query<{
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
  }>(
    `select channel, status, attempts, last_error from notification_deliveries where message_id = $1 order by channel`,
    [messageId],
  );
  return rows;
}

async function allSent(messageId: string) {
  const rows = await deliveriesOf(messageId);
  return rows.length > 0 && rows.every((r) => r.status === 'sent' || r.status === 'skipped');
}

const welcome = (user: UserRow, extra: Partial<NotifyInput> = {}): NotifyInput => ({
  template: 'account.welcome',
  userId: user.id,
  data: { role: 'patient', signInUrl: 'https://hospitium.example/sign-in' },
  ...extra,
});

describe('notify', () => {
  it('sends the mail (HTML and text) through SMTP and files the in-app notice, logging both', async () => {
    const user = await createUser(t.database.db, { fullName: 'Asha Verma' });
    const r = await send(welcome(user));
    expect(r.deliveries.map((d) => d.channel).sort()).toEqual(['email', 'in_app']);
    const mail = await t.smtp.waitFor(user.email, (m) => m.subject === 'Welcome to Hospitium');
    expect(mail.text).toContain('Hello Asha Verma,');
    expect(mail.text).toContain('https://hospitium.example/sign-in');
    expect(mail.html).toContain('<a href="https://hospitium.example/sign-in"');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@hospitium\.local>$/);
    await until(() => allSent(r.messageId), 'both deliveries to be sent');
    expect(await deliveriesOf(r.messageId)).toEqual([
      { channel: 'email', status: 'sent', attempts: 1, last_error: null },
      { channel: 'in_app', status: 'sent', attempts: 1, last_error: null },
    ]);
    const h = await sessionHeaders(t.database.db, user);
    const list = await get('/api/notifications', h);
    expect(list.statusCode).toBe(200);
    const page = NotificationPage.parse(list.json());
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'account', title: 'Welcome to Hospitium', readAt: null });
  });

  it('sends nothing when the transaction that caused the notice rolls back', async () => {
    const user = await createUser(t.database.db);
    let messageId = '';
    await expect(
      t.database.db.transaction(async (tx) => {
        messageId = (await notify(tx, welcome(user))).messageId;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // A later notice to the same person arrives; the rolled-back one never does.
    const later = await send({ template: 'account.password_changed', userId: user.id });
    await t.smtp.waitFor(user.email, (m) => m.subject === 'Your Hospitium password was changed');
    await until(() => allSent(later.messageId), 'the later notice');
    expect(await deliveriesOf(messageId)).toEqual([]);
    expect(
      t.smtp.messages.filter((m) => m.subject === 'Welcome to Hospitium' && m.text?.includes(user.fullName)),
    ).toEqual([]);
  });

  it('delivers a notice once per idempotency key', async () => {
    const user = await createUser(t.database.db);
    const key = `welcome:${user.id}`;
    const first = await send(welcome(user, { idempotencyKey: key }));
    const again = await send(welcome(user, { idempotencyKey: key }));
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.deliveries).toEqual([]);
    await until(() => allSent(first.messageId), 'the first notice');
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from notification_deliveries where idempotency_key = $1`,
      [key],
    );
    expect(rows[0]!.n).toBe(2); // email + in-app, once
    const h = await sessionHeaders(t.database.db, user);
    expect(NotificationPage.parse((await get('/api/notifications', h)).json()).total).toBe(1);
    expect(t.smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(user.email))).toHaveLength(1);
  });

  it('mails an address without an account, in the hospital name and time zone', async () => {
    const hospital = await createHospital(t.database.db, {
      name: 'Riverside General',
      timeZone: 'Asia/Kolkata',
    });
    const to = `invitee-${Date.now()}@example.org`;
    await send({
      template: 'organisation.staff_invitation',
      email: to,
      hospitalId: hospital.id,
      data: {
        role: 'nurse',
        link: 'https://hospitium.example/invite/abc',
        expiresAt: '2026-03-03T09:00:00Z',
      },
    });
    const mail = await t.smtp.waitFor(to);
    expect(mail.subject).toBe('You are invited to join Riverside General on Hospitium');
    expect(mail.text).toContain('as nurse');
    // 09:00 UTC is 14:30 in India.
    expect(mail.text).toContain('3 Mar 2026, 14:30 GMT+5:30');
    expect(mail.html).toContain('Riverside General (via Hospitium)');
  });

  it('escapes what it puts in HTML', async () => {
    const hospital = await createHospital(t.database.db, { name: 'St <b>Mary</b> & "Co"' });
    const user = await createUser(t.database.db);
    await send({
      template: 'organisation.doctor_rejected',
      userId: user.id,
      hospitalId: hospital.id,
      data: { reason: '<script>x</script>' },
    });
    const mail = await t.smtp.waitFor(user.email);
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('St &lt;b&gt;Mary&lt;/b&gt; &amp; &quot;Co&quot;');
  });

  it('refuses unknown templates and bad template data, rolling the caller back', async () => {
    await expect(send({ template: 'nope.nothing', email: 'a@example.org' })).rejects.toThrow(
      /Unknown notification template/,
    );
    await expect(
      send({ template: 'account.sign_up_code', email: 'a@example.org', data: { code: 'abc', minutes: 15 } }),
    ).rejects.toThrow();
  });
});

describe('in-app notifications', () => {
  it('counts unread, marks one and then all read, and hides other people’s', async () => {
    const user = await createUser(t.database.db);
    const other = await createUser(t.database.db);
    const a = await send({ template: 'account.password_changed', userId: user.id });
    const b = await send({
      template: 'account.two_factor_changed',
      userId: user.id,
      data: { enabled: true },
    });
    const c = await send({ template: 'account.password_changed', userId: other.id });
    for (const m of [a, b, c]) await until(() => allSent(m.messageId), 'the notices');
    const h = await sessionHeaders(t.database.db, user);
    const oh = await sessionHeaders(t.database.db, other);

    expect((await get('/api/notifications/unread-count', h)).json()).toEqual({ count: 2 });
    const page = NotificationPage.parse((await get('/api/notifications?unread=true&limit=10', h)).json());
    expect(page.items.map((n) => n.title).sort()).toEqual(['Password changed', 'Two-factor sign-in is on']);
    const theirs = NotificationPage.parse((await get('/api/notifications', oh)).json()).items[0]!;

    expect((await post(`/api/notifications/${theirs.id}/read`, h)).statusCode).toBe(404);
    expect((await post(`/api/notifications/${page.items[0]!.id}/read`, h)).statusCode).toBe(204);
    expect((await post(`/api/notifications/${page.items[0]!.id}/read`, h)).statusCode).toBe(204);
    expect((await get('/api/notifications/unread-count', h)).json()).toEqual({ count: 1 });
    expect(NotificationPage.parse((await get('/api/notifications?unread=true', h)).json()).total).toBe(1);

    const all = await post('/api/notifications/read-all', h);
    expect(all.json()).toEqual({ updated: 1 });
    expect((await get('/api/notifications/unread-count', h)).json()).toEqual({ count: 0 });
    expect((await get('/api/notifications/unread-count', oh)).json()).toEqual({ count: 1 });
    expect((await get('/api/notifications?unread=maybe', h)).statusCode).toBe(400);
    expect((await get('/api/notifications/unread-count')).statusCode).toBe(401);
  });
});

describe('preferences', () => {
  it('starts from defaults, saves choices, and skips opted-out channels unless the notice is mandatory', async () => {
    const user = await createUser(t.database.db);
    const h = await sessionHeaders(t.database.db, user);
    const defaults = Preferences.parse((await get('/api/notifications/preferences', h)).json());
    expect(defaults.items.find((p) => p.kind === 'account')).toEqual({
      kind: 'account',
      email: true,
      sms: false,
      inApp: true,
    });
    expect(defaults.items.find((p) => p.kind === 'reminder')).toEqual({
      kind: 'reminder',
      email: true,
      sms: true,
      inApp: true,
    });

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: h,
      payload: { items: [{ kind: 'account', email: false, sms: false, inApp: true }] },
    });
    expect(put.statusCode).toBe(200);
    expect(Preferences.parse(put.json()).items.find((p) => p.kind === 'account')).toEqual({
      kind: 'account',
      email: false,
      sms: false,
      inApp: true,
    });

    const optional = await send(welcome(user));
    expect(optional.deliveries).toEqual([
      { channel: 'email', status: 'skipped', reason: 'opted out' },
      { channel: 'in_app', status: 'queued' },
    ]);
    const mandatory = await send({ template: 'account.password_changed', userId: user.id });
    expect(mandatory.deliveries.map((d) => d.status)).toEqual(['queued', 'queued']);
    const mail = await t.smtp.waitFor(user.email);
    expect(mail.subject).toBe('Your Hospitium password was changed');
    await until(() => allSent(optional.messageId), 'the in-app welcome');
    expect(
      t.smtp.messages.some(
        (m) => m.subject === 'Welcome to Hospitium' && JSON.stringify(m.to).includes(user.email),
      ),
    ).toBe(false);

    const dup = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: h,
      payload: {
        items: [
          { kind: 'lab', email: true, sms: true, inApp: true },
          { kind: 'lab', email: false, sms: true, inApp: true },
        ],
      },
    });
    expect(dup.statusCode).toBe(400);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: h,
      payload: { items: [{ kind: 'gossip', email: true, sms: true, inApp: true }] },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('delivery log', () => {
  it('shows hospital admins their hospital’s deliveries, platform admins all, and nobody else', async () => {
    const mine = await createHospital(t.database.db);
    const theirs = await createHospital(t.database.db);
    const admin = await createStaff(t.database.db, mine, 'hospital_admin');
    const platform = await createPlatformAdmin(t.database.db);
    const doctor = await createUser(t.database.db);
    await addMembership(t.database.db, doctor, mine, 'doctor');
    const m1 = await send({
      template: 'organisation.doctor_approved',
      userId: doctor.id,
      hospitalId: mine.id,
    });
    const m2 = await send({
      template: 'organisation.doctor_approved',
      userId: doctor.id,
      hospitalId: theirs.id,
    });
    await until(async () => (await allSent(m1.messageId)) && allSent(m2.messageId), 'the approvals');

    const ah = await sessionHeaders(t.database.db, admin, mine);
    const res = await get('/api/notifications/deliveries?limit=100', ah);
    expect(res.statusCode).toBe(200);
    const page = DeliveryPage.parse(res.json());
    expect(page.items.every((d) => d.hospitalId === mine.id)).toBe(true);
    expect(page.items.filter((d) => d.messageId === m1.messageId)).toHaveLength(2);
    expect(page.items.some((d) => d.messageId === m2.messageId)).toBe(false);

    const ph = await sessionHeaders(t.database.db, platform);
    const sent = DeliveryPage.parse(
      (await get('/api/notifications/deliveries?status=sent&channel=email&limit=100', ph)).json(),
    );
    expect(sent.items.every((d) => d.status === 'sent' && d.channel === 'email')).toBe(true);
    const ids = sent.items.map((d) => d.messageId);
    expect(ids).toContain(m1.messageId);
    expect(ids).toContain(m2.messageId);
    const one = sent.items.find((d) => d.messageId === m1.messageId)!;
    expect(Delivery.parse(one)).toMatchObject({
      recipient: doctor.email,
      template: 'organisation.doctor_approved',
      attempts: 1,
    });

    const { user: patient } = await createPatientUser(t.database.db, { hospital: mine });
    expect(
      (await get('/api/notifications/deliveries', await sessionHeaders(t.database.db, patient))).statusCode,
    ).toBe(403);
    expect((await get('/api/notifications/deliveries?status=lost', ph)).statusCode).toBe(400);
  });
});

describe('housekeeping', () => {
  it('schedules the daily purge of expired sign-in rows', async () => {
    const { rows } = await t.database.query<{ name: string; cron: string }>(
      `select name, cron from pgboss.schedule`,
    );
    expect(rows).toContainEqual({ name: 'identity.purge_expired', cron: '17 3 * * *' });
  });

  it('purges expired codes and sessions, and keeps live ones', async () => {
    const user = await createUser(t.database.db);
    const q = (sql: string, params: unknown[]) => t.database.query(sql, params);
    const code = (id: string, expires: string) =>
      q(
        `insert into email_codes (id, email, purpose, code_hash, expires_at) values ($1, 'p@example.org', 'sign_up', 'h', ${expires})`,
        [id],
      );
    const session = (id: string, expires: string) =>
      q(`insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, 'c', ${expires})`, [
        id,
        user.id,
      ]);
    await code('01900000-0000-7000-8000-00000000c0de', "now() - interval '3 days'");
    await code('01900000-0000-7000-8000-00000000c0df', "now() + interval '10 minutes'");
    await session(`old-${user.id}`, "now() - interval '3 days'");
    await session(`live-${user.id}`, "now() + interval '1 hour'");

    const jobId = await t.database.db.transaction((tx) => enqueue(tx, PURGE_QUEUE, {}));
    await until(async () => (await jobState(t.database.db, jobId!)) === 'completed', 'the purge job');
    const codes = await q(`select id from email_codes where id in ($1, $2)`, [
      '01900000-0000-7000-8000-00000000c0de',
      '01900000-0000-7000-8000-00000000c0df',
    ]);
    expect(codes.rows).toEqual([{ id: '01900000-0000-7000-8000-00000000c0df' }]);
    const sessions = await q(`select id from sessions where user_id = $1`, [user.id]);
    expect(sessions.rows).toEqual([{ id: `live-${user.id}` }]);
  });
});
