// FHIR Slot: a schedule's slots laid out as /api/doctors/:id/slots lays them out, free, busy
// (booked) or busy-unavailable (leave), each read back by its id; the start window is bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlotList } from '../../../contracts/scheduling';
import { createHospital } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  at,
  bookVia,
  clinicWithHours,
  doctorAt,
  fhirGet,
  inDays,
  patientUser,
  type Clinic,
} from './scheduling.test-helpers';

let t: TestApp;
let day: string;
let c: Clinic;

beforeAll(async () => {
  t = await buildTestApp();
  ({ c, day } = await clinicWithHours(t));
  await bookVia(t, (await patientUser(t)).headers, c, at(c, day, '10:00'));
  // Leave for the last hour of the day.
  const leave = await t.app.inject({
    method: 'POST',
    url: '/api/availability/exceptions',
    headers: c.doctor.headers as Record<string, string>,
    payload: {
      doctorId: c.doctor.id,
      startsOn: day,
      endsOn: day,
      startTime: '11:00',
      endTime: '12:00',
      reason: 'Board',
    },
  });
  expect(leave.statusCode).toBe(201);
});
afterAll(async () => t?.close());

const get = (url: string, headers: object = c.reception) => fhirGet(t, url, headers);
type SlotJson = { id: string; status: string; start: string; end: string; schedule: { reference: string } };
const slotsOf = async (q: string, headers?: object) => {
  const res = await get(`/fhir/R4/Slot?schedule=Schedule/${c.doctor.id}&${q}`, headers);
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  const bundle = res.json() as { total: number; entry?: { resource: SlotJson }[] };
  return { total: bundle.total, slots: (bundle.entry ?? []).map((e) => e.resource) };
};

describe('FHIR Slot', () => {
  it('lays out the day as the free-slot list does: free, busy where booked, busy-unavailable on leave', async () => {
    const { total, slots } = await slotsOf(`start=eq${day}&_count=100`);
    expect(total).toBe(12);
    expect(slots[0]).toEqual({
      resourceType: 'Slot',
      id: `${c.doctor.id}-${day.replaceAll('-', '')}T0330`,
      schedule: { reference: `Schedule/${c.doctor.id}` },
      status: 'free',
      start: at(c, day, '09:00'),
      end: at(c, day, '09:15'),
    });
    // Soonest first.
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort());
    const byStart = new Map(slots.map((s) => [s.start, s.status]));
    expect(byStart.get(at(c, day, '10:00'))).toBe('busy');
    for (const time of ['11:00', '11:15', '11:30', '11:45'])
      expect(byStart.get(at(c, day, time)), time).toBe('busy-unavailable');
    // The free ones are exactly what /api lists.
    const api = (await get(`/api/doctors/${c.doctor.id}/slots?from=${day}&to=${day}`)).json() as SlotList;
    expect(slots.filter((s) => s.status === 'free').map((s) => [s.start, s.end])).toEqual(
      api.slots.map((s) => [s.startsAt, s.endsAt]),
    );
  });

  it('filters by status, and pages', async () => {
    expect((await slotsOf(`start=eq${day}&status=free`)).total).toBe(7);
    expect((await slotsOf(`start=eq${day}&status=busy`)).slots.map((s) => s.start)).toEqual([
      at(c, day, '10:00'),
    ]);
    expect((await slotsOf(`start=eq${day}&status=busy,busy-unavailable`)).total).toBe(5);
    const page = await slotsOf(`start=eq${day}&_count=5&_offset=10`);
    expect(page.slots.map((s) => s.start)).toEqual([at(c, day, '11:30'), at(c, day, '11:45')]);
  });

  it('bounds the start window: ge the next 31 days, le from now, none the next 31 days', async () => {
    // The hours are on the weekday of tomorrow (UTC) and of `day`, a week later: from now on, five
    // of them fall in 31 days; lt `day` is tomorrow's alone, le `day` takes `day` too.
    expect((await slotsOf('')).total).toBe(60);
    expect((await slotsOf(`start=ge${day}`)).total).toBe(60);
    expect((await slotsOf(`start=ge${day}`)).slots[0]!.start).toBe(at(c, day, '09:00'));
    expect((await slotsOf(`start=lt${day}`)).total).toBe(12);
    expect((await slotsOf(`start=le${day}`)).total).toBe(24);
    expect((await slotsOf(`start=lt${inDays(-1)}`)).total).toBe(0);
    for (const q of [
      `start=eq${day.slice(0, 4)}`,
      `start=ne${day}`,
      `start=le${inDays(40)}`,
      'status=open',
    ]) {
      const res = await get(`/fhir/R4/Slot?schedule=Schedule/${c.doctor.id}&${q}`);
      expect(res.statusCode, q).toBe(400);
    }
    expect((await get(`/fhir/R4/Slot?start=ge${day}`)).statusCode).toBe(400);
  });

  it('reads a slot back by its id, with its state now', async () => {
    const { slots } = await slotsOf(`start=eq${day}&status=busy`);
    const res = await get(`/fhir/R4/Slot/${slots[0]!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ resourceType: 'Slot', ...slots[0] });
    const byId = (await get(`/fhir/R4/Slot?_id=${slots[0]!.id}`)).json();
    expect(byId).toMatchObject({ total: 1, entry: [{ resource: { id: slots[0]!.id, status: 'busy' } }] });
    // Not the start of a slot, a date that does not exist, not a slot id at all.
    const compact = day.replaceAll('-', '');
    for (const id of [`${c.doctor.id}-${compact}T0335`, `${c.doctor.id}-20270231T0330`, c.doctor.id]) {
      expect((await get(`/fhir/R4/Slot/${id}`)).statusCode, id).toBe(404);
    }
  });

  it("shows nothing of another hospital's doctor; a patient sees a bookable doctor's slots", async () => {
    const elsewhere = await doctorAt(t, await createHospital(t.database.db));
    const res = (await get(`/fhir/R4/Slot?schedule=Schedule/${elsewhere.id}`)).json();
    expect(res.total).toBe(0);
    const { slots } = await slotsOf(`start=eq${day}&status=busy`);
    const otherStaff = await clinicWithHours(t);
    expect((await get(`/fhir/R4/Slot/${slots[0]!.id}`, otherStaff.c.reception)).statusCode).toBe(404);
    const p = await patientUser(t);
    expect((await slotsOf(`start=eq${day}&status=free`, p.headers)).total).toBe(7);
  });

  it('offers no free slot of a doctor who cannot be booked: theirs are busy-unavailable', async () => {
    const { c: c2, day: day2 } = await clinicWithHours(t);
    // Approved, but no longer holding the doctor role here.
    await t.database.query(
      `update memberships set active = false where role = 'doctor' and user_id = $1 and hospital_id = $2`,
      [c2.doctor.userId, c2.hospital.id],
    );
    const res = (
      await get(`/fhir/R4/Slot?schedule=Schedule/${c2.doctor.id}&start=eq${day2}&_count=100`, c2.reception)
    ).json() as { total: number; entry: { resource: SlotJson }[] };
    expect(res.total).toBe(12);
    expect(new Set(res.entry.map((e) => e.resource.status))).toEqual(new Set(['busy-unavailable']));
  });
});
