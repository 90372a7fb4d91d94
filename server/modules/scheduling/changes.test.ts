// Moving and cancelling appointments, and who sees which: patients their own (another's is 404),
// staff their hospital's day, doctors their own day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../contracts/scheduling';
import { createPatient, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { DEFAULT_SCHEDULING_SETTINGS } from './scheduling-settings';
import {
  at,
  clinic,
  clinicWithHours,
  insertAppointment,
  doctorAt,
  hours,
  inDays,
  key,
  patientUser,
  type Clinic,
} from './scheduling.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const post = (url: string, headers: AuthHeaders, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
const get = (url: string, headers: AuthHeaders) =>
  t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

async function booked(c: Clinic, day: string, time: string, headers?: AuthHeaders) {
  const p = headers ? null : await patientUser(t);
  const res = await post('/api/appointments', headers ?? p!.headers, {
    idempotencyKey: key(),
    doctorId: c.doctor.id,
    startsAt: at(c, day, time),
  });
  if (res.statusCode !== 201) throw new Error(`book: ${res.statusCode} ${res.body}`);
  return { a: res.json() as Appointment, headers: headers ?? p!.headers, p };
}

describe('who sees an appointment', () => {
  it('shows a patient their own and answers 404 for another’s, whatever they try', async () => {
    const { c, day } = await clinicWithHours(t);
    const { a, headers } = await booked(c, day, '09:00');
    const nosy = await patientUser(t);
    expect((await get(`/api/appointments/${a.id}`, headers)).json()).toMatchObject({ id: a.id });
    expect((await get(`/api/appointments/${a.id}`, nosy.headers)).statusCode).toBe(404);
    expect((await post(`/api/appointments/${a.id}/cancel`, nosy.headers)).statusCode).toBe(404);
    expect(
      (await post(`/api/appointments/${a.id}/reschedule`, nosy.headers, { startsAt: at(c, day, '10:00') }))
        .statusCode,
    ).toBe(404);
    // Staff of another hospital do not see it either; this hospital's do.
    const elsewhere = await clinic(t);
    expect((await get(`/api/appointments/${a.id}`, elsewhere.reception)).statusCode).toBe(404);
    expect((await get(`/api/appointments/${a.id}`, c.reception)).statusCode).toBe(200);
    expect((await get(`/api/appointments/${a.id}`, c.doctor.headers)).statusCode).toBe(200);
    const colleague = await doctorAt(t, c.hospital);
    expect((await get(`/api/appointments/${a.id}`, colleague.headers)).statusCode).toBe(404);
  });

  it('lists a patient’s upcoming and past, the hospital’s day by doctor, and a doctor’s own day', async () => {
    const { c, day } = await clinicWithHours(t);
    const second = await doctorAt(t, c.hospital);
    await hours(t, c, day, { doctor: second });
    const { a, headers } = await booked(c, day, '09:00');
    await post('/api/appointments', headers, {
      idempotencyKey: key(),
      doctorId: second.id,
      startsAt: at(c, day, '10:00'),
    });
    const upcoming = (await get('/api/appointments/mine', headers)).json();
    expect(upcoming.items.map((x: Appointment) => x.startsAt)).toEqual([
      at(c, day, '09:00'),
      at(c, day, '10:00'),
    ]);
    expect((await get('/api/appointments/mine?when=past', headers)).json().total).toBe(0);
    const dayList = (await get(`/api/appointments?date=${day}&doctorId=${c.doctor.id}`, c.reception)).json();
    expect(dayList.items.map((x: Appointment) => x.id)).toEqual([a.id]);
    expect((await get(`/api/appointments?date=${day}`, c.reception)).json().total).toBe(2);
    expect((await get(`/api/appointments?date=${inDays(9)}`, c.reception)).json().total).toBe(0);
    const own = (await get(`/api/doctors/me/appointments?date=${day}`, second.headers)).json();
    expect(own.items).toHaveLength(1);
    expect(own.items[0].doctorId).toBe(second.id);
    for (const q of [
      'date=2027-02-30',
      'date=today',
      `date=${day}&sort=password_hash`,
      `date=${day}&limit=1000`,
    ]) {
      expect((await get(`/api/appointments?${q}`, c.reception)).statusCode, q).toBe(400);
    }
  });
  it('moves a visit to past once it is completed or a no-show, not only when its slot has ended', async () => {
    const { c, day } = await clinicWithHours(t);
    const { a, headers } = await booked(c, day, '09:00');
    const { a: b } = await booked(c, day, '09:30', headers);
    const { a: waiting } = await booked(c, day, '10:00', headers);
    const mine = async (when: string) =>
      ((await get(`/api/appointments/mine?when=${when}`, headers)).json().items as Appointment[]).map(
        (x) => x.id,
      );
    expect(await mine('upcoming')).toEqual([a.id, b.id, waiting.id]);
    // Seen early, and a no-show, both before their slots end.
    await t.database.query(`update appointments set status = 'completed' where id = $1`, [a.id]);
    await t.database.query(`update appointments set status = 'no_show' where id = $1`, [b.id]);
    // A patient checked in and still waiting after their slot has ended is still to be seen.
    await t.database.query(
      `update appointments set status = 'checked_in',
              starts_at = now() - interval '2 hours', ends_at = now() - interval '90 minutes'
        where id = $1`,
      [waiting.id],
    );
    expect(await mine('upcoming')).toEqual([waiting.id]);
    expect(await mine('past')).toEqual([b.id, a.id]);
  });
});

describe('moving and cancelling', () => {
  it('moves to a free slot atomically: the old one is free again, a taken one changes nothing', async () => {
    const { c, day } = await clinicWithHours(t);
    const { a, headers } = await booked(c, day, '09:00');
    await booked(c, day, '11:00');
    const taken = await post(`/api/appointments/${a.id}/reschedule`, headers, {
      startsAt: at(c, day, '11:00'),
    });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'SLOT_TAKEN']);
    expect((await get(`/api/appointments/${a.id}`, headers)).json().startsAt).toBe(at(c, day, '09:00'));
    const moved = await post(`/api/appointments/${a.id}/reschedule`, headers, {
      startsAt: at(c, day, '09:15'),
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: at(c, day, '09:15'), endsAt: at(c, day, '09:30') });
    // Moving into the slot right next to where it was (overlapping its old self) is fine too.
    expect(
      (await post(`/api/appointments/${a.id}/reschedule`, headers, { startsAt: at(c, day, '09:00') }))
        .statusCode,
    ).toBe(200);
    const outside = await post(`/api/appointments/${a.id}/reschedule`, headers, {
      startsAt: at(c, day, '13:00'),
    });
    expect(outside.json().code).toBe('OUTSIDE_AVAILABILITY');
    const n = await t.database.query(
      `select count(*)::int as n from notification_deliveries where template = 'scheduling.appointment_rescheduled'`,
    );
    expect(Number(n.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('lets the patient cancel before the cut-off, frees the slot, and refuses a second cancel', async () => {
    const { c, day } = await clinicWithHours(t);
    const { a, headers } = await booked(c, day, '09:00');
    const res = await post(`/api/appointments/${a.id}/cancel`, headers, {});
    expect(res.json()).toMatchObject({ status: 'cancelled', cancellationReason: null });
    expect((await post(`/api/appointments/${a.id}/cancel`, headers, {})).json().code).toBe(
      'INVALID_TRANSITION',
    );
    // The slot can be booked again.
    await booked(c, day, '09:00');
  });

  it('stops the patient inside the cut-off; staff may cancel then, with a reason', async () => {
    const { c } = await clinicWithHours(t);
    const p = await patientUser(t, c.hospital);
    const soon = new Date(Date.now() + (DEFAULT_SCHEDULING_SETTINGS.patientChangeCutoffHours / 2) * 3600_000);
    const id = await insertAppointment(t, c, {
      patientId: p.patient.id,
      bookedBy: p.user.id,
      startsAt: soon,
      endsAt: new Date(soon.getTime() + 900_000),
    });
    const late = await post(`/api/appointments/${id}/cancel`, p.headers, {});
    expect([late.statusCode, late.json().code]).toEqual([422, 'CANCELLATION_CUTOFF']);
    expect((await post(`/api/appointments/${id}/cancel`, c.reception, {})).statusCode).toBe(400);
    const done = await post(`/api/appointments/${id}/cancel`, c.reception, { reason: 'Doctor called away' });
    expect(done.json()).toMatchObject({ status: 'cancelled', cancellationReason: 'Doctor called away' });
  });

  it('refuses unknown fields and malformed times when moving, changing nothing', async () => {
    const { c, day } = await clinicWithHours(t);
    const mine = await createPatient(t.database.db, { hospital: c.hospital });
    const res = await post('/api/appointments', c.reception, {
      idempotencyKey: key(),
      doctorId: c.doctor.id,
      startsAt: at(c, day, '09:00'),
      patientId: mine.id,
    });
    const a = res.json() as Appointment;
    for (const b of [{ startsAt: 'x' }, { startsAt: at(c, day, '09:15'), doctorId: c.doctor.id }, {}]) {
      expect(
        (await post(`/api/appointments/${a.id}/reschedule`, c.reception, b)).statusCode,
        JSON.stringify(b),
      ).toBe(400);
    }
    expect(
      (await post(`/api/appointments/${a.id}/cancel`, c.reception, { reason: 'x', status: 'booked' }))
        .statusCode,
    ).toBe(400);
    expect((await get(`/api/appointments/${a.id}`, c.reception)).json()).toMatchObject({
      status: 'booked',
      startsAt: a.startsAt,
    });
  });

  it('eight moves into one slot queued behind a booking that is then rolled back: one moves, 7 SLOT_TAKEN', async () => {
    // As with beds (wards/admissions.test.ts): the moves must take turns before they write, or
    // their exclusion checks wait for each other in circles that end as deadlocks, answered 500.
    const { c, day } = await clinicWithHours(t);
    const mine = await Promise.all(
      ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45'].map((time) =>
        booked(c, day, time),
      ),
    );
    const held = await t.database.connectDedicated('test: a booking in flight');
    const target = at(c, day, '11:00');
    try {
      const other = await createPatient(t.database.db, { hospital: c.hospital });
      await held.query('begin');
      await held.query(
        `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, booked_by, idempotency_key, request_hash)
         values (gen_random_uuid(), $1, $2, $3, $4, $4::timestamptz + interval '15 minutes', $5, $6, 'x')`,
        [c.hospital.id, c.doctor.id, other.id, target, mine[0]!.p!.user.id, key()],
      );
      const replies = Promise.all(
        mine.map(({ a, headers }) =>
          post(`/api/appointments/${a.id}/reschedule`, headers, { startsAt: target }),
        ),
      );
      await waitForLockWaiters(t.database, 8);
      await held.query('rollback');
      const answers = (await replies).map((r) => [r.statusCode, r.json().code]);
      expect(answers.filter(([status]) => status === 200)).toHaveLength(1);
      expect(answers.filter(([status]) => status !== 200)).toEqual(Array(7).fill([409, 'SLOT_TAKEN']));
    } finally {
      await held.end();
    }
    const at11 = await t.database.query<{ n: number }>(
      `select count(*)::int as n from appointments where doctor_profile_id = $1 and starts_at = $2`,
      [c.doctor.id, target],
    );
    expect(at11.rows[0]!.n).toBe(1);
  });
});
