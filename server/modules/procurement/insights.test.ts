// Spend by month (approved orders by the month of their approval at the hospital's clock, cancelled
// ones left out, every one of the last 12 months listed) and the procurement dashboard figures:
// orders awaiting approval, deliveries due within the week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcurementInsights, PurchaseOrder } from '../../../contracts/procurement';
import { buildTestApp, type TestApp } from '../../test/harness';
import { inDays, staffAt } from '../pharmacy/pharmacy.test-helpers';
import { approvedOrder, buyer, draftOrder, send, type Buyer } from './procurement.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const TZ = 'Asia/Kolkata'; // the test hospitals' zone

/** Moves an order's approval to the 15th of the month `monthsAgo` months back, at the hospital. */
async function approvedMonthsAgo(orderId: string, monthsAgo: number): Promise<string> {
  const r = await t.database.query<{ month: string }>(
    `update purchase_orders
        set approved_at = (date_trunc('month', now() at time zone $2) - make_interval(months => $3)
                           + interval '14 days 12 hours') at time zone $2
      where id = $1
      returning to_char(approved_at at time zone $2, 'YYYY-MM') as month`,
    [orderId, TZ, monthsAgo],
  );
  return r.rows[0]!.month;
}

const insights = async (b: Buyer, headers = b.officer) => {
  const r = await send(t, 'GET', '/api/procurement/insights', headers);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ProcurementInsights;
};

describe('GET /api/procurement/insights', () => {
  it('sums approved orders by approval month over the last 12 months, zero where nothing was bought', async () => {
    const b = await buyer(t);
    const empty = await insights(b);
    expect(empty.currency).toBe('INR');
    expect(empty.spendByMonth).toHaveLength(12);
    expect(empty.spendByMonth.every((m) => m.totalMinor === 0)).toBe(true);
    const thisMonth = (
      await t.database.query<{ m: string }>(`select to_char(now() at time zone $1, 'YYYY-MM') as m`, [TZ])
    ).rows[0]!.m;
    expect(empty.spendByMonth.at(-1)!.month).toBe(thisMonth);
    // Consecutive months, oldest first.
    const stamps = empty.spendByMonth.map((m) => {
      const [y, mo] = m.month.split('-').map(Number);
      return y! * 12 + mo!;
    });
    expect(stamps.every((s, i) => i === 0 || s === stamps[i - 1]! + 1)).toBe(true);

    await approvedOrder(t, b, 2, 1000); // 2 medicines × 2 packs × 10.00 = 40.00, this month
    const earlier = await approvedOrder(t, b, 1, 500); // 10.00, three months ago
    const threeAgo = await approvedMonthsAgo(earlier.id, 3);
    const old = await approvedOrder(t, b, 1, 9999); // 13 months ago: outside the window
    await approvedMonthsAgo(old.id, 13);
    const cancelled = await approvedOrder(t, b, 1, 7777);
    await send(t, 'POST', `/api/purchase-orders/${cancelled.id}/cancel`, b.officer, { reason: 'Not needed' });
    await draftOrder(t, b, 1, 3333); // a draft is not spend
    // An amended order counts once, by the revision that replaced it (the original is cancelled).
    const amended = await approvedOrder(t, b, 1, 100); // 2.00
    const rev = (
      await send(t, 'POST', `/api/purchase-orders/${amended.id}/amend`, b.officer)
    ).json() as PurchaseOrder;
    await send(t, 'PATCH', `/api/purchase-orders/${rev.id}`, b.officer, {
      lines: [{ medicineId: b.meds[0]!.id, packs: 3, unitPriceMinor: 100 }],
    });
    expect((await send(t, 'POST', `/api/purchase-orders/${rev.id}/submit`, b.officer)).json()).toMatchObject({
      status: 'approved',
    });

    const s = await insights(b);
    expect(s.spendByMonth).toHaveLength(12);
    const byMonth = new Map(s.spendByMonth.map((m) => [m.month, m.totalMinor]));
    expect(byMonth.get(thisMonth)).toBe(4000 + 300);
    expect(byMonth.get(threeAgo)).toBe(1000);
    expect(s.spendByMonth.filter((m) => m.totalMinor > 0)).toHaveLength(2);

    // Another hospital's spend is its own; the pharmacist may look, the receptionist may not.
    expect((await insights(await buyer(t))).spendByMonth.every((m) => m.totalMinor === 0)).toBe(true);
    expect((await insights(b, b.p.headers)).spendByMonth).toEqual(s.spendByMonth);
    const receptionist = await staffAt(t, b.p.hospital, 'receptionist');
    expect((await send(t, 'GET', '/api/procurement/insights', receptionist)).statusCode).toBe(403);
    expect((await send(t, 'GET', '/api/procurement/insights?x=1', b.officer)).statusCode).toBe(400);
  });
});

describe('dashboard figures', () => {
  const figures = async (headers: Buyer['officer']) => {
    const d = (await send(t, 'GET', '/api/dashboard', headers)).json() as {
      cards: { key: string; value?: number }[];
    };
    return Object.fromEntries(d.cards.map((c) => [c.key, c.value]));
  };

  it('counts orders awaiting approval for the officer and the admin, and deliveries due within the week', async () => {
    const b = await buyer(t);
    await send(t, 'PUT', '/api/procurement/settings', b.admin, {
      approvalThresholdMinor: 1000,
      overDeliveryPercent: 10,
      safetyStockDays: 7,
    });
    const draft = await draftOrder(t, b, 2, 1000);
    expect(await figures(b.officer)).toMatchObject({ purchaseOrdersAwaitingApproval: 0, deliveriesDue: 0 });
    await send(t, 'POST', `/api/purchase-orders/${draft.id}/submit`, b.officer);
    expect(await figures(b.officer)).toMatchObject({
      openPurchaseOrders: 1,
      purchaseOrdersAwaitingApproval: 1,
      deliveriesDue: 0,
    });
    expect((await figures(b.admin)).purchaseOrdersAwaitingApproval).toBe(1);
    expect(await figures(await buyer(t).then((o) => o.officer))).toMatchObject({
      purchaseOrdersAwaitingApproval: 0,
    });

    const due = async (expectedOn: string) => {
      const o = (
        await send(t, 'POST', '/api/purchase-orders', b.officer, {
          supplierId: b.supplier.id,
          storeId: b.p.store.id,
          expectedOn,
          lines: [{ medicineId: b.meds[0]!.id, packs: 1, unitPriceMinor: 10 }],
        })
      ).json() as PurchaseOrder;
      const r = await send(t, 'POST', `/api/purchase-orders/${o.id}/submit`, b.officer);
      expect(r.json()).toMatchObject({ status: 'approved' }); // 10 is under the threshold
      return o;
    };
    await due(inDays(3));
    await due(inDays(30)); // not within the week
    const overdue = await due(inDays(3));
    await t.database.query(`update purchase_orders set expected_on = current_date - 5 where id = $1`, [
      overdue.id,
    ]);
    await send(t, 'POST', `/api/purchase-orders/${draft.id}/approve`, b.admin); // no expected date
    expect(await figures(b.officer)).toMatchObject({
      openPurchaseOrders: 4,
      purchaseOrdersAwaitingApproval: 0,
      deliveriesDue: 2,
    });
    // The pharmacist's dashboard does not carry procurement's figures.
    expect(await figures(b.p.headers)).not.toHaveProperty('deliveriesDue');
  });
});
