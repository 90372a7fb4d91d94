// Behind nginx (TRUST_PROXY set to its address), the client's address comes from X-Forwarded-For:
// the audit log records it and the rate limits count per client, not per proxy. A caller that is not
// the proxy cannot pick its address by sending the header itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { createUser, sessionHeaders } from './test/factories';
import { buildTestApp, type TestApp } from './test/harness';

let t: TestApp;
let someone: Record<string, string>;
const LIMIT = 3;
const PROXY = '127.0.0.1';
beforeAll(async () => {
  t = await buildTestApp({
    TRUST_PROXY: `${PROXY}, 10.20.0.0/16`,
    RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT),
  });
  // Signed in without any role: the patient list is refused (403), and refusals are audited.
  someone = (await sessionHeaders(t.database.db, await createUser(t.database.db))) as Record<string, string>;
});
afterAll(async () => t?.close());

const refused = (remoteAddress: string, forwardedFor: string) =>
  t.app.inject({
    method: 'GET',
    url: '/api/patients',
    headers: { ...someone, 'x-forwarded-for': forwardedFor },
    remoteAddress,
  });

async function auditedIp(requestId: string): Promise<string | null> {
  const r = await t.database.query<{ ip: string | null }>(
    'select ip from audit_events where request_id = $1',
    [requestId],
  );
  return r.rows[0]?.ip ?? null;
}

describe('TRUST_PROXY', () => {
  it('takes the client address from the proxies it names, and only from them', async () => {
    const viaProxy = await refused(PROXY, '198.51.100.7');
    expect(viaProxy.statusCode).toBe(403);
    expect(await auditedIp(viaProxy.headers['x-request-id'] as string)).toBe('198.51.100.7');

    // A forged header from the client is not believed past the proxy: the proxy's hop is the last.
    const forged = await refused(PROXY, '203.0.113.1, 198.51.100.8');
    expect(await auditedIp(forged.headers['x-request-id'] as string)).toBe('198.51.100.8');

    // A CIDR range of proxies: two hops through trusted addresses.
    const twoHops = await refused('10.20.3.4', '198.51.100.9, 127.0.0.1');
    expect(await auditedIp(twoHops.headers['x-request-id'] as string)).toBe('198.51.100.9');

    // Not a proxy: the header is ignored.
    const direct = await refused('192.0.2.50', '198.51.100.10');
    expect(await auditedIp(direct.headers['x-request-id'] as string)).toBe('192.0.2.50');
  });

  it('counts rate limits per client behind the proxy', async () => {
    const signIn = (client: string, n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: `nobody-${client}-${n}@example.org`, password: 'wrong-password-123' },
        headers: { 'x-forwarded-for': client },
        remoteAddress: PROXY,
      });
    for (let i = 0; i < LIMIT; i++) expect((await signIn('198.51.100.20', i)).statusCode).toBe(401);
    expect((await signIn('198.51.100.20', 99)).statusCode).toBe(429);
    // Another client through the same proxy has its own count.
    expect((await signIn('198.51.100.21', 0)).statusCode).toBe(401);
  });

  it('refuses a value that is neither a switch nor addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'yes' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback,::1,fd00::/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '::1',
      'fd00::/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY: must be true, false/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});
