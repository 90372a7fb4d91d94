import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, SlotList } from '../../../contracts/scheduling';
import { localDateOf } from '../../modules/scheduling/local-time';
import { templateSlots } from '../../modules/scheduling/slots';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
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
         order by a.starts_at`,
  );

describe('the demo week of appointments', () => {
  it('books the coming week at City General, an hour ahead at the soonest, and says so', async () => {
    const all = await booked();
    // Three doctors, most days of a week: never none, whatever the day the demo is loaded.
    expect(all.length).toBeGreaterThanOrEqual(15);
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

  it('gives a patient one visit a day at most, none to in-patients, and children to the paediatrician', async () => {
    const all = await booked();
    const perDay = new Set<string>();
    const adultBefore = new Date(seededAt - 18 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    for (const a of all) {
      const key = `${a.patient_id}/${localDateOf(a.starts_ms, a.time_zone)}`;
      expect(perDay.has(key), key).toBe(false);
      perDay.add(key);
      expect(a.admitted).toBe(false);
      expect(a.login === 'paediatrician').toBe(a.date_of_birth > adultBefore);
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
