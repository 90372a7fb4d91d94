// The scheduling figures on each role's dashboard: the right hospital only, "today" in the
// hospital's time zone, a doctor's own, a patient's own; and the admin's chart of the last 30 days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppointmentInsights } from '../../../contracts/scheduling';
import { Dashboard } from '../../../contracts/dashboard';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { addDays, localDateOf, localToInstant } from './local-time';
import { clinic, doctorAt, insertAppointment, patientUser, type Clinic } from './scheduling.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const get = (url: string, headers: AuthHeaders) =>
  t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

async function figures(headers: AuthHeaders) {
  const res = await get('/api/dashboard', headers);
  expect(res.statusCode).toBe(200);
  const d = Dashboard.parse(res.json());
  return Object.fromEntries(d.cards.map((c) => [c.key, c.available ? c.value : `coming:${c.module}`]));
}

/** An appointment at a local date and time with `doctor` (the clinic's by default), then set to a status. */
async function visit(
  c: Clinic,
  date: string,
  time: string,
  o: { status?: string; doctorId?: string; patient?: Awaited<ReturnType<typeof patientUser>> } = {},
) {
  const p = o.patient ?? (await patientUser(t, c.hospital));
  const start = new Date(localToInstant(date, time, c.hospital.timeZone));
  const id = await insertAppointment(t, c, {
    patientId: p.patient.id,
    bookedBy: p.user.id,
    startsAt: start,
    endsAt: new Date(start.getTime() + 15 * 60_000),
  });
  if (o.doctorId)
    await t.database.query('update appointments set doctor_profile_id = $2 where id = $1', [id, o.doctorId]);
  if (o.status === 'checked_in') {
    await t.database.query(
      `update appointments set status = 'checked_in', queue_date = $2, token = (select count(*) + 1 from appointments where token is not null) where id = $1`,
      [id, date],
    );
  } else if (o.status) {
    await t.database.query('update appointments set status = $2 where id = $1', [id, o.status]);
  }
  return { id, p };
}

describe('scheduling figures on the dashboard', () => {
  it('counts the hospital’s appointments of its own local day, its queue and the week’s bookings', async () => {
    // Fourteen hours ahead of UTC: the local day differs from the UTC day for much of every day.
    const c = await clinic(t, 'Pacific/Kiritimati');
    const today = localDateOf(Date.now(), c.hospital.timeZone);
    await visit(c, today, '00:00');
    await visit(c, today, '10:00', { status: 'cancelled' });
    await visit(c, today, '11:00', { status: 'checked_in' });
    await visit(c, today, '23:45', { status: 'completed' });
    await visit(c, addDays(today, -1), '23:45'); // yesterday there
    await visit(c, addDays(today, 1), '00:00'); // tomorrow there
    const other = await clinic(t, 'Pacific/Kiritimati');
    await visit(other, today, '09:00');
    await visit(other, today, '09:30', { status: 'checked_in' });

    const admin = await figures(c.admin);
    expect(admin).toMatchObject({ appointmentsToday: 3, recentAppointments: 6 });
    const desk = await figures(c.reception);
    expect(desk).toMatchObject({ appointmentsToday: 3, queueWaiting: 1 });
    expect(desk.recentAppointments).toBeUndefined(); // not on the front desk's plan

    const chart = await get('/api/appointments/insights', c.admin);
    expect(chart.statusCode).toBe(200);
    const ins = AppointmentInsights.parse(chart.json());
    expect(ins.byDay).toHaveLength(30);
    expect(ins.byDay.at(-1)).toEqual({ day: today, appointments: 3, cancelled: 1 });
    expect(ins.byDay.at(-2)).toEqual({ day: addDays(today, -1), appointments: 1, cancelled: 0 });
    expect(ins.byDay[0]!.day).toBe(addDays(today, -29));
    expect(ins.recent).toHaveLength(6);
    expect(ins.recent.every((a) => a.hospitalId === c.hospital.id)).toBe(true);
    // The names in the list are a read of patient data.
    const { rows } = await t.database.query(
      `select 1 from audit_events where action = 'appointments.recent_listed' and hospital_id = $1`,
      [c.hospital.id],
    );
    expect(rows).toHaveLength(1);
    // Only staff who read the hospital's appointments; no query fields.
    expect((await get('/api/appointments/insights', c.doctor.headers)).statusCode).toBe(403);
    expect((await get('/api/appointments/insights?days=400', c.admin)).statusCode).toBe(400);
  });

  it('gives a doctor their own day, queue and patients seen, not a colleague’s', async () => {
    const c = await clinic(t);
    const today = localDateOf(Date.now(), c.hospital.timeZone);
    const colleague = await doctorAt(t, c.hospital);
    const regular = await patientUser(t, c.hospital);
    await visit(c, today, '09:00', { status: 'checked_in' });
    await visit(c, today, '09:30');
    await visit(c, addDays(today, -3), '09:00', { status: 'completed', patient: regular });
    await visit(c, addDays(today, -2), '09:00', { status: 'completed', patient: regular });
    await visit(c, addDays(today, -1), '09:00', { status: 'completed' });
    await visit(c, addDays(today, -1), '10:00', { status: 'no_show' });
    await visit(c, today, '10:00', { doctorId: colleague.id, status: 'checked_in' });
    await visit(c, addDays(today, -1), '11:00', { doctorId: colleague.id, status: 'completed' });

    expect(await figures(c.doctor.headers)).toMatchObject({
      patientsSeen: 2,
      appointmentsToday: 2,
      queueWaiting: 1,
      recentPrescriptions: 0,
    });
    expect(await figures(colleague.headers)).toMatchObject({
      patientsSeen: 1,
      appointmentsToday: 1,
      queueWaiting: 1,
    });
  });

  it('gives a patient the count of their own visits still to come', async () => {
    const c = await clinic(t);
    const me = await patientUser(t, c.hospital);
    const day = addDays(localDateOf(Date.now(), c.hospital.timeZone), 5);
    await visit(c, day, '09:00', { patient: me });
    await visit(c, day, '10:00', { patient: me, status: 'cancelled' });
    await visit(c, addDays(day, -10), '09:00', { patient: me, status: 'completed' });
    await visit(c, day, '11:00'); // someone else's
    const elsewhere = await clinic(t, 'Europe/London');
    await visit(elsewhere, addDays(day, 1), '09:00', { patient: me });
    expect(await figures(me.headers)).toMatchObject({ upcomingAppointments: 2 });
  });
});
