// The demo wards: beds across five wards, patients in some, a month of discharges behind the
// occupancy chart, charting and services charged for those still in (a discharged stay's on its
// bill), a discharge summary to print, and nothing that breaks the rules the app keeps (one
// patient per bed, stays matching the beds' states).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccupancyReport } from '../../../contracts/ward-occupancy';
import type { WardChargeList } from '../../../contracts/ward-charges';
import type { Admission, BedBoard } from '../../../contracts/wards';
import { buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { DEMO_PASSWORD } from './demo-data';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
let cgh: string;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.database, () => undefined);
  cgh = (await queryRows<{ id: string }>(t.app.db, sql`select id from hospitals where code = 'CGH'`))[0]!.id;
});
afterAll(() => t.close());

async function call(login: string, url: string) {
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { email: `${login}@hospitium.example`, password: DEMO_PASSWORD },
  });
  return t.app.inject({
    method: 'GET',
    url,
    headers: {
      authorization: `Bearer ${token.json().accessToken}`,
      // Staff act at City General; a patient reads their own, at no hospital.
      ...(login === 'patient' ? {} : { 'x-hospital-id': cgh }),
    },
  });
}
async function get<T>(login: string, url: string): Promise<T> {
  const r = await call(login, url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

describe('the demo wards', () => {
  it('show the nurse a board with patients in beds and every state a bed can be in', async () => {
    const board = await get<BedBoard>('nurse', '/api/wards/board');
    const beds = board.wards.flatMap((w) => w.beds);
    expect(board.wards.map((w) => w.name)).toEqual([
      'General Ward A',
      'ICU',
      'Maternity',
      'Paediatric',
      'Private Rooms',
    ]);
    expect(beds).toHaveLength(22);
    const states = new Map<string, number>();
    for (const b of beds) states.set(b.state, (states.get(b.state) ?? 0) + 1);
    expect(Object.fromEntries(states)).toEqual({
      occupied: 5,
      available: 14,
      cleaning: 1,
      reserved: 1,
      maintenance: 1,
    });
    // Every occupied bed has its patient, and no free bed has one.
    expect(beds.every((b) => (b.state === 'occupied') === (b.patient !== null))).toBe(true);
  });

  it('give the occupancy chart a month of history and the admin’s card its figures', async () => {
    const r = await get<OccupancyReport>('cgh.admin', '/api/wards/occupancy');
    expect(r.days.at(-1)).toEqual({ day: expect.any(String), occupied: 5, beds: 22 });
    expect(new Set(r.days.map((d) => d.occupied)).size).toBeGreaterThan(2);
    expect(r.averageStayDays).toBeGreaterThan(1);
  });

  it('chart the vitals of the patients still in, and the general ward gives medicines from its store', async () => {
    const page = await get<{ items: Admission[] }>('nurse', '/api/wards/admissions?status=active');
    expect(page.items).toHaveLength(5);
    const longest = page.items.find((a) => a.stays.length === 2)!;
    expect(longest.stays.map((s) => s.wardName)).toEqual(['ICU', 'General Ward A']);
    const vitals = await get<{ items: unknown[] }>('nurse', `/api/wards/admissions/${longest.id}/vitals`);
    expect(vitals.items).toHaveLength(6);
    const [ward] = await queryRows<{ store: string | null }>(
      t.app.db,
      sql`select s.kind as store from wards w left join stores s on s.id = w.store_id where w.name = 'General Ward A'`,
    );
    expect(ward!.store).toBe('ward');
  });

  it('show the services charged on the wards, and put a discharged stay’s on its bill', async () => {
    const page = await get<{ items: Admission[] }>('nurse', '/api/wards/admissions?status=active');
    const pneumonia = page.items.find((a) => a.reason === 'Community-acquired pneumonia')!;
    const charges = await get<WardChargeList>(
      'nurse',
      `/api/wards/admissions/${pneumonia.id}/service-charges`,
    );
    expect(charges.items.map((c) => [c.code, c.quantity]).sort()).toEqual([
      ['NEB', 1],
      ['NEB', 2],
      ['XR-CHEST', 1],
    ]);
    // Priced from the price list, given after admission and before now.
    for (const c of charges.items) {
      expect(c.unitPriceMinor).toBeGreaterThan(0);
      expect(Date.parse(c.givenAt)).toBeGreaterThan(Date.parse(pneumonia.admittedAt));
      expect(Date.parse(c.givenAt)).toBeLessThan(Date.now());
    }
    const billed = await queryRows<{ quantity: number }>(
      t.app.db,
      sql`select l.quantity from invoice_lines l join invoices i on i.id = l.invoice_id
            join admissions a on a.id = i.source_id join billing_services s on s.id = l.ref_id
           where a.reason = 'Asthma attack' and s.code = 'NEB'`,
    );
    expect(billed.map((l) => Number(l.quantity)).reduce((x, y) => x + y, 0)).toBe(5);
  });

  it('print the discharge summary of a patient discharged last month, for them too', async () => {
    const page = await get<{ items: Admission[] }>('nurse', '/api/wards/admissions?status=discharged');
    expect(page.items).toHaveLength(7);
    const mine = await queryRows<{ id: string }>(
      t.app.db,
      sql`select a.id from admissions a join patients p on p.id = a.patient_id join users u on u.id = p.user_id
           where u.email = 'patient@hospitium.example'`,
    );
    expect(mine).toHaveLength(1);
    const dengue = page.items.find((a) => a.id === mine[0]!.id)!;
    expect(dengue.discharge).toMatchObject({
      condition: 'recovered',
      diagnoses: [{ code: 'A90', primary: true }],
    });
    const pdf = await call('patient', `/api/wards/admissions/${dengue.id}/discharge-summary.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  });
});
