// The bed board live, across app instances: a nurse's stream on instance B gets the board on
// connect and again within 2 s after a patient is admitted through instance A; another hospital's
// board is 404 and a role without beds:read is refused before any stream starts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BedBoard } from '../../../contracts/wards';
import { buildApp, type BuiltApp } from '../../app';
import { addMembership, createStaff, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { admit, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let b: BuiltApp;
let bUrl: string;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  b = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  bUrl = `http://127.0.0.1:${(b.app.server.address() as AddressInfo).port}`;
  s = await site(t);
});
afterAll(async () => {
  await b?.app.close();
  await t?.close();
});

/** An EventSource-like reader: the boards received and the status of the answer. */
function follow(hospitalId: string, headers: AuthHeaders) {
  const boards: BedBoard[] = [];
  const state = { status: 0, buffer: '' };
  const req = http.get(
    `${bUrl}/api/hospitals/${hospitalId}/bed-board/events`,
    { headers: headers as Record<string, string> },
    (res) => {
      state.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        state.buffer += chunk;
        const events = state.buffer.split('\n\n');
        state.buffer = events.pop() ?? '';
        for (const e of events) {
          const data = e.split('\n').find((l) => l.startsWith('data: '));
          if (e.startsWith('event: board') && data) boards.push(JSON.parse(data.slice(6)) as BedBoard);
        }
      });
    },
  );
  req.on('error', () => undefined);
  return { boards, status: () => state.status, close: () => req.destroy() };
}

describe('the bed board as server-sent events', () => {
  it('sends the board on connect and again after an admission on the other instance', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const bedId = beds[0]!.id;
    const stream = follow(s.hospital.id, s.nurse);
    try {
      await expect.poll(() => stream.boards.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(stream.status()).toBe(200);
      const state = (x: BedBoard) => x.wards.flatMap((w) => w.beds).find((bed) => bed.id === bedId)?.state;
      expect(state(stream.boards.at(-1)!)).toBe('available');
      const p = await patientAt(t, s);
      expect((await admit(t, s.reception, p.id, bedId)).statusCode).toBe(201);
      await expect.poll(() => state(stream.boards.at(-1)!), { timeout: 2000 }).toBe('occupied');
      expect(
        stream.boards
          .at(-1)!
          .wards.flatMap((w) => w.beds)
          .find((x) => x.id === bedId)?.patient?.mrn,
      ).toBe(p.mrn);
    } finally {
      stream.close();
    }
  });

  it('streams the hospital in the path for someone working at two, as an EventSource sends no header', async () => {
    const other = await site(t);
    const { beds } = await wardWithBeds(t, other, 1);
    const nurse = await createStaff(t.database.db, s.hospital, 'nurse');
    await addMembership(t.database.db, nurse, other.hospital, 'nurse');
    // A browser's session, with no X-Hospital-Id: the first hospital would be the one acted in.
    const { 'x-hospital-id': _, ...browser } = await sessionHeaders(t.database.db, nurse, s.hospital);
    const stream = follow(other.hospital.id, browser as AuthHeaders);
    try {
      await expect.poll(() => stream.boards.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(stream.status()).toBe(200);
      expect(stream.boards[0]!.wards.flatMap((w) => w.beds).map((x) => x.id)).toEqual([beds[0]!.id]);
    } finally {
      stream.close();
    }
    // A hospital where they hold no role: not found, as an id that does not exist.
    const third = await site(t);
    const refused = await b.app.inject({
      method: 'GET',
      url: `/api/hospitals/${third.hospital.id}/bed-board/events`,
      headers: browser as Record<string, string>,
    });
    expect(refused.statusCode).toBe(404);
  });

  it("answers 404 for another hospital's board and 403 without beds:read", async () => {
    const other = await site(t);
    const res = await b.app.inject({
      method: 'GET',
      url: `/api/hospitals/${other.hospital.id}/bed-board/events`,
      headers: s.nurse as Record<string, string>,
    });
    expect(res.statusCode).toBe(404);
    const pharmacist = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'pharmacist'),
      s.hospital,
    );
    const refused = await b.app.inject({
      method: 'GET',
      url: `/api/hospitals/${s.hospital.id}/bed-board/events`,
      headers: pharmacist as Record<string, string>,
    });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
  });
});
