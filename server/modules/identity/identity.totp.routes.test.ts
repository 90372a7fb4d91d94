import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { createUser, sessionHeaders, TEST_PASSWORD, type AuthHeaders } from '../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

let base = 0;
let step = 0;

/**
 * Sets the clock (Date only: timers and I/O run as usual, and time keeps moving so background jobs
 * do) to 5 s into the next 30-second TOTP step. Returns a function that moves to a later step.
 * Codes are made for the step moved to, not for whatever the moving clock says, and the server
 * accepts a code one step either side of now: a slow machine cannot make these tests flaky.
 */
function pinClock() {
  base = (Math.floor(Date.now() / 30_000) + 1) * 30_000 + 5_000;
  step = 0;
  vi.useFakeTimers({ toFake: ['Date'], now: base, shouldAdvanceTime: true });
  return (steps: number) => {
    step = steps;
    vi.setSystemTime(base + steps * 30_000);
  };
}

/** The app code for the step the clock was last moved to. */
const codeAt = (secret: string) => generate({ secret, epoch: Math.floor((base + step * 30_000) / 1000) });

const signIn = (payload: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload });

/** A user with two-factor turned on through the API; returns the secret and recovery codes. */
async function userWithTwoFactor(moveTo: (steps: number) => void) {
  const user = await createUser(t.database.db);
  const h = await sessionHeaders(t.database.db, user);
  const setup = await t.app.inject({ method: 'POST', url: '/api/auth/2fa/setup', headers: h });
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  moveTo(0);
  const enable = await t.app.inject({
    method: 'POST',
    url: '/api/auth/2fa/enable',
    headers: h,
    payload: { code: await codeAt(secret) },
  });
  expect(enable.statusCode).toBe(200);
  return { user, h, secret, recoveryCodes: (enable.json() as { recoveryCodes: string[] }).recoveryCodes };
}

describe('two-factor set-up', () => {
  it('issues a secret with an otpauth URI and QR code, in force only after a right code', async () => {
    const user = await createUser(t.database.db);
    const h = await sessionHeaders(t.database.db, user);
    const notYet = await t.app.inject({
      method: 'POST',
      url: '/api/auth/2fa/enable',
      headers: h,
      payload: { code: '123456' },
    });
    expect(notYet.json().code).toBe('TWO_FACTOR_NOT_SET_UP');

    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/2fa/setup', headers: h });
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const body = setup.json() as { secret: string; otpauthUri: string; qrDataUrl: string };
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Hospitium:/);
    expect(body.otpauthUri).toContain(`secret=${body.secret}`);
    expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    // Pending is not in force: sign-in still needs the password only.
    const status = await t.app.inject({ method: 'GET', url: '/api/auth/2fa', headers: h });
    expect(status.json()).toMatchObject({ enabled: false, pending: true, recoveryCodesRemaining: 0 });
    expect((await signIn({ email: user.email, password: TEST_PASSWORD })).statusCode).toBe(204);

    const next = await generate({ secret: body.secret, epoch: Math.floor(Date.now() / 1000) });
    const wrong = String((Number(next) + 1) % 1_000_000).padStart(6, '0');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/2fa/enable',
      headers: h,
      payload: { code: wrong },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CODE_INVALID');
  });

  it('turns on with recovery codes shown once, stores only their hashes, and refuses a second set-up', async () => {
    const moveTo = pinClock();
    const { user, h, recoveryCodes } = await userWithTwoFactor(moveTo);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
    const { rows } = await t.database.query<{ code_hash: string }>(
      'select code_hash from recovery_codes where user_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(10);
    for (const r of rows)
      for (const c of recoveryCodes) expect(r.code_hash).not.toContain(c.replace('-', ''));

    const again = await t.app.inject({ method: 'POST', url: '/api/auth/2fa/setup', headers: h });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TWO_FACTOR_ALREADY_ENABLED');
    const status = await t.app.inject({ method: 'GET', url: '/api/auth/2fa', headers: h });
    expect(status.json()).toMatchObject({
      enabled: true,
      pending: false,
      recoveryCodesRemaining: 10,
      requiredByHospital: false,
    });
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_events where entity_id = $1 and action like 'auth.two_factor%' order by seq`,
      [user.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['auth.two_factor_setup', 'auth.two_factor_enabled']);
    await t.smtp.waitFor(user.email, (m) => m.subject === 'Two-factor sign-in is on');
  });
});

describe('sign-in with two-factor on', () => {
  it('needs the code after a right password only; a code works once per step; recovery codes work once', async () => {
    const moveTo = pinClock();
    const { user, secret, recoveryCodes } = await userWithTwoFactor(moveTo);
    const creds = { email: user.email, password: TEST_PASSWORD };

    const wrongPassword = await signIn({ ...creds, password: 'not-the-password-1' });
    expect(wrongPassword.json().code).toBe('INVALID_CREDENTIALS');
    const wrongPasswordRightCode = await signIn({
      ...creds,
      password: 'not-the-password-1',
      totp: await codeAt(secret),
    });
    expect(wrongPasswordRightCode.json().code).toBe('INVALID_CREDENTIALS');

    const noCode = await signIn(creds);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    expect(noCode.headers['set-cookie']).toBeUndefined();

    // The code that turned two-factor on was for this step: it cannot be used again.
    const sameStep = await signIn({ ...creds, totp: await codeAt(secret) });
    expect(sameStep.json().code).toBe('TOTP_REQUIRED');

    moveTo(1);
    const code = await codeAt(secret);
    const ok = await signIn({ ...creds, totp: code });
    expect(ok.statusCode).toBe(204);
    expect(String(ok.headers['set-cookie'])).toMatch(/^hsid=/);
    const replay = await signIn({ ...creds, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('TOTP_REQUIRED');

    const recovery = await signIn({ ...creds, recoveryCode: recoveryCodes[0]! });
    expect(recovery.statusCode).toBe(204);
    const recoveryAgain = await signIn({ ...creds, recoveryCode: recoveryCodes[0]! });
    expect(recoveryAgain.json().code).toBe('TOTP_REQUIRED');
    // Case, spaces and dashes do not matter.
    const typed = ` ${recoveryCodes[1]!.replace('-', '').toUpperCase()} `;
    expect((await signIn({ ...creds, recoveryCode: typed })).statusCode).toBe(204);

    // API clients too.
    moveTo(2);
    const noCodeToken = await t.app.inject({ method: 'POST', url: '/api/auth/token', payload: creds });
    expect(noCodeToken.json().code).toBe('TOTP_REQUIRED');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { ...creds, totp: await codeAt(secret) },
    });
    expect(token.statusCode).toBe(200);
    expect(token.json().tokenType).toBe('Bearer');

    const h = await sessionHeaders(t.database.db, user);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/2fa', headers: h })).json().recoveryCodesRemaining,
    ).toBe(8);
  });

  it('accepts one of two simultaneous sign-ins with the same code', async () => {
    const moveTo = pinClock();
    const { user, secret } = await userWithTwoFactor(moveTo);
    moveTo(1);
    const code = await codeAt(secret);
    const results = await Promise.all(
      [1, 2, 3].map(() => signIn({ email: user.email, password: TEST_PASSWORD, totp: code })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 401, 401]);
  });

  it('counts wrong codes as failed sign-ins, so guessing codes locks the address', async () => {
    const moveTo = pinClock();
    const { user, secret } = await userWithTwoFactor(moveTo);
    moveTo(1);
    const right = await codeAt(secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < t.config.SIGNIN_MAX_FAILURES; i++) {
      const r = await signIn({ email: user.email, password: TEST_PASSWORD, totp: wrong });
      expect(r.json().code).toBe('TOTP_REQUIRED');
      expect(r.json().errors?.[0]?.path).toBe('body.totp');
    }
    const locked = await signIn({ email: user.email, password: TEST_PASSWORD, totp: right });
    expect(locked.statusCode).toBe(429);
  });

  it('refuses malformed codes with 400', async () => {
    for (const totp of ['12345', '1234567', 'abcdef']) {
      const r = await signIn({ email: 'a@example.org', password: 'x', totp });
      expect(r.statusCode, totp).toBe(400);
    }
  });
});

describe('turning two-factor off', () => {
  async function disable(h: AuthHeaders, password: string, code: string) {
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/2fa/disable',
      headers: h,
      payload: { password, code },
    });
  }

  it('needs the password and a code; afterwards the password alone signs in', async () => {
    const moveTo = pinClock();
    const { user, h, secret, recoveryCodes } = await userWithTwoFactor(moveTo);
    moveTo(1);
    const badPassword = await disable(h, 'not-the-password-1', await codeAt(secret));
    expect(badPassword.json().code).toBe('INVALID_CREDENTIALS');
    const badCode = await disable(h, TEST_PASSWORD, 'zzzzz-zzzzz');
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().code).toBe('CODE_INVALID');
    expect((await signIn({ email: user.email, password: TEST_PASSWORD })).json().code).toBe('TOTP_REQUIRED');

    const off = await disable(h, TEST_PASSWORD, recoveryCodes[3]!);
    expect(off.statusCode).toBe(204);
    expect((await signIn({ email: user.email, password: TEST_PASSWORD })).statusCode).toBe(204);
    const status = await t.app.inject({ method: 'GET', url: '/api/auth/2fa', headers: h });
    expect(status.json()).toMatchObject({ enabled: false, pending: false, recoveryCodesRemaining: 0 });
    const { rows } = await t.database.query<{ n: number }>(
      'select count(*)::int as n from recovery_codes where user_id = $1',
      [user.id],
    );
    expect(rows[0]!.n).toBe(0);
    expect((await disable(h, TEST_PASSWORD, await codeAt(secret))).json().code).toBe('TWO_FACTOR_NOT_SET_UP');
    await t.smtp.waitFor(user.email, (m) => m.subject === 'Two-factor sign-in was turned off');
  });

  it('accepts a current app code', async () => {
    const moveTo = pinClock();
    const { h, secret } = await userWithTwoFactor(moveTo);
    moveTo(1);
    expect((await disable(h, TEST_PASSWORD, await codeAt(secret))).statusCode).toBe(204);
  });
});
