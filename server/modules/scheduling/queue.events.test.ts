// The queue screen live, across app instances: a screen connected to instance B gets the whole
// board on connect, and the new board within 2 s after the doctor calls the next patient through
// instance A (PostgreSQL LISTEN/NOTIFY, not one instance's memory). Closing the screen ends its
// subscription; the stream carries the headers a proxy needs to pass it through unbuffered, and
// the API's security headers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueBoard } from '../../../contracts/queue';
import { buildApp, type BuiltApp } from '../../app';
import { liveHubOf } from '../../platform/live/live';
import { until } from '../../platform/jobs/jobs.testing';
import { createPatient } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { localDateOf, localToInstant } from './local-time';
import { clinic, insertAppointment, type Clinic } from './scheduling.test-helpers';

let t: TestApp;
let b: BuiltApp;
let bUrl: string;
beforeAll(async () => {
  t = await buildTestApp();
  b = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  bUrl = `http://127.0.0.1:${(b.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await b?.app.close();
  await t?.close();
});

/** A screen: an SSE connection collecting the boards it is sent. */
function screen(url: string) {
  const boards: QueueBoard[] = [];
  let headers: http.IncomingHttpHeaders = {};
  let raw = '';
  const req = http.get(url, (res) => {
    headers = res.headers;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      raw += chunk;
      let end: number;
      while ((end = raw.indexOf('\n\n')) >= 0) {
        const event = raw.slice(0, end);
        raw = raw.slice(end + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (event.includes('event: board') && data) boards.push(JSON.parse(data) as QueueBoard);
      }
    });
  });
  req.on('error', () => undefined);
  return { boards, headers: () => headers, close: () => req.destroy() };
}

async function checkedInToday(c: Clinic, n: number) {
  const tz = c.hospital.timeZone;
  const midnight = localToInstant(localDateOf(Date.now(), tz), '00:00', tz);
  for (let i = 0; i < n; i++) {
    const p = await createPatient(t.database.db, {
      hospital: c.hospital,
      values: { givenName: 'Meera', familyName: `Nair ${i}` },
    });
    const id = await insertAppointment(t, c, {
      patientId: p.id,
      bookedBy: c.doctor.userId,
      startsAt: new Date(midnight + i * 60_000),
      endsAt: new Date(midnight + (i + 1) * 60_000),
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${id}/check-in`,
      headers: c.reception as Record<string, string>,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
  }
}

describe('the queue screen, live', () => {
  it('gets the new board on instance B within 2 s of a call-next on instance A', async () => {
    const c = await clinic(t);
    await checkedInToday(c, 2);
    const s = screen(`${bUrl}/api/public/hospitals/${c.hospital.code}/queue/events`);
    try {
      await until(() => s.boards.length >= 1, 'the board on connect');
      expect(s.headers()['content-type']).toMatch(/^text\/event-stream/);
      expect(s.headers()['x-accel-buffering']).toBe('no');
      // A hijacked reply still carries the API's security headers.
      expect(s.headers()['x-content-type-options']).toBe('nosniff');
      expect(s.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(s.headers()['cache-control']).toBe('no-store');
      expect(s.boards[0]!.doctors[0]).toMatchObject({ current: null, waiting: 2 });
      const seen = s.boards.length;

      const started = Date.now();
      const call = await t.app.inject({
        method: 'POST',
        url: '/api/queue/call-next',
        headers: c.doctor.headers as Record<string, string>,
        payload: {},
      });
      expect(call.statusCode).toBe(200);
      await until(
        () => s.boards.slice(seen).some((x) => x.doctors[0]?.current?.token === 1),
        'the board after call-next',
        { timeoutMs: 2000 },
      );
      expect(Date.now() - started).toBeLessThan(2000);
      const latest = s.boards.at(-1)!;
      expect(latest.doctors[0]).toMatchObject({
        current: { token: 1, initials: 'M. N.' },
        next: [{ token: 2, initials: 'M. N.' }],
        waiting: 1,
      });
    } finally {
      s.close();
    }
    // The closed screen's subscription ends on instance B.
    await until(() => liveHubOf(b.app, t.database, b.app.log).size === 0, 'the subscription to end');
  });

  it('ends open streams when an instance shuts down, instead of waiting for them forever', async () => {
    const c = await clinic(t);
    await checkedInToday(c, 1);
    const other = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (other.app.server.address() as AddressInfo).port;
    const s = screen(`http://127.0.0.1:${port}/api/public/hospitals/${c.hospital.code}/queue/events`);
    try {
      await until(() => s.boards.length >= 1, 'the board on connect');
      const started = Date.now();
      await other.app.close();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(liveHubOf(other.app, t.database, other.app.log).listening).toBe(false);
    } finally {
      s.close();
    }
  });

  it('answers 404 for an unknown hospital before any stream starts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/hospitals/NOSUCH1/queue/events' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
