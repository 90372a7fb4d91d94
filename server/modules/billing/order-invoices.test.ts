// Online orders are billed as they are dispensed: one final invoice per order, its lines as the
// order priced them at checkout, paid at pickup or delivery through the usual payment routes; a
// ready order cancelled before collection is credited in full (what was paid goes to the patient's
// advance), so nothing is owed for medicines that went back on the shelf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditNote, Invoice, InvoiceSummary, MyBills } from '../../../contracts/billing';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import type { Ctx } from '../../platform/context';
import { buildTestApp, type TestApp } from '../../test/harness';
import { inDays, medicine, receive } from '../pharmacy/pharmacy.test-helpers';
import { billPharmacyOrder } from './automatic';
import { approvedOrder, desk, pay, send, type Desk } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

/** An order of two medicines by the desk's patient, approved and dispensed by the pharmacist. */
async function dispensedOrder(d: Desk): Promise<PharmacyOrder> {
  const m1 = await medicine(t, d.ph, { salePriceMinor: 1999, taxRateBp: 1200 });
  const m2 = await medicine(t, d.ph, { salePriceMinor: 125, taxRateBp: 1800 });
  for (const m of [m1, m2])
    await receive(t, d.ph, m.id, [
      { batchNumber: `O-${m.id.slice(0, 4)}`, expiryDate: inDays(200), quantity: 20 },
    ]);
  // 59.97 + 7.20 + 1.25 + 0.23, as a counter sale of the same would charge.
  const order = await approvedOrder(
    t,
    d,
    [
      { medicineId: m1.id, quantity: 3 },
      { medicineId: m2.id, quantity: 1 },
    ],
    6865,
  );
  const ready = await send(t, 'POST', `/api/pharmacy/orders/${order.id}/dispense`, d.ph.headers);
  expect(ready.statusCode, ready.body).toBe(200);
  return ready.json() as PharmacyOrder;
}

const invoicesOf = async (d: Desk, sourceId: string) =>
  (
    (await send(t, 'GET', `/api/billing/invoices?sourceId=${sourceId}`, d.ph.headers)).json() as {
      items: InvoiceSummary[];
    }
  ).items;

describe('a dispensed online order', () => {
  it('gets one final invoice as the order priced it, which the pharmacist is paid against at pickup', async () => {
    const d = await desk(t);
    const order = await dispensedOrder(d);
    expect(order.status).toBe('ready');
    const [summary, ...more] = await invoicesOf(d, order.id);
    expect(more).toEqual([]);
    expect(summary).toMatchObject({
      status: 'final',
      source: 'pharmacy_order',
      totalMinor: order.totals.totalMinor,
      balanceMinor: 6865,
      patient: { id: d.patient.id },
    });
    expect(summary!.number).toMatch(/^INV-\d{4}-00001$/);
    const inv = (
      await send(t, 'GET', `/api/billing/invoices/${summary!.id}`, d.ph.headers)
    ).json() as Invoice;
    expect(inv).toMatchObject({ netMinor: order.totals.netMinor, taxMinor: order.totals.taxMinor });
    expect(
      inv.lines.map((l) => [l.kind, l.refId, l.quantity, l.unitPriceMinor, l.taxRateBp, l.totalMinor]),
    ).toEqual(
      order.lines.map((l) => [
        'medicine',
        l.medicineId,
        l.quantity,
        l.unitPriceMinor,
        l.taxRateBp,
        l.totalMinor,
      ]),
    );
    expect(inv.notes).toBe(`Online order ${order.number}`);

    // The patient sees it among their bills and was sent it.
    const mine = (await send(t, 'GET', '/api/billing/mine', d.patient.headers)).json() as MyBills;
    expect(mine.items.map((i) => i.id)).toEqual([inv.id]);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from notification_deliveries where template = 'billing.invoice_issued' and user_id = $1`,
      [d.patient.userId],
    );
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);

    // Paid at the counter on pickup, then collected.
    expect((await pay(t, d.ph.headers, inv.id, { method: 'upi', amountMinor: 6865 })).statusCode).toBe(201);
    const done = await send(t, 'POST', `/api/pharmacy/orders/${order.id}/complete`, d.ph.headers, {
      how: 'collected',
    });
    expect(done.json().status).toBe('completed');
    expect((await invoicesOf(d, order.id))[0]).toMatchObject({ status: 'final', balanceMinor: 0 });
  });

  it('is billed once: dispensing again is refused and billing again returns the same invoice', async () => {
    const d = await desk(t);
    const order = await dispensedOrder(d);
    const again = await send(t, 'POST', `/api/pharmacy/orders/${order.id}/dispense`, d.ph.headers);
    expect(again.statusCode).toBe(409);
    const [inv] = await invoicesOf(d, order.id);
    const ctx = { db: t.database.db } as unknown as Ctx; // an existing bill needs nobody to make it
    const retried = await t.database.db.transaction((tx) => billPharmacyOrder(tx, ctx, order.id));
    expect(retried).toBe(inv!.id);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from invoices where source = 'pharmacy_order' and source_id = $1`,
      [order.id],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('a ready order cancelled before collection', () => {
  it('is credited in full: the invoice is cancelled and nothing is owed', async () => {
    const d = await desk(t);
    const order = await dispensedOrder(d);
    const cancelled = await send(t, 'POST', `/api/pharmacy/orders/${order.id}/cancel`, d.ph.headers, {
      reason: 'Not collected',
    });
    expect(cancelled.json().status).toBe('cancelled');
    const [summary] = await invoicesOf(d, order.id);
    expect(summary).toMatchObject({ status: 'cancelled', creditedMinor: 6865, balanceMinor: 0 });
    const inv = (
      await send(t, 'GET', `/api/billing/invoices/${summary!.id}`, d.ph.headers)
    ).json() as Invoice;
    expect(inv.creditNotes).toEqual([
      expect.objectContaining<Partial<CreditNote>>({
        amountMinor: 6865,
        netMinor: inv.netMinor,
        taxMinor: inv.taxMinor,
        refundMinor: 0,
        refundMethod: null,
        reason: `Online order ${order.number} cancelled before collection: Not collected`,
      }),
    ]);
    expect(inv.creditNotes[0]!.number).toMatch(/^CN-\d{4}-00001$/);
    // The pharmacist prints it (the pharmacy's invoice, so its credit note too).
    const pdf = await send(t, 'GET', `/api/billing/credit-notes/${inv.creditNotes[0]!.id}/pdf`, d.ph.headers);
    expect(pdf.rawPayload.toString('latin1')).toContain(inv.creditNotes[0]!.number);
    const mine = (await send(t, 'GET', '/api/billing/mine', d.patient.headers)).json() as MyBills;
    expect(mine.balances[0]).toMatchObject({ outstandingMinor: 0, advanceMinor: 0 });
  });

  it('gives what was paid on it back to the patient as an advance', async () => {
    const d = await desk(t);
    const order = await dispensedOrder(d);
    const [summary] = await invoicesOf(d, order.id);
    await pay(t, d.ph.headers, summary!.id, { method: 'card', amountMinor: 5000 });
    await send(t, 'POST', `/api/pharmacy/orders/${order.id}/cancel`, d.ph.headers, {});
    const inv = (
      await send(t, 'GET', `/api/billing/invoices/${summary!.id}`, d.ph.headers)
    ).json() as Invoice;
    expect(inv).toMatchObject({ status: 'cancelled', balanceMinor: 0, paidMinor: 0, creditedMinor: 6865 });
    expect(inv.creditNotes[0]).toMatchObject({ refundMinor: 5000, refundMethod: 'advance' });
    expect(inv.creditNotes[0]!.reason).toBe(`Online order ${order.number} cancelled before collection`);
    const account = await send(t, 'GET', `/api/billing/patients/${d.patient.id}/account`, d.reception);
    expect(account.json()).toMatchObject({ outstandingMinor: 0, advanceMinor: 5000 });
  });

  it('an order cancelled before it was dispensed was never billed', async () => {
    const d = await desk(t);
    const m = await medicine(t, d.ph, { salePriceMinor: 250, taxRateBp: 1200 });
    await receive(t, d.ph, m.id, [{ batchNumber: 'NB', expiryDate: inDays(200), quantity: 5 }]);
    const order = await approvedOrder(t, d, [{ medicineId: m.id, quantity: 1 }], 280);
    expect(
      (await send(t, 'POST', `/api/pharmacy/orders/${order.id}/cancel`, d.ph.headers, {})).statusCode,
    ).toBe(200);
    expect(await invoicesOf(d, order.id)).toEqual([]);
  });
});
