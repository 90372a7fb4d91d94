import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlotList } from '../../../contracts/scheduling';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { DEMO_HOURS } from './demo-availability';
import { DEMO_PASSWORD } from './demo-data';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.database, () => undefined);
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.db, q);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('demo availability', () => {
  it('gives every approved demo doctor weekly hours, and no one else', async () => {
    const found = await rows<{ email: string; code: string; status: string; windows: number }>(
      sql`select u.email, h.code, d.status,
                 (select count(*)::int from availability_templates a where a.doctor_profile_id = d.id) as windows
            from doctor_profiles d join users u on u.id = d.user_id join hospitals h on h.id = d.hospital_id
           order by u.email, h.code`,
    );
    for (const d of found) {
      const planned = DEMO_HOURS.find(
        (p) => `${p.login}@hospitium.example` === d.email && p.hospital === d.code,
      );
      const expected = planned ? planned.hours.reduce((n, h) => n + h.weekdays.length, 0) : 0;
      expect([d.email, d.code, d.windows]).toEqual([d.email, d.code, expected]);
      if (d.status !== 'approved') expect(d.windows).toBe(0);
    }
    expect(found.filter((d) => d.windows > 0)).toHaveLength(DEMO_HOURS.length);
  });

  it('lets the demo patient see free slots of each of them in the coming week', async () => {
    const headers = await bearerHeaders(t, 'patient@hospitium.example', DEMO_PASSWORD);
    const doctors = await rows<{ id: string }>(
      sql`select distinct a.doctor_profile_id as id from availability_templates a`,
    );
    expect(doctors.length).toBe(DEMO_HOURS.length);
    for (const d of doctors) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/doctors/${d.id}/slots?from=${isoDate(Date.now())}&to=${isoDate(Date.now() + 8 * 86_400_000)}`,
        headers,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect((r.json() as SlotList).slots.length).toBeGreaterThan(0);
    }
  });
});
