// Weekly hours, leave and holidays through the API, and the free slots they leave — in the
// hospital's time zone, across a daylight-saving change, refusing bad input without writing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlotList } from '../../../contracts/scheduling';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { at, clinic, doctorAt, hours, inDays, patientUser } from './scheduling.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const slotsOf = async (headers: object, doctorId: string, from: string, to = from) =>
  t.app.inject({
    method: 'GET',
    url: `/api/doctors/${doctorId}/slots?from=${from}&to=${to}`,
    headers: headers as Record<string, string>,
  });

const count = async (table: string) =>
  Number((await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);

describe('weekly hours', () => {
  it('cuts the hours into slots a patient can see, in the hospital’s time zone', async () => {
    const c = await clinic(t);
    const day = inDays(10);
    await hours(t, c, day);
    const { headers } = await patientUser(t);
    const res = await slotsOf(headers, c.doctor.id, day);
    expect(res.statusCode).toBe(200);
    const list = res.json() as SlotList;
    expect(list.timeZone).toBe('Asia/Kolkata');
    expect(list.slots).toHaveLength(12);
    expect(list.slots[0]).toEqual({ startsAt: at(c, day, '09:00'), endsAt: at(c, day, '09:15') });
    expect(list.slots[0]!.startsAt).toBe(`${day}T03:30:00.000Z`);
    // The week before and after have the same weekday; other days have none.
    const week = (await slotsOf(headers, c.doctor.id, inDays(4), inDays(17))).json() as SlotList;
    expect(week.slots).toHaveLength(24);
  });

  it('gives the right instants on the day the clocks change (Europe/London)', async () => {
    const c = await clinic(t, 'Europe/London');
    const year = new Date().getUTCFullYear() + 1;
    // The last Sundays of March and October: summer time starts and ends.
    const lastSunday = (month: number) => {
      const d = new Date(Date.UTC(year, month + 1, 0));
      d.setUTCDate(d.getUTCDate() - d.getUTCDay());
      return d.toISOString().slice(0, 10);
    };
    const spring = lastSunday(2);
    const autumn = lastSunday(9);
    await hours(t, c, spring, { slotMinutes: 60 });
    const { headers } = await patientUser(t);
    const starts = async (day: string) =>
      ((await slotsOf(headers, c.doctor.id, day)).json() as SlotList).slots.map((s) => s.startsAt);
    expect(await starts(spring)).toEqual([
      `${spring}T08:00:00.000Z`,
      `${spring}T09:00:00.000Z`,
      `${spring}T10:00:00.000Z`,
    ]);
    expect(await starts(autumn)).toEqual([
      `${autumn}T09:00:00.000Z`,
      `${autumn}T10:00:00.000Z`,
      `${autumn}T11:00:00.000Z`,
    ]);
  });

  it('lets a doctor edit only their own hours, and an admin any doctor’s here', async () => {
    const c = await clinic(t);
    const other = await doctorAt(t, c.hospital);
    const day = inDays(12);
    const payload = {
      doctorId: other.id,
      weekday: 1,
      startTime: '09:00',
      endTime: '10:00',
      slotMinutes: 15,
      effectiveFrom: day,
    };
    const post = (headers: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/availability/templates',
        headers: headers as Record<string, string>,
        payload,
      });
    expect((await post(c.doctor.headers)).statusCode).toBe(404);
    const made = await post(c.admin);
    expect(made.statusCode).toBe(201);
    // Overlapping hours on the same weekday are refused; touching ones are fine.
    expect((await post(c.admin)).json()).toMatchObject({ code: 'CONFLICT' });
    const touching = await t.app.inject({
      method: 'POST',
      url: '/api/availability/templates',
      headers: other.headers,
      payload: { ...payload, startTime: '10:00', endTime: '11:00' },
    });
    expect(touching.statusCode).toBe(201);
    // Another hospital's admin cannot see or remove them.
    const elsewhere = await clinic(t);
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/availability?doctorId=${other.id}`,
      headers: elsewhere.admin,
    });
    expect(get.statusCode).toBe(404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/availability/templates/${made.json().id}`,
      headers: elsewhere.admin,
    });
    expect(del.statusCode).toBe(404);
    const mine = await t.app.inject({ method: 'GET', url: '/api/availability', headers: other.headers });
    expect(mine.json().templates).toHaveLength(2);
  });

  it('six overlapping windows sent at once behind one in flight: one is added, five CONFLICT', async () => {
    // Each insert's no-overlap check waits for the others' uncommitted windows; without a turn
    // taken first, those waits close in circles that PostgreSQL ends as deadlocks (503).
    const c = await clinic(t);
    const day = inDays(20);
    const held = await t.database.connectDedicated('test: hours in flight');
    try {
      await held.query('begin');
      await held.query(
        `insert into availability_templates (id, hospital_id, doctor_profile_id, weekday, start_time, end_time, slot_minutes, effective_from)
         values (gen_random_uuid(), $1, $2, 3, '08:00', '09:00', 15, $3)`,
        [c.hospital.id, c.doctor.id, day],
      );
      const replies = Promise.all(
        ['08:30', '08:45', '08:15', '08:50', '08:20', '08:40'].map((startTime) =>
          t.app.inject({
            method: 'POST',
            url: '/api/availability/templates',
            headers: c.doctor.headers,
            payload: {
              doctorId: c.doctor.id,
              weekday: 3,
              startTime,
              endTime: '10:00',
              slotMinutes: 15,
              effectiveFrom: day,
            },
          }),
        ),
      );
      await waitForLockWaiters(t.database, 6);
      await held.query('rollback');
      const answers = (await replies).map((r) => [r.statusCode, r.json().code]);
      expect(answers.filter(([status]) => status === 201)).toHaveLength(1);
      expect(answers.filter(([status]) => status !== 201)).toEqual(Array(5).fill([409, 'CONFLICT']));
    } finally {
      await held.end();
    }
  });

  it('refuses bad hours with 400 and writes nothing', async () => {
    const c = await clinic(t);
    const good = {
      doctorId: c.doctor.id,
      weekday: 2,
      startTime: '09:00',
      endTime: '12:00',
      slotMinutes: 15,
      effectiveFrom: inDays(1),
    };
    const before = await count('availability_templates');
    const bad: Record<string, unknown>[] = [
      { slotMinutes: 0 },
      { slotMinutes: 1000 },
      { slotMinutes: 7.5 },
      { weekday: 0 },
      { weekday: 8 },
      { startTime: '12:00', endTime: '09:00' },
      { startTime: '09:00', endTime: '09:00' },
      { startTime: '9:00' },
      { endTime: '24:00' },
      { effectiveFrom: '2027-02-30' },
      { effectiveFrom: inDays(10), effectiveTo: inDays(5) },
      { hospitalId: c.hospital.id },
      { doctorId: 'not-a-uuid' },
    ];
    for (const b of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/availability/templates',
        headers: c.admin,
        payload: { ...good, ...b },
      });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await count('availability_templates')).toBe(before);
  });

  it('refuses slot ranges that are backwards, too long or not dates', async () => {
    const c = await clinic(t);
    const { headers } = await patientUser(t);
    for (const [from, to] of [
      [inDays(5), inDays(4)],
      [inDays(1), inDays(40)],
      ['2027-13-01', '2027-13-02'],
      ['tomorrow', 'later'],
    ]) {
      expect((await slotsOf(headers, c.doctor.id, from!, to)).statusCode, `${from}..${to}`).toBe(400);
    }
    expect((await slotsOf(headers, '01900000-0000-7000-8000-000000000000', inDays(1))).statusCode).toBe(404);
  });
});

describe('leave and holidays', () => {
  it('takes away a time range of leave, and whole days of a hospital holiday', async () => {
    const c = await clinic(t);
    const day = inDays(9);
    await hours(t, c, day);
    const { headers } = await patientUser(t);
    const leave = await t.app.inject({
      method: 'POST',
      url: '/api/availability/exceptions',
      headers: c.doctor.headers,
      payload: {
        doctorId: c.doctor.id,
        startsOn: day,
        endsOn: day,
        startTime: '09:00',
        endTime: '10:00',
        reason: 'Ward round',
      },
    });
    expect(leave.statusCode).toBe(201);
    const after = (await slotsOf(headers, c.doctor.id, day)).json() as SlotList;
    expect(after.slots).toHaveLength(8);
    expect(after.slots[0]!.startsAt).toBe(at(c, day, '10:00'));
    // A doctor cannot close the hospital; an admin can.
    const holiday = { doctorId: null, startsOn: day, endsOn: day, reason: 'Founders’ day' };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/availability/exceptions',
      headers: c.doctor.headers,
      payload: holiday,
    });
    expect(refused.statusCode).toBe(403);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/availability/exceptions',
      headers: c.admin,
      payload: holiday,
    });
    expect(made.statusCode).toBe(201);
    expect(((await slotsOf(headers, c.doctor.id, day)).json() as SlotList).slots).toEqual([]);
    // Withdrawn, the slots come back (all but the leave).
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/availability/exceptions/${made.json().id}`,
      headers: c.admin,
    });
    expect(del.statusCode).toBe(200);
    expect(((await slotsOf(headers, c.doctor.id, day)).json() as SlotList).slots).toHaveLength(8);
  });

  it('refuses a half-given time range and backwards dates', async () => {
    const c = await clinic(t);
    const base = { doctorId: c.doctor.id, startsOn: inDays(3), endsOn: inDays(3), reason: 'Leave' };
    for (const b of [
      { startTime: '09:00' },
      { endsOn: inDays(1) },
      { startTime: '11:00', endTime: '10:00' },
      { reason: '' },
      { doctorId: undefined },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/availability/exceptions',
        headers: c.admin,
        payload: { ...base, ...b },
      });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
    }
  });
});

describe("the doctor finder's next free time", () => {
  const nextFree = (headers: object, ids: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/doctors/next-free?ids=${ids}`,
      headers: headers as Record<string, string>,
    });

  it('gives each bookable doctor their first free slot, skips taken ones, and leaves out the unbookable', async () => {
    const c = await clinic(t);
    await hours(t, c, inDays(8));
    const idle = await doctorAt(t, c.hospital); // no hours at all
    const pending = await doctorAt(t, c.hospital);
    await hours(t, c, inDays(8), { doctor: pending });
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [pending.id]);
    const { headers } = await patientUser(t);
    const slots = ((await slotsOf(headers, c.doctor.id, inDays(0), inDays(13))).json() as SlotList).slots;
    expect(slots.length).toBeGreaterThan(1);

    const ids = [c.doctor.id, idle.id, pending.id].join(',');
    const before = await nextFree(headers, ids);
    expect(before.statusCode).toBe(200);
    expect(before.json().items).toEqual([
      { doctorId: c.doctor.id, timeZone: 'Asia/Kolkata', startsAt: slots[0]!.startsAt },
      { doctorId: idle.id, timeZone: 'Asia/Kolkata', startsAt: null },
    ]);
    expect((await nextFree(headers, [idle.id, c.doctor.id].join(','))).json().items[0].doctorId).toBe(
      idle.id,
    );

    // Someone books the first one: the next free time is the second slot.
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      headers: headers as Record<string, string>,
      payload: { idempotencyKey: `k-${Date.now()}`, doctorId: c.doctor.id, startsAt: slots[0]!.startsAt },
    });
    expect(booked.statusCode).toBe(201);
    const after = (await nextFree(headers, c.doctor.id)).json().items;
    expect(after).toEqual([
      { doctorId: c.doctor.id, timeZone: 'Asia/Kolkata', startsAt: slots[1]!.startsAt },
    ]);
  });

  it('refuses a list that is not doctors’ ids, or too long, and anyone signed out', async () => {
    const { headers } = await patientUser(t);
    const many = Array.from({ length: 101 }, () => '01a238e1-fc1e-733b-89d9-7b47a0337e8d').join(',');
    for (const ids of ['', 'not-a-uuid', `01a238e1-fc1e-733b-89d9-7b47a0337e8d,x`, many]) {
      expect((await nextFree(headers, ids)).statusCode, ids.slice(0, 40)).toBe(400);
    }
    expect((await nextFree({}, '01a238e1-fc1e-733b-89d9-7b47a0337e8d')).statusCode).toBe(401);
  });
});
