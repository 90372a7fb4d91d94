// The demo lab's catalog: every test is one the API itself would accept (the contract's rules on
// limits and analytes), billed as the price-list service of its code at its own hospital, and the
// demo's lab technician finds them through the API, with this morning's orders on the worklist.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateLabTest, type LabTestPage } from '../../../contracts/lab';
import type { LabOrderPage } from '../../../contracts/lab-orders';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { DEMO_PASSWORD } from './demo-data';
import { DEMO_LAB_TESTS } from './demo-lab';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.database, () => undefined);
});
afterAll(() => t.close());

describe('the demo lab catalog', () => {
  it('holds only tests the API would accept, each billed as its own code at its own hospital', async () => {
    const tests = await queryRows<{ hospital: string; code: string; service: string; same: boolean }>(
      t.app.db,
      sql`select h.code as hospital, l.code, s.code as service, s.hospital_id = l.hospital_id as same
            from lab_tests l join hospitals h on h.id = l.hospital_id join billing_services s on s.id = l.service_id
           order by h.code, l.code`,
    );
    const expected = (['CGH', 'RVC'] as const).flatMap((h) =>
      DEMO_LAB_TESTS[h].map((x) => ({ hospital: h, code: x.code, service: x.code, same: true })),
    );
    expect(tests).toEqual(expected.sort((a, b) => (a.hospital + a.code < b.hospital + b.code ? -1 : 1)));

    const lab = await bearerHeaders(t, 'lab@hospitium.example', DEMO_PASSWORD);
    const page = (
      await t.app.inject({ method: 'GET', url: '/api/lab/tests?limit=100', headers: lab })
    ).json<LabTestPage>();
    expect(page.total).toBe(DEMO_LAB_TESTS.CGH.length);
    for (const x of page.items) {
      const { id: _id, service, analytes, createdAt: _c, updatedAt: _u, active: _a, ...fields } = x;
      const again = CreateLabTest.safeParse({
        ...fields,
        serviceId: service.id,
        analytes: analytes.map(({ id: _aid, ...a }) => a),
      });
      expect(again.success, `${x.code}: ${JSON.stringify(again.error?.issues)}`).toBe(true);
      expect(service.priceMinor, x.code).toBeGreaterThan(0);
    }
    const cbc = page.items.find((x) => x.code === 'CBC')!;
    expect(cbc.analytes.find((a) => a.name === 'Haemoglobin')).toMatchObject({
      unit: 'g/dL',
      refLow: 13,
      refLowFemale: 12,
      criticalLow: 7,
    });
  });

  it("gives the lab this morning's work: the urgent order first, one half collected, one done", async () => {
    const lab = await bearerHeaders(t, 'lab@hospitium.example', DEMO_PASSWORD);
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: lab });
    // The to-do list: urgent first, then the oldest first.
    const open = (await get('/api/lab/orders')).json<LabOrderPage>();
    expect(open.items.map((o) => [o.priority, o.items.map((i) => i.status)])).toEqual([
      ['urgent', ['awaiting_sample']],
      ['routine', ['resulted', 'resulted']],
      ['routine', ['collected', 'awaiting_sample']],
      ['routine', ['awaiting_sample', 'awaiting_sample']],
    ]);
    // The demo patient's: both samples in, results entered and flagged, for the senior to verify.
    const done = (await get('/api/lab/orders?status=collected')).json<LabOrderPage>();
    expect(done.items.map((o) => o.items.map((i) => [i.code, i.status]))).toEqual([
      [
        ['CBC', 'resulted'],
        ['LIPID', 'resulted'],
      ],
    ]);
    const lipid = done.items[0]!.items[1]!.results;
    expect(lipid.map((r) => [r.name, r.flag])).toEqual([
      ['Total cholesterol', 'high'],
      ['Triglycerides', 'high'],
      ['HDL cholesterol', 'low'],
      ['LDL cholesterol', 'high'],
      ['VLDL cholesterol', 'high'],
    ]);
    const senior = await bearerHeaders(t, 'lab.senior@hospitium.example', DEMO_PASSWORD);
    const order = done.items[0]!;
    for (const item of order.items) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/lab/orders/${order.id}/items/${item.id}/verify`,
        headers: senior,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const patient = await bearerHeaders(t, 'patient@hospitium.example', DEMO_PASSWORD);
    const mine = await t.app.inject({ method: 'GET', url: '/api/lab/my-orders', headers: patient });
    expect(mine.json<LabOrderPage>().items.map((o) => [o.number, o.status])).toEqual([
      [order.number, 'reported'],
    ]);
    // Numbered without gaps, and the next order takes the next number.
    const all = (await get('/api/lab/orders?status=all')).json<LabOrderPage>();
    expect(all.items.map((o) => o.number).sort()).toEqual([
      'LAB-000001',
      'LAB-000002',
      'LAB-000003',
      'LAB-000004',
    ]);
    const dash = (await get('/api/dashboard')).json<{ cards: { key: string; value?: number }[] }>();
    expect(dash.cards.find((c) => c.key === 'pendingLabOrders')?.value).toBe(3);
  });
});
