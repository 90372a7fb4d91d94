// The front desk and the doctor's queue through the API: check-in gives sequential tokens that never
// repeat (also under 20 concurrent check-ins), only on the appointment's local day and only once;
// walk-ins join the queue without taking a slot; the doctor calls the next by token, one at a time;
// the public board shows initials and tokens only. Other hospitals' rows answer 404, bad input 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../contracts/scheduling';
import type { MyQueue, QueueBoard } from '../../../contracts/queue';
import { createPatient, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { addDays, localDateOf, localToInstant } from './local-time';
import { initialsOf } from './queue.service';
import {
  at,
  clinic,
  clinicWithHours,
  doctorAt,
  hours,
  insertAppointment,
  key,
  type Clinic,
} from './scheduling.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const post = (url: string, headers: AuthHeaders, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
const get = (url: string, headers: AuthHeaders = {} as AuthHeaders) =>
  t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });
const one = async <T>(sql: string, params: unknown[] = []) =>
  (await t.database.query<T>(sql, params)).rows[0]!;

const today = (c: Clinic) => localDateOf(Date.now(), c.hospital.timeZone);
const lastToken = async (c: Clinic, doctorId = c.doctor.id) =>
  (
    await t.database.query<{ last_token: number }>(
      'select last_token from queue_days where hospital_id = $1 and doctor_profile_id = $2 and day = $3',
      [c.hospital.id, doctorId, today(c)],
    )
  ).rows[0]?.last_token ?? 0;

/**
 * `n` booked appointments of the clinic's doctor on a local day (today by default), one minute each
 * from local midnight, for patients registered there: written straight to the table.
 */
async function bookedOn(c: Clinic, n: number, date = today(c), doctor = c.doctor) {
  const midnight = localToInstant(date, '00:00', c.hospital.timeZone);
  const out: { id: string; patientId: string; givenName: string; familyName: string; mrn: string }[] = [];
  for (let i = 0; i < n; i++) {
    const p = await createPatient(t.database.db, {
      hospital: c.hospital,
      values: { givenName: `Ravi${i}`, familyName: `Varma Queue${i}` },
    });
    const id = await insertAppointment(
      t,
      { ...c, doctor },
      {
        patientId: p.id,
        bookedBy: c.doctor.userId,
        startsAt: new Date(midnight + i * 60_000),
        endsAt: new Date(midnight + (i + 1) * 60_000),
      },
    );
    out.push({ id, patientId: p.id, givenName: p.givenName, familyName: p.familyName, mrn: p.mrn! });
  }
  return out;
}

describe('check-in', () => {
  it('gives the next token of the doctor’s queue today, once, and audits it', async () => {
    const c = await clinic(t);
    const [a, b] = await bookedOn(c, 2);
    const first = await post(`/api/appointments/${a!.id}/check-in`, c.reception);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      id: a!.id,
      status: 'checked_in',
      token: 1,
      queueDate: today(c),
      walkIn: false,
    });
    expect((first.json() as Appointment).checkedInAt).not.toBeNull();
    expect((await post(`/api/appointments/${b!.id}/check-in`, c.reception)).json().token).toBe(2);
    // Again: 409 with the token it has, and no token is used up.
    const again = await post(`/api/appointments/${a!.id}/check-in`, c.reception);
    expect([again.statusCode, again.json().code, again.json().token]).toEqual([409, 'ALREADY_CHECKED_IN', 1]);
    expect(await lastToken(c)).toBe(2);
    expect(
      (
        await one<{ n: number }>(
          `select count(*)::int as n from audit_events where entity_id = $1 and action = 'appointment.checked_in'`,
          [a!.id],
        )
      ).n,
    ).toBe(1);
    // The day list of the front desk shows the tokens.
    const day = await get(`/api/appointments?date=${today(c)}`, c.reception);
    expect((day.json().items as Appointment[]).map((x) => x.token)).toEqual([1, 2]);
  });

  it('twenty concurrent check-ins get tokens 1 to 20, no gap and no repeat', async () => {
    const c = await clinic(t);
    const appts = await bookedOn(c, 20);
    const replies = await Promise.all(
      appts.map((a) => post(`/api/appointments/${a.id}/check-in`, c.reception)),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const tokens = replies.map((r) => (r.json() as Appointment).token!).sort((x, y) => x - y);
    expect(tokens).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await lastToken(c)).toBe(20);
  });

  it('checking in one appointment twice at once gives one token; the other answer says which', async () => {
    const c = await clinic(t);
    const [a] = await bookedOn(c, 1);
    const replies = await Promise.all(
      [c.reception, c.admin].map((h) => post(`/api/appointments/${a!.id}/check-in`, h)),
    );
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = replies.find((r) => r.statusCode === 409)!;
    expect([loser.json().code, loser.json().token]).toEqual(['ALREADY_CHECKED_IN', 1]);
    expect(await lastToken(c)).toBe(1);
  });

  it('keeps a queue per doctor: another doctor’s tokens start at 1', async () => {
    const c = await clinic(t);
    const other = await doctorAt(t, c.hospital);
    const [a] = await bookedOn(c, 1);
    const [b] = await bookedOn(c, 1, today(c), other);
    expect((await post(`/api/appointments/${a!.id}/check-in`, c.reception)).json().token).toBe(1);
    expect((await post(`/api/appointments/${b!.id}/check-in`, c.reception)).json().token).toBe(1);
  });

  it('refuses another day (409 NOT_TODAY), cancelled ones, other hospitals (404) and other roles', async () => {
    const c = await clinic(t);
    const [tomorrow] = await bookedOn(c, 1, addDays(today(c), 1));
    const [yesterday] = await bookedOn(c, 1, addDays(today(c), -1));
    for (const x of [tomorrow!, yesterday!]) {
      const res = await post(`/api/appointments/${x.id}/check-in`, c.reception);
      expect([res.statusCode, res.json().code]).toEqual([409, 'NOT_TODAY']);
    }
    const [cancelled, mine] = await bookedOn(c, 2);
    await t.database.query(`update appointments set status = 'cancelled' where id = $1`, [cancelled!.id]);
    const res = await post(`/api/appointments/${cancelled!.id}/check-in`, c.reception);
    expect([res.statusCode, res.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    const elsewhere = await clinic(t);
    expect((await post(`/api/appointments/${mine!.id}/check-in`, elsewhere.reception)).statusCode).toBe(404);
    expect((await post(`/api/appointments/${mine!.id}/check-in`, c.doctor.headers)).statusCode).toBe(403);
    expect((await post(`/api/appointments/not-an-id/check-in`, c.reception)).statusCode).toBe(400);
    expect((await post(`/api/appointments/${mine!.id}/check-in`, c.reception, { token: 7 })).statusCode).toBe(
      400,
    );
    // The admin of the hospital may check in.
    expect((await post(`/api/appointments/${mine!.id}/check-in`, c.admin)).json().token).toBe(1);
    expect(await lastToken(c)).toBe(1);
    const untouched = await one<{ status: string; token: number | null }>(
      'select status, token from appointments where id = $1',
      [tomorrow!.id],
    );
    expect(untouched).toEqual({ status: 'booked', token: null });
  });
});

describe('walk-ins', () => {
  it('joins the queue now with the next token, as long as the doctor’s slots; a retry is the same', async () => {
    const c = await clinic(t);
    // Hours all day today, in 20-minute slots.
    await hours(t, c, today(c), { startTime: '00:00', endTime: '23:59', slotMinutes: 20 });
    const [booked] = await bookedOn(c, 1);
    await post(`/api/appointments/${booked!.id}/check-in`, c.reception);
    const p = await createPatient(t.database.db, { hospital: c.hospital });
    const body = { idempotencyKey: key(), doctorId: c.doctor.id, patientId: p.id, reason: 'Fever' };
    const res = await post('/api/appointments/walk-in', c.reception, body);
    expect(res.statusCode).toBe(201);
    const w = res.json() as Appointment;
    expect(w).toMatchObject({ status: 'checked_in', walkIn: true, token: 2, reason: 'Fever', mrn: p.mrn });
    expect(Date.parse(w.endsAt) - Date.parse(w.startsAt)).toBe(20 * 60_000);
    expect(Math.abs(Date.parse(w.startsAt) - Date.now())).toBeLessThan(60_000);
    const retry = await post('/api/appointments/walk-in', c.reception, body);
    expect([retry.statusCode, retry.json().id]).toEqual([201, w.id]);
    const reused = await post('/api/appointments/walk-in', c.reception, { ...body, reason: 'Other' });
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'IDEMPOTENCY_REUSED']);
    expect(await lastToken(c)).toBe(2);
  });

  it('lasts 15 minutes when the doctor keeps no hours today', async () => {
    const c = await clinic(t);
    const p = await createPatient(t.database.db, { hospital: c.hospital });
    const res = await post('/api/appointments/walk-in', c.reception, {
      idempotencyKey: key(),
      doctorId: c.doctor.id,
      patientId: p.id,
    });
    const w = res.json() as Appointment;
    expect([res.statusCode, w.token]).toEqual([201, 1]);
    expect(Date.parse(w.endsAt) - Date.parse(w.startsAt)).toBe(15 * 60_000);
  });

  it('refuses patients and doctors of other hospitals (404), unapproved doctors, and bad input', async () => {
    const c = await clinic(t);
    const elsewhere = await clinic(t);
    const mine = await createPatient(t.database.db, { hospital: c.hospital });
    const theirs = await createPatient(t.database.db, { hospital: elsewhere.hospital });
    const before = Number((await one<{ n: number }>('select count(*)::int as n from appointments')).n);
    const walkIn = (o: object, headers = c.reception) =>
      post('/api/appointments/walk-in', headers, {
        idempotencyKey: key(),
        doctorId: c.doctor.id,
        patientId: mine.id,
        ...o,
      });
    expect((await walkIn({ patientId: theirs.id })).statusCode).toBe(404);
    expect((await walkIn({ doctorId: elsewhere.doctor.id })).statusCode).toBe(404);
    expect((await walkIn({}, elsewhere.reception)).statusCode).toBe(404);
    expect((await walkIn({}, c.doctor.headers)).statusCode).toBe(403);
    for (const bad of [
      { doctorId: 'x' },
      { patientId: undefined },
      { idempotencyKey: 'short' },
      { walkIn: false },
      { token: 1 },
      { hospitalId: c.hospital.id },
      { reason: 'a'.repeat(600) },
    ]) {
      const res = await walkIn(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [c.doctor.id]);
    const pending = await walkIn({});
    expect([pending.statusCode, pending.json().code]).toEqual([422, 'DOCTOR_NOT_APPROVED']);
    expect(Number((await one<{ n: number }>('select count(*)::int as n from appointments')).n)).toBe(before);
    expect(await lastToken(c)).toBe(0);
  });

  it('holds no slot: the free slots still offer its time, and it can be booked', async () => {
    const { c, day } = await clinicWithHours(t);
    const p = await createPatient(t.database.db, { hospital: c.hospital });
    const id = await insertAppointment(t, c, {
      patientId: p.id,
      bookedBy: c.doctor.userId,
      startsAt: at(c, day, '09:00'),
      endsAt: at(c, day, '09:15'),
    });
    await t.database.query(`update appointments set walk_in = true, status = 'checked_in' where id = $1`, [
      id,
    ]);
    const slots = await get(`/api/doctors/${c.doctor.id}/slots?from=${day}&to=${day}`, c.reception);
    expect(slots.json().slots.map((s: { startsAt: string }) => s.startsAt)).toContain(at(c, day, '09:00'));
    const other = await createPatient(t.database.db, { hospital: c.hospital });
    const booked = await post('/api/appointments', c.reception, {
      idempotencyKey: key(),
      doctorId: c.doctor.id,
      startsAt: at(c, day, '09:00'),
      patientId: other.id,
    });
    expect(booked.statusCode).toBe(201);
  });
});

describe('the doctor’s queue', () => {
  it('calls the lowest waiting token, one patient at a time; sends back; says when nobody waits', async () => {
    const c = await clinic(t);
    const appts = await bookedOn(c, 3);
    // Checked in out of order: tokens follow check-in, not appointment time.
    for (const i of [2, 0, 1]) await post(`/api/appointments/${appts[i]!.id}/check-in`, c.reception);
    const call = await post('/api/queue/call-next', c.doctor.headers);
    expect(call.statusCode).toBe(200);
    expect(call.json()).toMatchObject({ id: appts[2]!.id, status: 'in_consultation', token: 1 });
    expect((call.json() as Appointment).calledAt).not.toBeNull();
    const busy = await post('/api/queue/call-next', c.doctor.headers);
    expect([busy.statusCode, busy.json().code, busy.json().currentToken]).toEqual([
      409,
      'PATIENT_IN_CONSULTATION',
      1,
    ]);
    const mine = (await get('/api/queue/mine', c.doctor.headers)).json() as MyQueue;
    expect(mine.date).toBe(today(c));
    expect(mine.items.map((a) => [a.token, a.status])).toEqual([
      [1, 'in_consultation'],
      [2, 'checked_in'],
      [3, 'checked_in'],
    ]);
    expect(mine.waiting).toBe(2);
    // Sent back: keeps its token; the next call takes the lowest waiting token again.
    const back = await post(`/api/appointments/${appts[2]!.id}/return-to-queue`, c.doctor.headers);
    expect([back.statusCode, back.json().status, back.json().token]).toEqual([200, 'checked_in', 1]);
    expect((await post('/api/queue/call-next', c.doctor.headers)).json().token).toBe(1);
    // Another doctor cannot send it back, nor reach it.
    const other = await doctorAt(t, c.hospital);
    expect((await post(`/api/appointments/${appts[2]!.id}/return-to-queue`, other.headers)).statusCode).toBe(
      404,
    );
    await t.database.query(`update appointments set status = 'completed' where id = $1`, [appts[2]!.id]);
    expect((await post('/api/queue/call-next', c.doctor.headers)).json().token).toBe(2);
    await t.database.query(`update appointments set status = 'completed' where id = $1`, [appts[0]!.id]);
    expect((await post('/api/queue/call-next', c.doctor.headers)).json().token).toBe(3);
    await t.database.query(`update appointments set status = 'completed' where id = $1`, [appts[1]!.id]);
    const empty = await post('/api/queue/call-next', c.doctor.headers);
    expect([empty.statusCode, empty.json().code]).toEqual([409, 'QUEUE_EMPTY']);
  });

  it('two calls at once (a double click, two tabs) call one patient in; the other is told who is in', async () => {
    const c = await clinic(t);
    const appts = await bookedOn(c, 3);
    for (const a of appts) await post(`/api/appointments/${a.id}/check-in`, c.reception);
    const replies = await Promise.all([1, 2, 3].map(() => post('/api/queue/call-next', c.doctor.headers)));
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const r of replies.filter((x) => x.statusCode === 409)) {
      expect([r.json().code, r.json().currentToken]).toEqual(['PATIENT_IN_CONSULTATION', 1]);
    }
    const statuses = await t.database.query<{ token: number; status: string }>(
      'select token, status from appointments where id = any($1) order by token',
      [appts.map((a) => a.id)],
    );
    expect(statuses.rows.map((r) => r.status)).toEqual(['in_consultation', 'checked_in', 'checked_in']);
  });

  it('is the doctor’s alone: reception may not call; a doctor elsewhere sees no one of this queue', async () => {
    const c = await clinic(t);
    const [a] = await bookedOn(c, 1);
    await post(`/api/appointments/${a!.id}/check-in`, c.reception);
    expect((await post('/api/queue/call-next', c.reception)).statusCode).toBe(403);
    expect((await get('/api/queue/mine', c.reception)).statusCode).toBe(403);
    const other = await doctorAt(t, c.hospital);
    const empty = await post('/api/queue/call-next', other.headers);
    expect(empty.json().code).toBe('QUEUE_EMPTY');
    expect(((await get('/api/queue/mine', other.headers)).json() as MyQueue).items).toEqual([]);
    expect((await get('/api/queue/mine?date=tomorrow', c.doctor.headers)).statusCode).toBe(400);
    expect((await get('/api/queue/mine?limit=5', c.doctor.headers)).statusCode).toBe(400);
    expect((await post('/api/queue/call-next', c.doctor.headers, { doctorId: other.id })).statusCode).toBe(
      400,
    );
    expect(
      (await one<{ status: string }>('select status from appointments where id = $1', [a!.id])).status,
    ).toBe('checked_in');
  });
});

describe('the public board', () => {
  it('shows per doctor the token called in and the next waiting, by initials only', async () => {
    const c = await clinic(t);
    const appts = await bookedOn(c, 3);
    for (const a of appts) await post(`/api/appointments/${a.id}/check-in`, c.reception);
    await post('/api/queue/call-next', c.doctor.headers);
    const res = await get(`/api/public/hospitals/${c.hospital.code.toLowerCase()}/queue`);
    expect(res.statusCode).toBe(200);
    const board = res.json() as QueueBoard;
    expect(board.date).toBe(today(c));
    expect(board.doctors).toHaveLength(1);
    expect(board.doctors[0]).toMatchObject({
      doctorId: c.doctor.id,
      current: { token: 1, initials: 'R. V. Q.' },
      next: [
        { token: 2, initials: 'R. V. Q.' },
        { token: 3, initials: 'R. V. Q.' },
      ],
      waiting: 2,
    });
    for (const a of appts) {
      expect(res.body).not.toContain(a.familyName);
      expect(res.body).not.toContain(a.mrn);
      expect(res.body).not.toContain(a.patientId);
      expect(res.body).not.toContain(a.id);
    }
    expect((await get('/api/public/hospitals/NOPE99/queue')).statusCode).toBe(404);
    expect((await get('/api/public/hospitals/a-b/queue')).statusCode).toBe(400);
  });

  it('makes initials of any script, and nothing else of the name', () => {
    expect(initialsOf('Ravi', 'Varma')).toBe('R. V.');
    expect(initialsOf('anil kumar', '')).toBe('A. K.');
    expect(initialsOf('Élodie', "d'Arc")).toBe('É. D.');
    expect(initialsOf('राम', 'शर्मा')).toBe('र. श.');
    expect(initialsOf('  ', '')).toBe('?');
  });
});
