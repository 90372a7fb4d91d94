import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { createUser, sessionHeaders, TEST_PASSWORD } from '../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_URL: 'https://care.example.org/' });
});
afterAll(async () => t?.close());

const NEW_PASSWORD = 'a-Fresh-passphrase-31';

const start = (email: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password-reset/start', payload: { email } });
const complete = (token: string, newPassword = NEW_PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password-reset/complete', payload: { token, newPassword } });
const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });

/** Asks for a reset and returns the token from the mailed link. */
async function mailedToken(email: string): Promise<string> {
  const before = t.smtp.messages.length;
  expect((await start(email)).statusCode).toBe(202);
  const mail = await t.smtp.waitFor(
    email,
    (m) => t.smtp.messages.indexOf(m) >= before && /reset/i.test(m.subject ?? ''),
  );
  const link = /https:\/\/care\.example\.org\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail.text ?? '');
  expect(link, 'the mail carries a link under PUBLIC_URL').toBeTruthy();
  return decodeURIComponent(link![1]!);
}

describe('password reset', () => {
  it('answers the same for an existing and an unknown address, and mails only the existing one', async () => {
    const user = await createUser(t.database.db);
    const ghost = `ghost-${Date.now()}@example.org`;
    const a = await start(ghost);
    const b = await start(user.email);
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(a.json()).toEqual(b.json());
    await t.smtp.waitFor(user.email, (m) => /reset/i.test(m.subject ?? ''));
    const recipients = t.smtp.messages.flatMap((m) =>
      [m.to].flat().flatMap((x) => x?.value.map((v) => v.address) ?? []),
    );
    expect(recipients).not.toContain(ghost);
    const { rows } = await t.database.query<{ n: number }>(
      'select count(*)::int as n from password_reset_tokens where user_id = $1',
      [user.id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('stores only a hash of the token, which expires in 30 minutes', async () => {
    const user = await createUser(t.database.db);
    const token = await mailedToken(user.email);
    const { rows } = await t.database.query<{ token_hash: string; minutes: number }>(
      `select token_hash, extract(epoch from (expires_at - created_at)) / 60 as minutes
         from password_reset_tokens where user_id = $1`,
      [user.id],
    );
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.round(Number(rows[0]!.minutes))).toBe(30);
  });

  it('works once: sets the password, signs out every session and token, and refuses a second use', async () => {
    const user = await createUser(t.database.db);
    const session = await sessionHeaders(t.database.db, user);
    const pair = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { email: user.email, password: TEST_PASSWORD },
      })
    ).json();
    const token = await mailedToken(user.email);

    const done = await complete(token);
    expect(done.statusCode).toBe(204);
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(
      401,
    );
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    await t.smtp.waitFor(user.email, (m) => /password was changed/i.test(m.subject ?? ''));

    const again = await complete(token, 'yet-Another-pass-77');
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('RESET_TOKEN_INVALID');
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(204);
    const { rows } = await t.database.query<{ action: string; outcome: string }>(
      `select action, outcome from audit_events where entity_id = $1 and action like 'auth.password_reset%' order by seq`,
      [user.id],
    );
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      'auth.password_reset_requested:success',
      'auth.password_reset:success',
      'auth.password_reset:denied',
    ]);
  });

  it('lets exactly one of two simultaneous uses of a token through', async () => {
    const user = await createUser(t.database.db);
    const token = await mailedToken(user.email);
    const results = await Promise.all([complete(token), complete(token, 'yet-Another-pass-77')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 422]);
  });

  it('refuses an expired token and an unknown one', async () => {
    const user = await createUser(t.database.db);
    const token = await mailedToken(user.email);
    await t.database.query(
      `update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = $1`,
      [user.id],
    );
    const expired = await complete(token);
    expect(expired.statusCode).toBe(422);
    expect(expired.json().code).toBe('RESET_TOKEN_INVALID');
    const unknown = await complete('x'.repeat(43));
    expect(unknown.json().code).toBe('RESET_TOKEN_INVALID');
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(204);
  });

  it('refuses a weak password without spending the token', async () => {
    const user = await createUser(t.database.db);
    const token = await mailedToken(user.email);
    const weak = await complete(token, 'password123');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    expect((await complete(token)).statusCode).toBe(204);
  });

  it('a reset spends the other links mailed before it and lifts a sign-in lockout', async () => {
    const user = await createUser(t.database.db);
    const first = await mailedToken(user.email);
    const second = await mailedToken(user.email);
    for (let i = 0; i < t.config.SIGNIN_MAX_FAILURES; i++) await signIn(user.email, 'wrong-password-1');
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await complete(second)).statusCode).toBe(204);
    expect((await complete(first, 'yet-Another-pass-77')).json().code).toBe('RESET_TOKEN_INVALID');
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(204);
  });

  it('rejects malformed bodies with 400', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/password-reset/start',
          payload: { email: 'nope' },
        })
      ).statusCode,
    ).toBe(400);
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/complete',
      payload: { token: 'x'.repeat(43), newPassword: NEW_PASSWORD, userId: 'someone' },
    });
    expect(extra.statusCode).toBe(400);
  });
});

describe('welcome mail', () => {
  it('is sent when sign-up completes', async () => {
    const email = `welcome-${Date.now()}@example.org`;
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-up/start', payload: { email } });
    const code = /\b(\d{6})\b/.exec((await t.smtp.waitFor(email)).subject ?? '')![1]!;
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/complete',
      payload: { email, code, password: 'a-Good-passphrase-9', fullName: 'Meera Iyer', role: 'patient' },
    });
    expect(done.statusCode).toBe(201);
    const welcome = await t.smtp.waitFor(email, (m) => m.subject === 'Welcome to Hospitium');
    expect(welcome.text).toContain('Meera Iyer');
    expect(welcome.text).toContain('https://care.example.org/sign-in');
  });
});
