// Rate limits count per route, and per account for signed-in callers (per client address for
// anonymous ones), in PostgreSQL so every instance shares the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
const LIMIT = 3;
beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT) });
});
afterAll(async () => t?.close());

const from = (ip: string) => ({ remoteAddress: ip });
const signIn = (ip: string, n: number) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: `nobody-${ip}-${n}@example.org`, password: 'wrong-password-123' },
    ...from(ip),
  });

describe('rate limits', () => {
  it('count each route on its own', async () => {
    const ip = '10.0.0.1';
    for (let i = 0; i < LIMIT; i++) expect((await signIn(ip, i)).statusCode).toBe(401);
    expect((await signIn(ip, 99)).statusCode).toBe(429);
    // Another limited route from the same address has its own count.
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/start',
      payload: { email: 'someone@example.org' },
      ...from(ip),
    });
    expect(reset.statusCode).not.toBe(429);
    // And another address is not held back by the first one's count.
    expect((await signIn('10.0.0.2', 0)).statusCode).toBe(401);
  });

  it('count signed-in callers per account, wherever they call from', async () => {
    const a = await createUser(t.database.db);
    const b = await createUser(t.database.db);
    const ha = await sessionHeaders(t.database.db, a);
    const hb = await sessionHeaders(t.database.db, b);
    const change = (headers: Record<string, string | undefined>, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: headers as Record<string, string>,
        payload: { currentPassword: 'not-the-password-1', newPassword: 'Whatever-long-Pass-9' },
        ...from(ip),
      });
    // The account's count follows it across addresses.
    for (let i = 0; i < LIMIT; i++) expect((await change(ha, `10.1.0.${i}`)).statusCode).toBe(401);
    const limited = await change(ha, '10.1.0.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.json().code).toBe('RATE_LIMITED');
    // Another account on the same address is not held back.
    expect((await change(hb, '10.1.0.99')).statusCode).toBe(401);
  });
});
