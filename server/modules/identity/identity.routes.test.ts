import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { createHospital, createStaff, createUser, sessionHeaders, TEST_PASSWORD } from '../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = [res.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith('hsid='));
  expect(set, 'a session cookie is set').toBeTruthy();
  return (set as string).split(';')[0]!;
}

describe('sign-up and sign-in', () => {
  it('a patient signs up with the mailed code, is signed in, and has a patient record', async () => {
    const email = `new-${Date.now()}@example.org`;
    const start = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up/start', payload: { email } });
    expect(start.statusCode).toBe(202);
    const mail = await t.smtp.waitFor(email);
    const code = /\b(\d{6})\b/.exec(mail.subject ?? '')![1]!;

    const done = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/complete',
      payload: { email, code, password: 'a-Good-passphrase-9', fullName: 'Asha Verma', role: 'patient' },
    });
    expect(done.statusCode).toBe(201);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(done) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email, fullName: 'Asha Verma' }, roles: ['patient'] });
    expect(me.json().patientId).toMatch(/[0-9a-f-]{36}/);
    expect(me.headers['cache-control'] ?? '').not.toContain('public');
  });

  it('answers sign-up start identically for an existing and a new address', async () => {
    const existing = await createUser(t.database.db);
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/start',
      payload: { email: existing.email },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/start',
      payload: { email: `x-${Date.now()}@example.org` },
    });
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.json()).toEqual(b.json());
    const mail = await t.smtp.waitFor(existing.email);
    expect(mail.text).toContain('already has one');
  });

  it('refuses a wrong code and locks the code after five tries', async () => {
    const email = `code-${Date.now()}@example.org`;
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-up/start', payload: { email } });
    const mail = await t.smtp.waitFor(email);
    const code = /\b(\d{6})\b/.exec(mail.subject ?? '')![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const body = { email, password: 'a-Good-passphrase-9', fullName: 'X Y', role: 'patient' };
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/complete',
        payload: { ...body, code: wrong },
      });
      expect(r.json().code).toBe('CODE_INVALID');
    }
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/complete',
      payload: { ...body, code },
    });
    expect(r.json().code).toBe('CODE_INVALID');
  });

  it('rejects weak passwords without consuming the code', async () => {
    const email = `weak-${Date.now()}@example.org`;
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-up/start', payload: { email } });
    const code = /\b(\d{6})\b/.exec((await t.smtp.waitFor(email)).subject ?? '')![1]!;
    const body = { email, code, fullName: 'X Y', role: 'patient' };
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/complete',
      payload: { ...body, password: 'password123' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/complete',
      payload: { ...body, password: 'a-Good-passphrase-9' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('signs in with a new session id each time and gives the same error for unknown email and wrong password', async () => {
    const user = await createUser(t.database.db);
    const one = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const two = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(one.statusCode).toBe(204);
    expect(cookieOf(one)).not.toBe(cookieOf(two));
    expect(String(one.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(one.headers['set-cookie'])).toMatch(/SameSite=Lax/i);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: 'nope-nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@example.org', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('locks an address after repeated failures, whether or not it has an account', async () => {
    const user = await createUser(t.database.db);
    for (const email of [user.email, `ghost-${Date.now()}@example.org`]) {
      for (let i = 0; i < t.config.SIGNIN_MAX_FAILURES; i++) {
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { email, password: 'wrong-password-1' },
        });
      }
      const locked = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email, password: TEST_PASSWORD },
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('RATE_LIMITED');
    }
  });

  it('requires the CSRF token on state changes made with the cookie', async () => {
    const user = await createUser(t.database.db);
    const h = await sessionHeaders(t.database.db, user);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: h.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('CSRF_FAILED');
    const withToken = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: h });
    expect(withToken.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: h });
    expect(after.statusCode).toBe(401);
  });

  it('lists and revokes own sessions; another person’s session answers 404', async () => {
    const user = await createUser(t.database.db);
    const other = await createUser(t.database.db);
    const a = await sessionHeaders(t.database.db, user);
    const b = await sessionHeaders(t.database.db, user);
    const o = await sessionHeaders(t.database.db, other);
    const list = await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: a });
    expect(list.json().items).toHaveLength(2);
    const otherId = (await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: o })).json()
      .items[0].id;
    const steal = await t.app.inject({
      method: 'POST',
      url: `/api/auth/sessions/${otherId}/revoke`,
      headers: a,
    });
    expect(steal.statusCode).toBe(404);
    const bId = list.json().items.find((s: { current: boolean }) => !s.current).id;
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/auth/sessions/${bId}/revoke`, headers: a }))
        .statusCode,
    ).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: b })).statusCode).toBe(401);
  });

  it('ends idle sessions after the idle limit', async () => {
    const user = await createUser(t.database.db);
    const h = await sessionHeaders(t.database.db, user);
    await t.database.query(
      `update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1`,
      [user.id],
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(401);
  });

  it('a password change signs out every other session and refresh token', async () => {
    const user = await createUser(t.database.db);
    const current = await sessionHeaders(t.database.db, user);
    const other = await sessionHeaders(t.database.db, user);
    const tok = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { email: user.email, password: TEST_PASSWORD },
      })
    ).json();
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: current,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-Strong-pass-7' },
    });
    expect(r.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: current })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: other })).statusCode).toBe(401);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: tok.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('issues a bearer token that works, and rotates refresh tokens with reuse detection', async () => {
    const hospital = await createHospital(t.database.db);
    const user = await createUser(t.database.db);
    const pair = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { email: user.email, password: TEST_PASSWORD },
      })
    ).json();
    expect(pair.tokenType).toBe('Bearer');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${pair.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBeNull();
    expect(hospital.id).toBeTruthy();

    const next = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(next.statusCode).toBe(200);
    expect(next.json().refreshToken).not.toBe(pair.refreshToken);
    // Reusing the spent token revokes the family, including the token rotated from it.
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(reuse.statusCode).toBe(401);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: next.json().refreshToken },
    });
    expect(after.statusCode).toBe(401);
  });

  it('refuses forged and malformed bearer tokens', async () => {
    for (const token of ['abc', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']) {
      const r = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(r.statusCode).toBe(401);
    }
  });
});

describe('the current session, asked by the web app on every page', () => {
  const session = (headers: Record<string, string | undefined> = {}) =>
    t.app.inject({ method: 'GET', url: '/api/auth/session', headers });

  it('answers nobody with 200 and null, where /me answers 401', async () => {
    const r = await session();
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ me: null });
    expect(r.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('shows a signed-in person as /me does, acting at the hospital asked for', async () => {
    const hospital = await createHospital(t.database.db);
    const user = await createStaff(t.database.db, hospital, 'receptionist');
    const h = await sessionHeaders(t.database.db, user, hospital);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: h });
    const r = await session(h);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ me: me.json() });
    expect(r.json().me).toMatchObject({ activeHospitalId: hospital.id, roles: ['receptionist'] });
  });

  it('answers null for a session that ended, and refuses a hospital the person does not work at', async () => {
    const hospital = await createHospital(t.database.db);
    const elsewhere = await createHospital(t.database.db);
    const user = await createStaff(t.database.db, hospital, 'nurse');
    const h = await sessionHeaders(t.database.db, user);
    expect((await session({ ...h, 'x-hospital-id': elsewhere.id })).json().code).toBe(
      'HOSPITAL_ACCESS_DENIED',
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: h })).statusCode).toBe(
      204,
    );
    const after = await session(h);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ me: null });
  });
});
