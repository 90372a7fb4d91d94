// Ward set-up: wards, rooms and beds through the API; unique names and labels; bad input changes
// nothing; a used bed is deactivated, never deleted; another hospital's ids are 404; only the
// hospital admin sets up, and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bed, Ward, WardList } from '../../../contracts/wards';
import { createStaff, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
});
afterAll(async () => t?.close());

describe('ward set-up', () => {
  it('adds wards, rooms and beds, lists them, and audits each change', async () => {
    const { ward, roomId, beds } = await wardWithBeds(t, s, 2, 'icu');
    expect(ward).toMatchObject({ kind: 'icu', active: true, rooms: [] });
    expect(beds.map((b) => [b.label, b.state, b.dailyRateMinor, b.wardId, b.roomId])).toEqual([
      ['B-1', 'available', 150_000, ward.id, roomId],
      ['B-2', 'available', 150_000, ward.id, roomId],
    ]);
    const list = (await call(t, 'GET', '/api/wards', s.nurse)).json<WardList>();
    const mine = list.items.find((w) => w.id === ward.id)!;
    expect(mine.rooms).toHaveLength(1);
    expect(mine.rooms[0]!.beds.map((b) => b.label)).toEqual(['B-1', 'B-2']);
    expect(list.currency).toBe(s.hospital.currency);
    expect(
      await count(t, `audit_events where action like 'wards.%' and hospital_id = $1`, [s.hospital.id]),
    ).toBe(4);
  });

  it('changes a ward, a room and a bed, and refuses a label the ward already has', async () => {
    const { ward, roomId, beds } = await wardWithBeds(t, s, 2);
    const renamed = await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { name: `${ward.name} East` });
    expect(renamed.json<Ward>().name).toBe(`${ward.name} East`);
    const room = await call(t, 'PATCH', `/api/wards/rooms/${roomId}`, s.admin, { name: 'Room A' });
    expect(room.json().name).toBe('Room A');
    const bed = await call(t, 'PATCH', `/api/wards/beds/${beds[0]!.id}`, s.admin, {
      dailyRateMinor: 200_000,
      bedType: 'private',
      state: 'maintenance',
    });
    expect(bed.json<Bed>()).toMatchObject({
      dailyRateMinor: 200_000,
      bedType: 'private',
      state: 'maintenance',
    });
    const clash = await call(t, 'PATCH', `/api/wards/beds/${beds[1]!.id}`, s.admin, { label: 'B-1' });
    expect([clash.statusCode, clash.json().code]).toEqual([409, 'CONFLICT']);
    const again = await call(t, 'POST', '/api/wards/beds', s.admin, {
      roomId,
      label: 'B-2',
      bedType: 'standard',
      dailyRateMinor: 1,
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'CONFLICT']);
    const dupWard = await call(t, 'POST', '/api/wards', s.admin, {
      name: `${ward.name} East`,
      kind: 'other',
    });
    expect(dupWard.statusCode).toBe(409);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { roomId, beds } = await wardWithBeds(t, s, 1);
    const before = [await count(t, 'wards'), await count(t, 'beds')];
    const bad: [string, string, object][] = [
      ['POST', '/api/wards', { name: '', kind: 'general' }],
      ['POST', '/api/wards', { name: 'X', kind: 'cafeteria' }],
      ['POST', '/api/wards', { name: 'X', kind: 'general', hospitalId: s.hospital.id }],
      ['POST', '/api/wards/beds', { roomId, label: 'Z', bedType: 'standard', dailyRateMinor: -1 }],
      ['POST', '/api/wards/beds', { roomId, label: 'Z', bedType: 'hammock', dailyRateMinor: 1 }],
      ['POST', '/api/wards/beds', { roomId, label: 'Z', bedType: 'standard', dailyRateMinor: 1.5 }],
      ['PATCH', `/api/wards/beds/${beds[0]!.id}`, {}],
      ['PATCH', `/api/wards/beds/${beds[0]!.id}`, { state: 'occupied' }],
    ];
    for (const [method, url, body] of bad) {
      const res = await call(t, method as 'POST', url, s.admin, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
    }
    expect([await count(t, 'wards'), await count(t, 'beds')]).toEqual(before);
  });

  it('deletes a bed never used; a used one answers 409 and is deactivated instead', async () => {
    const { beds } = await wardWithBeds(t, s, 2);
    const unused = await call(t, 'DELETE', `/api/wards/beds/${beds[1]!.id}`, s.admin);
    expect(unused.json()).toEqual({ ok: true });
    expect(await count(t, 'beds where id = $1', [beds[1]!.id])).toBe(0);

    const p = await patientAt(t, s);
    const a = await admit(t, s.nurse, p.id, beds[0]!.id);
    expect(a.statusCode).toBe(201);
    const busy = await call(t, 'PATCH', `/api/wards/beds/${beds[0]!.id}`, s.admin, { active: false });
    expect([busy.statusCode, busy.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    await call(t, 'POST', `/api/wards/admissions/${a.json().id}/discharge`, s.nurse, summaryBody());
    const used = await call(t, 'DELETE', `/api/wards/beds/${beds[0]!.id}`, s.admin);
    expect([used.statusCode, used.json().code]).toEqual([409, 'CONFLICT']);
    const off = await call(t, 'PATCH', `/api/wards/beds/${beds[0]!.id}`, s.admin, { active: false });
    expect(off.json<Bed>().active).toBe(false);
  });

  it('closes a ward only when nobody is in its beds', async () => {
    const { ward, beds } = await wardWithBeds(t, s, 1);
    const p = await patientAt(t, s);
    const a = await admit(t, s.reception, p.id, beds[0]!.id);
    const refused = await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { active: false });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    await call(t, 'POST', `/api/wards/admissions/${a.json().id}/discharge`, s.nurse, summaryBody());
    const closed = await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { active: false });
    expect(closed.json<Ward>().active).toBe(false);
  });

  it("answers 404 for another hospital's wards, rooms and beds", async () => {
    const other = await site(t);
    const { ward, roomId, beds } = await wardWithBeds(t, other, 1);
    const tries: [string, string, object | undefined][] = [
      ['PATCH', `/api/wards/${ward.id}`, { name: 'Mine now' }],
      ['POST', '/api/wards/rooms', { wardId: ward.id, name: 'Sneaky' }],
      ['PATCH', `/api/wards/rooms/${roomId}`, { name: 'Sneaky' }],
      ['POST', '/api/wards/beds', { roomId, label: 'X', bedType: 'cot', dailyRateMinor: 0 }],
      ['PATCH', `/api/wards/beds/${beds[0]!.id}`, { label: 'X' }],
      ['DELETE', `/api/wards/beds/${beds[0]!.id}`, undefined],
      ['POST', `/api/wards/beds/${beds[0]!.id}/ready`, {}],
    ];
    for (const [method, url, body] of tries) {
      const res = await call(t, method as 'POST', url, s.admin, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = (await call(t, 'GET', '/api/wards', s.admin)).json<WardList>();
    expect(list.items.map((w) => w.id)).not.toContain(ward.id);
  });

  it('lets only the hospital admin set up; others are refused with 403', async () => {
    const pharmacist = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'pharmacist'),
      s.hospital,
    );
    for (const headers of [s.nurse, s.reception]) {
      const res = await call(t, 'POST', '/api/wards', headers, { name: 'Nope', kind: 'general' });
      expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
    }
    for (const url of ['/api/wards', '/api/wards/board']) {
      const res = await call(t, 'GET', url, pharmacist);
      expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
    }
  });
});
