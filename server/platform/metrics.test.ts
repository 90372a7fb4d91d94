// What /metrics counts of the requests an instance answered: every API request by its route
// pattern, and the probes only when they fail (a load balancer's health checks and Prometheus's
// scrapes, every few seconds, are not the hospital's traffic).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/harness';

const TOKEN = 'metrics-test-token-0123456789abcdef';
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await t?.close();
});

/** The http_requests_total series of a scrape, as "METHOD route status" → count. */
async function requestCounts(): Promise<Map<string, number>> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.statusCode).toBe(200);
  const counts = new Map<string, number>();
  for (const m of res.body.matchAll(
    /^http_requests_total\{method="([^"]+)",route="([^"]*)",status="(\d+)"\} (\d+)$/gm,
  )) {
    counts.set(`${m[1]} ${m[2]} ${m[3]}`, Number(m[4]));
  }
  return counts;
}

describe('request metrics', () => {
  it('count API requests and failing probes, not the probes that succeed', async () => {
    for (let i = 0; i < 3; i++)
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    // A scrape without the token fails: counted.
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    // An API request (refused: no one signed in) is counted by its route pattern.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await requestCounts(); // a successful scrape, not counted either
    const counts = await requestCounts();

    expect(counts.get('GET /api/auth/me 401')).toBe(1);
    expect(counts.get('GET /metrics 401')).toBe(1);
    expect([...counts.keys()].filter((k) => /^GET \/(healthz|readyz|metrics) 2\d\d$/.test(k))).toEqual([]);
  });

  it('still time every API request', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.body).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/auth\/me",status="401"\} [1-9]/m,
    );
    expect(res.body).not.toMatch(/^http_request_duration_seconds_count\{[^}]*route="\/healthz"/m);
  });
});
