// The revenue cards come from billing: the hospital admin's is everything invoiced today less what
// was credited today; the pharmacist's the same for the pharmacy's invoices only (counter sales and
// online orders as they are dispensed). Neither counts another hospital's bills.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dashboard } from '../../../contracts/dashboard';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { approvedOrder, desk, finalised, key, send } from '../billing/billing.test-helpers';
import { inDays, key as pharmacyKey, medicine, receive } from '../pharmacy/pharmacy.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

async function cardValue(headers: AuthHeaders, key: string) {
  const res = await send(t, 'GET', '/api/dashboard', headers);
  expect(res.statusCode).toBe(200);
  const c = Dashboard.parse(res.json()).cards.find((x) => x.key === key);
  return c?.available ? c.value : c;
}

describe('the revenue cards', () => {
  it("show the admin today's invoiced revenue and the pharmacist the pharmacy's, less credits", async () => {
    const d = await desk(t);
    const elsewhere = await desk(t);
    await finalised(t, elsewhere, [{ unitPriceMinor: 99_900 }]);
    expect(await cardValue(d.admin, 'revenueToday')).toBe(0);
    expect(await cardValue(d.ph.headers, 'pharmacySalesToday')).toBe(0);

    // A bill at the desk (1,000.00), a counter sale (2 × 2.80) and an online order (3 × 2.80).
    const desk1 = await finalised(t, d, [{ unitPriceMinor: 100_000 }]);
    const m = await medicine(t, d.ph, { salePriceMinor: 250, taxRateBp: 1200 });
    await receive(t, d.ph, m.id, [{ batchNumber: 'D1', expiryDate: inDays(200), quantity: 20 }]);
    const sale = await send(t, 'POST', '/api/pharmacy/sales', d.ph.headers, {
      idempotencyKey: pharmacyKey(),
      lines: [{ medicineId: m.id, quantity: 2 }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const order = await approvedOrder(t, d, [{ medicineId: m.id, quantity: 3 }], 840);
    // Placed, not yet dispensed: not revenue.
    expect(await cardValue(d.ph.headers, 'pharmacySalesToday')).toBe(560);
    await send(t, 'POST', `/api/pharmacy/orders/${order.id}/dispense`, d.ph.headers);
    expect(await cardValue(d.ph.headers, 'pharmacySalesToday')).toBe(560 + 840);
    expect(await cardValue(d.admin, 'revenueToday')).toBe(100_000 + 560 + 840);

    // Credits issued today come off: part of the desk's bill, and the order cancelled before pickup.
    const credit = await send(t, 'POST', `/api/billing/invoices/${desk1.id}/credit-notes`, d.admin, {
      idempotencyKey: key(),
      reason: 'Charged one too many',
      amountMinor: 25_000,
    });
    expect(credit.statusCode, credit.body).toBe(201);
    await send(t, 'POST', `/api/pharmacy/orders/${order.id}/cancel`, d.ph.headers, {
      reason: 'Not collected',
    });
    expect(await cardValue(d.ph.headers, 'pharmacySalesToday')).toBe(560);
    expect(await cardValue(d.admin, 'revenueToday')).toBe(75_000 + 560);
    // The pharmacist has no whole-hospital revenue card; the admin no pharmacy one.
    expect(await cardValue(d.ph.headers, 'revenueToday')).toBeUndefined();
    expect(await cardValue(d.admin, 'pharmacySalesToday')).toBeUndefined();
  });
});
