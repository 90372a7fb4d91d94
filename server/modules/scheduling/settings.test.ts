// The hospital sets its own appointment rules: how late patients may change their own visits online,
// and how long after the start a missing patient becomes a no-show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { markMissedAppointments } from './no-show.service';
import { clinic, insertAppointment, patientUser } from './scheduling.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
const HOUR = 3600_000;

describe('scheduling settings', () => {
  it('starts from the defaults; only a hospital admin changes them, within bounds', async () => {
    const c = await clinic(t);
    const admin = c.admin;
    expect((await call('GET', '/api/scheduling/settings', c.reception)).json()).toEqual({
      patientChangeCutoffHours: 2,
      noShowGraceMinutes: 30,
    });
    expect(
      (
        await call('PUT', '/api/scheduling/settings', c.reception, {
          patientChangeCutoffHours: 2,
          noShowGraceMinutes: 60,
        })
      ).statusCode,
    ).toBe(403);
    for (const bad of [
      {},
      { patientChangeCutoffHours: -1 },
      { noShowGraceMinutes: 1 },
      { noShowGraceMinutes: 1.5 },
      { x: 1 },
    ]) {
      expect(
        (await call('PUT', '/api/scheduling/settings', admin, bad)).statusCode,
        JSON.stringify(bad),
      ).toBe(400);
    }
    const set = await call('PUT', '/api/scheduling/settings', admin, {
      patientChangeCutoffHours: 24,
      noShowGraceMinutes: 30,
    });
    expect(set.json()).toEqual({ patientChangeCutoffHours: 24, noShowGraceMinutes: 30 });
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_events where entity_id = $1 and action = 'scheduling.settings_changed'`,
      [c.hospital.id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it("holds patients to their hospital's cut-off", async () => {
    const c = await clinic(t);
    const admin = c.admin;
    const p = await patientUser(t, c.hospital);
    const inTenHours = new Date(Date.now() + 10 * HOUR);
    const id = await insertAppointment(t, c, {
      patientId: p.patient.id,
      bookedBy: p.user.id,
      startsAt: inTenHours,
      endsAt: new Date(inTenHours.getTime() + 900_000),
    });
    await call('PUT', '/api/scheduling/settings', admin, {
      patientChangeCutoffHours: 24,
      noShowGraceMinutes: 30,
    });
    const late = await call('POST', `/api/appointments/${id}/cancel`, p.headers, {});
    expect([late.statusCode, late.json().code]).toEqual([422, 'CANCELLATION_CUTOFF']);
    expect(late.json().detail).toContain('24 hours');
    await call('PUT', '/api/scheduling/settings', admin, {
      patientChangeCutoffHours: 6,
      noShowGraceMinutes: 30,
    });
    expect((await call('POST', `/api/appointments/${id}/cancel`, p.headers, {})).json()).toMatchObject({
      status: 'cancelled',
    });
  });

  it("marks no-shows after each hospital's own grace period", async () => {
    const slow = await clinic(t);
    const quick = await clinic(t);
    await call('PUT', '/api/scheduling/settings', slow.admin, {
      patientChangeCutoffHours: 2,
      noShowGraceMinutes: 120,
    });
    const start = new Date('2027-03-01T09:00:00Z');
    const ids = [];
    for (const c of [slow, quick]) {
      const p = await patientUser(t, c.hospital);
      ids.push(
        await insertAppointment(t, c, {
          patientId: p.patient.id,
          bookedBy: p.user.id,
          startsAt: start,
          endsAt: new Date(start.getTime() + 900_000),
        }),
      );
    }
    const status = async (id: string) =>
      (await t.database.query<{ status: string }>('select status from appointments where id = $1', [id]))
        .rows[0]!.status;
    await markMissedAppointments(t.database.db, new Date(start.getTime() + 31 * 60_000));
    expect([await status(ids[0]!), await status(ids[1]!)]).toEqual(['booked', 'no_show']);
    await markMissedAppointments(t.database.db, new Date(start.getTime() + 121 * 60_000));
    expect(await status(ids[0]!)).toBe('no_show');
  });
});
