// Occupancy: beds by state per ward, the midnight census of the last days from the stays, today's
// admissions, the dashboard's bed figures; counts of one hospital only, and not for patients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../contracts/dashboard';
import type { OccupancyReport } from '../../../contracts/ward-occupancy';
import type { Admission } from '../../../contracts/wards';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { admit, call, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
});
afterAll(async () => t?.close());

const report = async (h = s.nurse, query = '') => {
  const res = await call(t, 'GET', `/api/wards/occupancy${query}`, h);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OccupancyReport>();
};

describe('ward occupancy', () => {
  it('counts beds by state, the census of each past midnight and today’s admissions', async () => {
    const { ward, beds } = await wardWithBeds(t, s, 3);
    const [p1, p2] = [await patientAt(t, s), await patientAt(t, s)];
    const a1 = (await admit(t, s.reception, p1.id, beds[0]!.id)).json<Admission>();
    expect((await admit(t, s.reception, p2.id, beds[1]!.id)).statusCode).toBe(201);
    // The first patient came in three days ago (72 h), into beds that were there five days ago.
    await t.database.query(`update beds set created_at = now() - interval '5 days' where ward_id = $1`, [
      ward.id,
    ]);
    await t.database.query(
      `update bed_occupancies set started_at = now() - interval '72 hours' where admission_id = $1`,
      [a1.id],
    );
    await t.database.query(`update admissions set admitted_at = now() - interval '72 hours' where id = $1`, [
      a1.id,
    ]);

    const r = await report();
    expect(r.wards).toEqual([
      {
        wardId: ward.id,
        name: ward.name,
        kind: 'general',
        beds: 3,
        occupied: 2,
        available: 1,
        reserved: 0,
        cleaning: 0,
        maintenance: 0,
      },
    ]);
    expect(r.admittedToday).toBe(1);
    expect(r.dischargedToday).toBe(0);
    expect(r.averageStayDays).toBeNull();
    expect(r.days).toHaveLength(30);
    const last = r.days.map((d) => [d.occupied, d.beds]).slice(-6);
    // Censuses at the midnights ending days −5…−1 and now: the beds came 120 h ago (in time for the
    // census ending day −5 only if that midnight was less than 120 h ago), the first patient 72 h ago.
    expect(last[5]).toEqual([2, 3]);
    expect(last[4]).toEqual([1, 3]);
    expect(last[3]).toEqual([1, 3]);
    expect(last[2]).toEqual([1, 3]);
    expect(last[1]).toEqual([0, 3]);
    expect(last[0]![0]).toBe(0);

    const shorter = await report(s.nurse, '?days=7');
    expect(shorter.days).toHaveLength(7);
    expect(shorter.days.at(-1)).toEqual(r.days.at(-1));
  });

  it('puts the beds occupied and free on the nurse’s and the front desk’s dashboards', async () => {
    const r = await report();
    const occupied = r.wards.reduce((n, w) => n + w.occupied, 0);
    const free = r.wards.reduce((n, w) => n + w.available, 0);
    const nurse = (await call(t, 'GET', '/api/dashboard', s.nurse)).json<Dashboard>();
    const figure = (d: Dashboard, key: string) => d.cards.find((c) => c.key === key);
    expect(figure(nurse, 'bedsOccupied')).toEqual({ key: 'bedsOccupied', available: true, value: occupied });
    expect(figure(nurse, 'bedsFree')).toEqual({ key: 'bedsFree', available: true, value: free });
    const desk = (await call(t, 'GET', '/api/dashboard', s.reception)).json<Dashboard>();
    expect(figure(desk, 'bedsFree')).toEqual({ key: 'bedsFree', available: true, value: free });
  });

  it('shows another hospital none of these beds, a patient nothing, and refuses a bad period', async () => {
    const other = await site(t);
    const theirs = await report(other.nurse);
    expect(theirs.wards).toEqual([]);
    expect(theirs.days.every((d) => d.occupied === 0 && d.beds === 0)).toBe(true);

    const { user } = await createPatientUser(t.database.db, { hospital: s.hospital });
    const patient = await sessionHeaders(t.database.db, user, s.hospital);
    expect((await call(t, 'GET', '/api/wards/occupancy', patient)).statusCode).toBe(403);
    const bad = await call(t, 'GET', '/api/wards/occupancy?days=500', s.nurse);
    expect(bad.statusCode).toBe(400);
  });
});
