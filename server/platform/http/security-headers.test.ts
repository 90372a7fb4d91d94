// Every answer carries the security headers, computed once from helmet's options: routed answers,
// not-found and error answers alike; HSTS and the https upgrade only when served over https.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildTestApp, type TestApp } from '../../test/harness';
import { securityHeaders } from './security-headers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('are on routed, not-found and error answers', async () => {
    const answers = await Promise.all([
      t.app.inject({ url: '/healthz' }),
      t.app.inject({ url: '/api/nothing-here' }),
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: '{bad',
        headers: { 'content-type': 'application/json' },
      }),
      t.app.inject({ url: '/api/auth/me' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 400, 401]);
    for (const r of answers) {
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('ask for https only when the installation is served over https', () => {
    const https = securityHeaders(loadConfig({ PUBLIC_URL: 'https://hospital.example.org' }));
    expect(https['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(https['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
