// Errors Fastify raises before any route runs (a URL it cannot decode, a path parameter over the
// length limit) get the same answer as every other error: problem+json, the security headers and a
// request id, and nothing of the offending path echoed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

function expectOurErrorShape(res: Awaited<ReturnType<TestApp['app']['inject']>>, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['x-request-id']).toMatch(/\S/);
  const body = res.json() as { code: string; status: number; detail: string; requestId: string };
  expect(body.status).toBe(status);
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body;
}

describe("Fastify's own errors", () => {
  it('a bad percent-escape in the path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/patients/%C0' });
    const body = expectOurErrorShape(res, 400);
    expect(body.code).toBe('BAD_REQUEST');
    expect(res.body).not.toContain('%C0');
  });

  it('a path parameter over the length limit', async () => {
    const long = 'a'.repeat(300);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/patients/${long}`, payload: {} });
    const body = expectOurErrorShape(res, 414);
    expect(body.code).toBe('URI_TOO_LONG');
    expect(res.body).not.toContain(long);
    // GET falls through to the not-found answer (the web app's catch-all takes any GET path).
    const get = await t.app.inject({ method: 'GET', url: `/api/patients/${long}` });
    expect(expectOurErrorShape(get, 404).code).toBe('NOT_FOUND');
    expect(get.body).not.toContain(long);
  });
});
