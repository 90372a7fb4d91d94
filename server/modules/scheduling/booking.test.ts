// Booking without double booking: the database decides races between app instances; overlapping
// is refused and touching allowed; the past, hours not kept and unapproved doctors are refused;
// retries are safe; patients see only their own; moves are atomic; cancelling has a cut-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_CHANNEL } from '../../platform/auth/principal-cache';
import { buildApp, type BuiltApp } from '../../app';
import type { Appointment } from '../../../contracts/scheduling';
import { createPatient, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
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

const post = (url: string, headers: AuthHeaders, payload: object, app = t.app) =>
  app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
const get = (url: string, headers: AuthHeaders) =>
  t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });
const book = (headers: AuthHeaders, c: Clinic, startsAt: string, o: object = {}) =>
  post('/api/appointments', headers, { idempotencyKey: key(), doctorId: c.doctor.id, startsAt, ...o });
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.database.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n);

describe('booking', () => {
  it('books a free slot for a patient, registers them at the hospital and tells them', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const res = await book(p.headers, c, at(c, day, '09:00'), { reason: 'Cough for a week' });
    expect(res.statusCode).toBe(201);
    const a = res.json() as Appointment;
    expect(a).toMatchObject({
      status: 'booked',
      doctorId: c.doctor.id,
      patientId: p.patient.id,
      startsAt: at(c, day, '09:00'),
      endsAt: at(c, day, '09:15'),
      reason: 'Cough for a week',
      mrn: null,
    });
    expect(
      await count('patient_registrations where patient_id = $1 and hospital_id = $2', [
        p.patient.id,
        c.hospital.id,
      ]),
    ).toBe(1);
    expect(
      await count(
        `notification_deliveries where template = 'scheduling.appointment_booked' and user_id = $1`,
        [p.user.id],
      ),
    ).toBeGreaterThan(0);
    expect(await count(`audit_events where entity_id = $1 and action = 'appointment.booked'`, [a.id])).toBe(
      1,
    );
    // The slot is gone from the free list.
    const slots = await get(`/api/doctors/${c.doctor.id}/slots?from=${day}&to=${day}`, p.headers);
    expect(slots.json().slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain(a.startsAt);
  });

  it('refuses a taken slot and allows the touching one', async () => {
    const { c, day } = await clinicWithHours(t);
    const [p1, p2] = [await patientUser(t), await patientUser(t)];
    expect((await book(p1.headers, c, at(c, day, '10:00'))).statusCode).toBe(201);
    const taken = await book(p2.headers, c, at(c, day, '10:00'));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('SLOT_TAKEN');
    expect((await book(p2.headers, c, at(c, day, '10:15'))).statusCode).toBe(201);
  });

  it('the database refuses overlapping active appointments even when the code is bypassed', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const a = (await book(p.headers, c, at(c, day, '11:00'))).json() as Appointment;
    const other = await createPatient(t.database.db, { hospital: c.hospital });
    const insert = (startsAt: string, endsAt: string) =>
      insertAppointment(t, c, { patientId: other.id, bookedBy: c.doctor.userId, startsAt, endsAt });
    await expect(insert(at(c, day, '11:05'), at(c, day, '11:20'))).rejects.toThrow(
      /appointments_doctor_no_overlap/,
    );
    await insert(at(c, day, '11:15'), at(c, day, '11:30')); // touching: allowed
    expect(a.endsAt).toBe(at(c, day, '11:15'));
  });

  it('refuses a patient two overlapping appointments, with any doctors', async () => {
    const { c, day } = await clinicWithHours(t);
    const second = await doctorAt(t, c.hospital);
    await hours(t, c, day, { doctor: second });
    const p = await patientUser(t);
    expect((await book(p.headers, c, at(c, day, '09:30'))).statusCode).toBe(201);
    const busy = await post('/api/appointments', p.headers, {
      idempotencyKey: key(),
      doctorId: second.id,
      startsAt: at(c, day, '09:30'),
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('PATIENT_BUSY');
  });

  it('refuses the past, times outside the hours, and doctors not approved', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const past = await book(p.headers, c, new Date(Date.now() - 3600_000).toISOString());
    expect([past.statusCode, past.json().code]).toEqual([422, 'IN_THE_PAST']);
    for (const startsAt of [
      at(c, day, '09:05'),
      at(c, day, '12:00'),
      at(c, day, '08:45'),
      at(c, inDays(9), '09:00'),
    ]) {
      const res = await book(p.headers, c, startsAt);
      expect([res.statusCode, res.json().code], startsAt).toEqual([422, 'OUTSIDE_AVAILABILITY']);
    }
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [c.doctor.id]);
    const pending = await book(p.headers, c, at(c, day, '09:00'));
    expect([pending.statusCode, pending.json().code]).toEqual([422, 'DOCTOR_NOT_APPROVED']);
    expect(await count('appointments where patient_id = $1', [p.patient.id])).toBe(0);
  });

  it('returns the same appointment for a retried request, and refuses the key for another', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const body = { idempotencyKey: key(), doctorId: c.doctor.id, startsAt: at(c, day, '09:15') };
    const [a, b] = await Promise.all([
      post('/api/appointments', p.headers, body),
      post('/api/appointments', p.headers, body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const reused = await post('/api/appointments', p.headers, { ...body, startsAt: at(c, day, '09:30') });
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'IDEMPOTENCY_REUSED']);
    expect(await count('appointments where patient_id = $1', [p.patient.id])).toBe(1);
  });

  it('answers a retry made later with the booking, even when the slot could not be booked now', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const body = { idempotencyKey: key(), doctorId: c.doctor.id, startsAt: at(c, day, '10:00') };
    const first = await post('/api/appointments', p.headers, body);
    expect(first.statusCode).toBe(201);
    const again = await post('/api/appointments', p.headers, body);
    expect([again.statusCode, again.json().id]).toEqual([201, first.json().id]);
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [c.doctor.id]);
    const afterChange = await post('/api/appointments', p.headers, body);
    expect([afterChange.statusCode, afterChange.json().id]).toEqual([201, first.json().id]);
    // A new key meets the change.
    const fresh = await post('/api/appointments', p.headers, { ...body, idempotencyKey: key() });
    expect([fresh.statusCode, fresh.json().code]).toEqual([422, 'DOCTOR_NOT_APPROVED']);
    expect(await count('appointments where patient_id = $1', [p.patient.id])).toBe(1);
  });

  it('lets reception book for a patient registered here, and only here', async () => {
    const { c, day } = await clinicWithHours(t);
    const mine = await createPatient(t.database.db, { hospital: c.hospital });
    const stranger = await createPatient(t.database.db);
    const ok = await book(c.reception, c, at(c, day, '09:00'), { patientId: mine.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().mrn).toBe(mine.mrn);
    expect((await book(c.reception, c, at(c, day, '09:15'), { patientId: stranger.id })).statusCode).toBe(
      404,
    );
    // A patient cannot book for someone else.
    const p = await patientUser(t);
    expect((await book(p.headers, c, at(c, day, '09:30'), { patientId: mine.id })).statusCode).toBe(404);
    // Reception elsewhere cannot book this hospital's doctor.
    const elsewhere = await clinic(t);
    const other = await createPatient(t.database.db, { hospital: elsewhere.hospital });
    expect(
      (await book(elsewhere.reception, c, at(c, day, '09:45'), { patientId: other.id })).statusCode,
    ).toBe(404);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    const before = await count('appointments');
    const good = { idempotencyKey: key(), doctorId: c.doctor.id, startsAt: at(c, day, '09:00') };
    for (const b of [
      { startsAt: `${day}T09:00:00` }, // no time zone
      { startsAt: `${day}` },
      { startsAt: 'soon' },
      { doctorId: 'x' },
      { idempotencyKey: 'short' },
      { status: 'completed' },
      { hospitalId: c.hospital.id },
      { reason: 'a'.repeat(600) },
    ]) {
      const res = await post('/api/appointments', p.headers, { ...good, ...b });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
    }
    expect(await count('appointments')).toBe(before);
  });

  it('fifty bookings of one slot through two app instances: exactly one wins, 49 SLOT_TAKEN', async () => {
    const other: BuiltApp = await buildApp({
      config: { ...t.config, JOBS_ENABLED: false },
      database: t.database,
    });
    try {
      const { c, day } = await clinicWithHours(t);
      const people = await Promise.all(Array.from({ length: 50 }, () => patientUser(t)));
      const startsAt = at(c, day, '10:30');
      const replies = await Promise.all(
        people.map((p, i) =>
          post(
            '/api/appointments',
            p.headers,
            { idempotencyKey: key(), doctorId: c.doctor.id, startsAt },
            i % 2 ? other.app : t.app,
          ),
        ),
      );
      const codes = replies.map((r) => r.statusCode);
      expect(codes.filter((s) => s === 201)).toHaveLength(1);
      expect(replies.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
        Array(49).fill('SLOT_TAKEN'),
      );
      expect(
        await count(`appointments where doctor_profile_id = $1 and starts_at = $2 and status = 'booked'`, [
          c.doctor.id,
          startsAt,
        ]),
      ).toBe(1);
    } finally {
      await other.app.close();
    }
  });

  it('two first bookings at once by a patient new to the hospital: both booked, registered once', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t);
    // Someone else being registered at the hospital holds its MRN counter, so both bookings queue
    // behind it: each must look for the patient's registration only once the other has made it.
    const held = await t.database.connectDedicated('test: a registration in flight');
    try {
      await held.query('begin');
      await held.query(
        `insert into hospital_counters (hospital_id, name, value) values ($1, 'mrn', 1)
         on conflict (hospital_id, name) do update set value = hospital_counters.value + 1`,
        [c.hospital.id],
      );
      const replies = Promise.all(['09:00', '09:15'].map((time) => book(p.headers, c, at(c, day, time))));
      await waitForLockWaiters(t.database, 2);
      await held.query('rollback');
      expect((await replies).map((r) => [r.statusCode, r.json().code])).toEqual([
        [201, undefined],
        [201, undefined],
      ]);
    } finally {
      await held.end();
    }
    expect(
      await count('patient_registrations where patient_id = $1 and hospital_id = $2', [
        p.patient.id,
        c.hospital.id,
      ]),
    ).toBe(1);
  });
});

describe('what a booking announces', () => {
  it('changes no principal, so its answer sends no marker to wait for (ADR 27); a cancel still does', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await patientUser(t); // first booking at this hospital: it registers them
    const desk = await createPatient(t.database.db, { hospital: c.hospital });
    const listener = await t.database.pool.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => {
      if (n.channel === PRINCIPAL_CHANNEL) heard.push(n.payload ?? '');
    });
    try {
      await listener.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      const own = await book(p.headers, c, at(c, day, '09:00'));
      const forDesk = await book(c.reception, c, at(c, day, '09:15'), { patientId: desk.id });
      expect([own.statusCode, forDesk.statusCode]).toEqual([201, 201]);
      // A cancel by the desk is a write that waits: its marker comes after anything the bookings sent.
      const cancelled = await post(
        `/api/appointments/${forDesk.json<Appointment>().id}/cancel`,
        c.reception,
        {
          reason: 'Doctor called away',
        },
      );
      expect(cancelled.statusCode).toBe(200);
      for (let i = 0; i < 100 && !heard.some((h) => h.startsWith('sync:')); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      // One marker (the cancel's) and no principal change: neither booking announced anything.
      expect(heard.filter((h) => h.startsWith('sync:'))).toHaveLength(1);
      expect(heard.filter((h) => !h.startsWith('sync:'))).toEqual([]);
    } finally {
      await listener.query(`UNLISTEN ${PRINCIPAL_CHANNEL}`);
      listener.release();
    }
  });
});
