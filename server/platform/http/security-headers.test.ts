// Every answer carries security headers, computed once per process (ADR 22): answers of the API
// (routed, not-found, error, health) the API's set; pages and files of the web app, and the API's
// interactive docs, helmet's set for pages; HSTS and the https upgrade only when served over https.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildTestApp, type TestApp } from '../../test/harness';
import { apiSecurityHeaders, isApiPath, securityHeaders } from './security-headers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it("on the API's routed, not-found and error answers: nothing may load, frame or be stored", async () => {
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
      t.app.inject({ url: '/api/openapi.json' }),
      // The router decodes %-escapes: this is the /api/auth/me route, and gets the API's set.
      t.app.inject({ url: '/%61pi/auth/me' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 400, 401, 200, 401]);
    for (const r of answers) {
      expect(r.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['strict-transport-security']).toBeUndefined();
      // Headers that only mean something for a page are not sent with data.
      expect(r.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(r.headers['x-xss-protection']).toBeUndefined();
    }
  });

  it('on pages, files of the web app and the API docs: the CSP the app runs under', async () => {
    const answers = await Promise.all([
      t.app.inject({ url: '/' }),
      t.app.inject({ url: '/patients/some-client-route' }),
      t.app.inject({ url: '/api/docs/' }),
    ]);
    for (const r of answers) {
      expect(r.statusCode).toBeLessThan(500);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('tell API paths from pages by the path alone', () => {
    for (const url of ['/api', '/api/patients/1?x=1', '/fhir/Patient', '/healthz', '/readyz?x', '/metrics'])
      expect(isApiPath(url), url).toBe(true);
    for (const url of ['/', '/patients', '/api/docs', '/api/docs/static/index.css', '/apix', '/healthzz'])
      expect(isApiPath(url), url).toBe(false);
  });

  it('ask for https only when the installation is served over https', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://hospital.example.org' });
    const page = securityHeaders(config);
    expect(page['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(page['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(apiSecurityHeaders(config)['strict-transport-security']).toBe(page['strict-transport-security']);
  });
});
