// Missed appointments: the job marks booked ones after the grace period (audited as the system,
// the patient told), the front desk may mark one by hand once it has started; and the doctor hears
// of cancellations and moves in the coming week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { DOCTOR_NOTICE_DAYS, doctorShouldHear } from './doctor-notices';
import { localToInstant } from './local-time';
import { markMissedAppointments, NO_SHOW_GRACE_MINUTES } from './no-show.service';
import {
  at,
  clinic,
  clinicWithHours,
  insertAppointment,
  key,
  patientUser,
  type Clinic,
} from './scheduling.test-helpers';
import { createPatient, type AuthHeaders } from '../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const MIN = 60_000;
const post = (url: string, headers: AuthHeaders, payload?: object) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });

async function appointment(c: Clinic, start: Date) {
  const p = await patientUser(t, c.hospital);
  const id = await insertAppointment(t, c, {
    patientId: p.patient.id,
    bookedBy: p.user.id,
    startsAt: start,
    endsAt: new Date(start.getTime() + 15 * MIN),
  });
  return { id, p };
}

const status = async (id: string) =>
  (await t.database.query<{ status: string }>('select status from appointments where id = $1', [id])).rows[0]!
    .status;

const deliveries = async (template: string, userId: string) =>
  (
    await t.database.query<{ channel: string }>(
      'select channel from notification_deliveries where template = $1 and user_id = $2 order by channel',
      [template, userId],
    )
  ).rows.map((r) => r.channel);

describe('no-show after the grace period (job)', () => {
  it('marks a booked appointment missed once start + grace has passed, once, audited as the system', async () => {
    const c = await clinic(t);
    const start = new Date(localToInstant('2027-05-03', '09:00', c.hospital.timeZone));
    const { id, p } = await appointment(c, start);
    const checkedIn = await appointment(c, new Date(start.getTime() + 30 * MIN));
    await t.database.query(`update appointments set status = 'checked_in' where id = $1`, [checkedIn.id]);
    const cancelled = await appointment(c, new Date(start.getTime() + 60 * MIN));
    await t.database.query(`update appointments set status = 'cancelled' where id = $1`, [cancelled.id]);

    await markMissedAppointments(t.database.db, new Date(start.getTime() + NO_SHOW_GRACE_MINUTES * MIN));
    expect(await status(id)).toBe('booked'); // not yet: the grace runs until then
    const after = new Date(start.getTime() + (NO_SHOW_GRACE_MINUTES + 61) * MIN);
    const counts = await Promise.all([
      markMissedAppointments(t.database.db, after),
      markMissedAppointments(t.database.db, after),
    ]);
    expect(counts.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(1);
    expect(await status(id)).toBe('no_show');
    expect(await status(checkedIn.id)).toBe('checked_in');
    expect(await status(cancelled.id)).toBe('cancelled');

    const { rows } = await t.database.query<{ actor_user_id: string | null; after: { by: string } }>(
      `select actor_user_id, after from audit_events where action = 'appointment.no_show' and entity_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ actor_user_id: null, after: expect.objectContaining({ by: 'system' }) }]);
    expect(await deliveries('scheduling.appointment_no_show', p.user.id)).toEqual(['email', 'in_app', 'sms']);
  });
});

describe('POST /api/appointments/:id/no-show', () => {
  it('lets the front desk mark a started, booked appointment missed; not before it starts, not twice', async () => {
    const c = await clinic(t);
    // Started ten minutes ago: inside the grace period, so the job leaves it to the desk.
    const { id, p } = await appointment(c, new Date(Date.now() - 10 * MIN));
    const future = await appointment(c, new Date(Date.now() + 60 * MIN));

    const early = await post(`/api/appointments/${future.id}/no-show`, c.reception);
    expect([early.statusCode, early.json().code]).toEqual([422, 'RULE_VIOLATION']);
    expect(await status(future.id)).toBe('booked');

    expect((await post(`/api/appointments/${id}/no-show`, c.reception, { reason: 'x' })).statusCode).toBe(
      400,
    );
    const done = await post(`/api/appointments/${id}/no-show`, c.reception);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id, status: 'no_show' });
    const again = await post(`/api/appointments/${id}/no-show`, c.reception);
    expect([again.statusCode, again.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await deliveries('scheduling.appointment_no_show', p.user.id)).toEqual(['email', 'in_app', 'sms']);
    const { rows } = await t.database.query<{ after: { by: string } }>(
      `select after from audit_events where action = 'appointment.no_show' and entity_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ after: { status: 'no_show', by: 'staff' } }]);
  });

  it('answers 404 to another hospital, the patient and the doctor; 400 for a malformed id', async () => {
    const c = await clinic(t);
    const { id, p } = await appointment(c, new Date(Date.now() - 5 * MIN));
    const elsewhere = await clinic(t);
    expect((await post(`/api/appointments/${id}/no-show`, elsewhere.reception)).statusCode).toBe(404);
    expect((await post(`/api/appointments/${id}/no-show`, p.headers)).statusCode).toBe(403);
    expect((await post(`/api/appointments/${id}/no-show`, c.doctor.headers)).statusCode).toBe(403);
    expect((await post(`/api/appointments/not-a-uuid/no-show`, c.reception)).statusCode).toBe(400);
    expect(await status(id)).toBe('booked');
    expect((await post(`/api/appointments/${id}/no-show`, c.admin)).statusCode).toBe(200);
  });
});

describe('the doctor hears of changes in the coming week', () => {
  const doctorNotices = async (userId: string) =>
    (
      await t.database.query<{ channel: string; key: string }>(
        `select channel, idempotency_key as key from notification_deliveries
          where template = 'scheduling.doctor_appointment_changed' and user_id = $1 order by created_at`,
        [userId],
      )
    ).rows;

  it('tells the doctor in the app when a patient moves or cancels an appointment within a week', async () => {
    const c = await clinic(t);
    const { hours } = await import('./scheduling.test-helpers');
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await hours(t, c, day);
    const p = await patientUser(t);
    const booked = await post('/api/appointments', p.headers, {
      idempotencyKey: key(),
      doctorId: c.doctor.id,
      startsAt: at(c, day, '09:00'),
    });
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    expect(await doctorNotices(c.doctor.userId)).toEqual([]); // a booking is not a change
    expect(
      (await post(`/api/appointments/${id}/reschedule`, p.headers, { startsAt: at(c, day, '10:00') }))
        .statusCode,
    ).toBe(200);
    expect((await post(`/api/appointments/${id}/cancel`, p.headers, {})).statusCode).toBe(200);
    const n = await doctorNotices(c.doctor.userId);
    // In-app only, one per change.
    expect(n.map((x) => [x.channel, x.key.split(':')[0]])).toEqual([
      ['in_app', 'appointment-rescheduled-doctor'],
      ['in_app', 'appointment-cancelled-doctor'],
    ]);
    const { rows } = await t.database.query<{ body: string; link: string | null }>(
      `select body, link from notifications where user_id = $1 order by created_at`,
      [c.doctor.userId],
    );
    // Delivered by the in-app job (running in the test app); wait for it if needed.
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows.splice(
        0,
        rows.length,
        ...(
          await t.database.query<{ body: string; link: string | null }>(
            `select body, link from notifications where user_id = $1 order by created_at`,
            [c.doctor.userId],
          )
        ).rows,
      );
    }
    expect(rows).toHaveLength(2);
    expect(rows[0]!.body).toContain('has moved from');
    expect(rows[1]!.body).toContain('is cancelled');
    expect(rows.every((r) => r.link === '/app/my-day')).toBe(true);
    // Each notice is dated by its change (to the millisecond a JavaScript date keeps), not by when
    // its job ran: the two jobs may run in one batch.
    const dated = await t.database.query<{ same: boolean }>(
      `select date_trunc('milliseconds', n.created_at) = date_trunc('milliseconds', d.created_at) as same
         from notifications n join notification_deliveries d on d.id = n.delivery_id
        where n.user_id = $1`,
      [c.doctor.userId],
    );
    expect(dated.rows.map((r) => r.same)).toEqual([true, true]);
  });

  it('does not tell the doctor about changes more than a week away', async () => {
    const { c, day } = await clinicWithHours(t); // 8 days ahead
    const p = await patientUser(t);
    const booked = await post('/api/appointments', p.headers, {
      idempotencyKey: key(),
      doctorId: c.doctor.id,
      startsAt: at(c, day, '09:00'),
    });
    expect((await post(`/api/appointments/${booked.json().id}/cancel`, p.headers, {})).statusCode).toBe(200);
    expect(await doctorNotices(c.doctor.userId)).toEqual([]);
    const now = new Date('2027-01-01T00:00:00Z');
    const day7 = new Date(now.getTime() + DOCTOR_NOTICE_DAYS * 86_400_000);
    expect(doctorShouldHear({ startsAt: day7 }, now)).toBe(true);
    expect(doctorShouldHear({ startsAt: new Date(day7.getTime() + MIN) }, now)).toBe(false);
    // A move from far away into the coming week (or out of it) is told.
    expect(doctorShouldHear({ startsAt: new Date(day7.getTime() + MIN), previousStartsAt: day7 }, now)).toBe(
      true,
    );
    expect(doctorShouldHear({ startsAt: new Date(now.getTime() - MIN) }, now)).toBe(false);
  });
});

describe('patients without an account', () => {
  it('are told of a booking, a move and a missed visit at the e-mail and phone on their record', async () => {
    const { c, day } = await clinicWithHours(t);
    const walkIn = await createPatient(t.database.db, { hospital: c.hospital });
    await t.database.query(
      `update patients set email = 'no-account@example.org', phone = '+919800000001' where id = $1`,
      [walkIn.id],
    );
    const booked = await post('/api/appointments', c.reception, {
      idempotencyKey: key(),
      doctorId: c.doctor.id,
      startsAt: at(c, day, '09:00'),
      patientId: walkIn.id,
    });
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    expect(
      (await post(`/api/appointments/${id}/reschedule`, c.reception, { startsAt: at(c, day, '09:30') }))
        .statusCode,
    ).toBe(200);
    await markMissedAppointments(t.database.db, new Date(Date.parse(at(c, day, '09:30')) + 31 * MIN));
    const { rows } = await t.database.query<{
      template: string;
      channel: string;
      recipient: string;
      status: string;
    }>(
      `select template, channel, recipient, status from notification_deliveries
        where recipient in ('no-account@example.org', '+919800000001') order by created_at, channel`,
    );
    // Queued or already sent (the delivery jobs run in the test app); none skipped.
    expect(
      rows.map((r) => [r.template.split('.')[1], r.channel, r.recipient, r.status !== 'skipped']),
    ).toEqual([
      ['appointment_booked', 'email', 'no-account@example.org', true],
      ['appointment_booked', 'sms', '+919800000001', true],
      ['appointment_rescheduled', 'email', 'no-account@example.org', true],
      ['appointment_rescheduled', 'sms', '+919800000001', true],
      ['appointment_no_show', 'email', 'no-account@example.org', true],
      ['appointment_no_show', 'sms', '+919800000001', true],
    ]);
  });
});
