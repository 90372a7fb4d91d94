import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, SlotList } from '../../../contracts/scheduling';
import { localDateOf } from '../../modules/scheduling/local-time';
import { templateSlots } from '../../modules/scheduling/slots';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { planDemoAppointments } from './demo-appointments';
import { DEMO_PASSWORD } from './demo-data';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
let seededAt: number;
const logged: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  seededAt = Date.now();
  await seedDemoIfEmpty(t.database, (m) => logged.push(m));
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.db, q);

interface Booked {
  id: string;
  doctor_profile_id: string;
  login: string;
  patient_id: string;
  starts_ms: number;
  ends_ms: number;
  status: string;
  code: string;
  time_zone: string;
  date_of_birth: string;
  admitted: boolean;
}

const booked = () =>
  rows<Booked>(
    sql`select a.id, a.doctor_profile_id, split_part(u.email, '@', 1) as login, a.patient_id,
               (extract(epoch from a.starts_at) * 1000)::float8 as starts_ms,
               (extract(epoch from a.ends_at) * 1000)::float8 as ends_ms, a.status, h.code, h.time_zone, p.date_of_birth::text,
               exists (select 1 from admissions ad where ad.patient_id = a.patient_id and ad.status = 'active') as admitted
          from appointments a
          join doctor_profiles d on d.id = a.doctor_profile_id
          join users u on u.id = d.user_id
          join hospitals h on h.id = a.hospital_id
          join patients p on p.id = a.patient_id
         -- the week's, as demo-appointments.ts writes them (the past visits are demo-visits.test.ts's)
         where a.idempotency_key like 'demo-seed:%'
         order by a.starts_at`,
  );

describe('the demo week of appointments', () => {
  it('books the coming week at City General, an hour ahead at the soonest, and says so', async () => {
    const all = await booked();
    // Three doctors, four or more working days of the week whatever the day the demo is loaded.
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const a of all) {
      expect([a.code, a.status]).toEqual(['CGH', 'booked']);
      expect(a.starts_ms).toBeGreaterThanOrEqual(seededAt + 3600_000 - 5_000);
      expect(a.starts_ms).toBeLessThan(seededAt + 8 * 86_400_000);
    }
    expect(logged.join('\n')).toContain(`${all.length} appointments`);
  });

  it('puts every appointment on a slot its doctor offers', async () => {
    for (const a of await booked()) {
      const templates = await rows<{
        weekday: number;
        start_time: string;
        end_time: string;
        slot_minutes: number;
        effective_from: string;
        effective_to: string | null;
      }>(
        sql`select weekday, start_time::text, end_time::text, slot_minutes, effective_from::text, effective_to::text
              from availability_templates where doctor_profile_id = ${a.doctor_profile_id}`,
      );
      const day = localDateOf(a.starts_ms, a.time_zone);
      const offered = templateSlots(
        templates.map((r) => ({
          weekday: r.weekday,
          startTime: r.start_time.slice(0, 5),
          endTime: r.end_time.slice(0, 5),
          slotMinutes: r.slot_minutes,
          effectiveFrom: r.effective_from,
          effectiveTo: r.effective_to,
        })),
        day,
        day,
        a.time_zone,
      );
      expect(offered).toContainEqual({ start: a.starts_ms, end: a.ends_ms });
    }
  });

  it('gives a patient two visits at most, three days apart, none to in-patients, and children to the paediatrician', async () => {
    const all = await booked();
    const days = new Map<string, number[]>();
    const adultBefore = new Date(seededAt - 18 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    for (const a of all) {
      const day = Date.parse(localDateOf(a.starts_ms, a.time_zone)) / 86_400_000;
      days.set(a.patient_id, [...(days.get(a.patient_id) ?? []), day]);
      expect(a.admitted).toBe(false);
      expect(a.login === 'paediatrician').toBe(a.date_of_birth > adultBefore);
    }
    for (const [patient, seen] of days) {
      expect(seen.length, patient).toBeLessThanOrEqual(2);
      if (seen.length === 2) expect(seen[1]! - seen[0]!, patient).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(all.map((a) => a.login))).toEqual(new Set(['doctor', 'cardiologist', 'paediatrician']));
  });

  it('shows the demo patient a visit to come, and leaves the doctors free slots to book', async () => {
    const headers = await bearerHeaders(t, 'patient@hospitium.example', DEMO_PASSWORD);
    const mine = await t.app.inject({ method: 'GET', url: '/api/appointments/mine', headers });
    expect(mine.statusCode, mine.body).toBe(200);
    const upcoming = (mine.json() as { items: Appointment[] }).items;
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming[0]!.status).toBe('booked');

    const doctor = (await booked())[0]!;
    const day = localDateOf(doctor.starts_ms, doctor.time_zone);
    const slots = await t.app.inject({
      method: 'GET',
      url: `/api/doctors/${doctor.doctor_profile_id}/slots?from=${day}&to=${day}`,
      headers,
    });
    expect(slots.statusCode, slots.body).toBe(200);
    const free = (slots.json() as SlotList).slots;
    expect(free.length).toBeGreaterThan(0);
    expect(free.map((s) => Date.parse(s.startsAt))).not.toContain(doctor.starts_ms);
  });
});

describe('the demo week, whatever the day the demo is loaded', () => {
  const patients = [
    ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({ id, child: false, inpatient: false })),
    ...['c1', 'c2'].map((id) => ({ id, child: true, inpatient: false })),
    { id: 'in', child: false, inpatient: true },
  ];
  // Monday 2027-03-01 to Sunday 2027-03-07, at 07:00 and at 20:00 in Kolkata (01:30 and 14:30 UTC).
  const loads = [1, 2, 3, 4, 5, 6, 7].flatMap((d) =>
    ['01:30', '14:30'].map((t) => new Date(`2027-03-0${d}T${t}:00Z`)),
  );

  it.each(loads)('loaded at %s, it books ten or more, by the rules', (now) => {
    const rows = planDemoAppointments({
      now,
      hospitalId: 'cgh',
      timeZone: 'Asia/Kolkata',
      doctorOf: (login) => `profile-${login}`,
      bookedBy: 'desk',
      patients,
    });
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const byPatient = new Map<string, number[]>();
    for (const r of rows) {
      const starts = (r.startsAt as Date).getTime();
      expect(starts).toBeGreaterThanOrEqual(now.getTime() + 3600_000);
      expect(starts).toBeLessThan(now.getTime() + 8 * 86_400_000);
      expect(r.patientId).not.toBe('in');
      expect(r.patientId.startsWith('c')).toBe(r.doctorProfileId === 'profile-paediatrician');
      const day = Date.parse(localDateOf(starts, 'Asia/Kolkata')) / 86_400_000;
      byPatient.set(r.patientId, [...(byPatient.get(r.patientId) ?? []), day]);
    }
    for (const days of byPatient.values()) {
      expect(days.length).toBeLessThanOrEqual(2);
      if (days.length === 2) expect(days[1]! - days[0]!).toBeGreaterThanOrEqual(3);
    }
    // The first patient in the list (the demo patient) has the first adult visit.
    expect(rows.find((r) => !r.patientId.startsWith('c'))?.patientId).toBe('a1');
  });

  it('books the general physician on a Sunday morning too, so the demo has a day to show on any day', () => {
    // Sunday 2027-03-07 at 07:00 in Kolkata.
    const rows = planDemoAppointments({
      now: new Date('2027-03-07T01:30:00Z'),
      hospitalId: 'cgh',
      timeZone: 'Asia/Kolkata',
      doctorOf: (login) => `profile-${login}`,
      bookedBy: 'desk',
      patients,
    });
    const today = rows.filter(
      (r) => localDateOf((r.startsAt as Date).getTime(), 'Asia/Kolkata') === '2027-03-07',
    );
    expect(today.length).toBeGreaterThan(0);
    expect(new Set(today.map((r) => r.doctorProfileId))).toEqual(new Set(['profile-doctor']));
  });
});
