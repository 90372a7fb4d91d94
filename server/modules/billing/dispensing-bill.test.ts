// Medicines dispensed on a prescription are billed as they leave the shelf: one final invoice per
// dispensing, priced from the catalog, which the pharmacist sees and takes payment for; a retried
// dispensing bills nothing twice, a partial one bills what was handed over, and a dispensing the
// stock refuses leaves no bill.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispensing, Prescription } from '../../../contracts/dispensing';
import type { Invoice, InvoiceSummary } from '../../../contracts/billing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { inDays, key as pharmacyKey, medicine, receive } from '../pharmacy/pharmacy.test-helpers';
import { desk, pay, send, type Desk } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

async function prescribe(d: Desk, lines: { medicineId: string; quantity: number }[]): Promise<Prescription> {
  const res = await send(t, 'POST', '/api/prescriptions', d.ph.headers, {
    patientId: d.patient.id,
    prescriberName: 'Dr. A. Rao',
    writtenOn: inDays(-1),
    lines,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Prescription;
}

const dispense = (
  d: Desk,
  id: string,
  lines: { lineId: string; quantity: number }[],
  idempotencyKey = pharmacyKey(),
) => send(t, 'POST', `/api/prescriptions/${id}/dispense`, d.ph.headers, { idempotencyKey, lines });

const billsOf = async (d: Desk, sourceId: string) =>
  (
    (await send(t, 'GET', `/api/billing/invoices?sourceId=${sourceId}`, d.ph.headers)).json() as {
      items: InvoiceSummary[];
    }
  ).items;

describe('a dispensed prescription', () => {
  it('is billed once per dispensing at the catalog price, final, for the pharmacist to take payment', async () => {
    const d = await desk(t);
    const m1 = await medicine(t, d.ph, { salePriceMinor: 1999, taxRateBp: 1200 });
    const m2 = await medicine(t, d.ph, { salePriceMinor: 125, taxRateBp: 500 });
    for (const m of [m1, m2])
      await receive(t, d.ph, m.id, [
        { batchNumber: `B-${m.id.slice(0, 4)}`, expiryDate: inDays(300), quantity: 40 },
      ]);
    const rx = await prescribe(d, [
      { medicineId: m1.id, quantity: 10 },
      { medicineId: m2.id, quantity: 6 },
    ]);
    const [l1, l2] = rx.lines;

    // Part of it now: 4 of the first, all 6 of the second.
    const k = pharmacyKey();
    const first = await dispense(
      d,
      rx.id,
      [
        { lineId: l1!.id, quantity: 4 },
        { lineId: l2!.id, quantity: 6 },
      ],
      k,
    );
    expect(first.statusCode, first.body).toBe(200);
    const f = first.json() as Dispensing;
    const [bill] = await billsOf(d, f.id);
    // 4 × 19.99 = 79.96 + 12% 9.60 (9.5952); 6 × 1.25 = 7.50 + 5% 0.38 (0.375, half away from zero).
    expect(bill).toMatchObject({ status: 'final', source: 'dispensing', totalMinor: 7996 + 960 + 750 + 38 });
    expect(bill!.patient?.id).toBe(d.patient.id);
    expect(bill!.number).toMatch(/^INV-\d{4}-00001$/);
    const inv = (await send(t, 'GET', `/api/billing/invoices/${bill!.id}`, d.ph.headers)).json() as Invoice;
    expect(inv.lines.map((l) => [l.kind, l.refId, l.quantity, l.unitPriceMinor, l.taxRateBp])).toEqual([
      ['medicine', m1.id, 4, 1999, 1200],
      ['medicine', m2.id, 6, 125, 500],
    ]);

    // The same request again (a retry) answers the first dispensing and bills nothing more.
    const again = await dispense(
      d,
      rx.id,
      [
        { lineId: l1!.id, quantity: 4 },
        { lineId: l2!.id, quantity: 6 },
      ],
      k,
    );
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Dispensing).id).toBe(f.id);
    const all = (await send(t, 'GET', `/api/billing/invoices?source=dispensing`, d.ph.headers)).json() as {
      total: number;
    };
    expect(all.total).toBe(1);

    // The rest on another day: a second dispensing, a second bill (6 × 19.99 = 119.94 + 12% 14.39).
    const later = await dispense(d, rx.id, [{ lineId: l1!.id, quantity: 6 }]);
    expect(later.statusCode, later.body).toBe(200);
    const rest = later.json() as Dispensing;
    const [second] = await billsOf(d, rest.id);
    expect(second).toMatchObject({ status: 'final', totalMinor: 11_994 + 1439 });
    expect(second!.number).toMatch(/-00002$/);

    // The pharmacist takes payment for it: cash, with change.
    const paid = await pay(t, d.ph.headers, bill!.id, {
      method: 'cash',
      amountMinor: bill!.balanceMinor,
      tenderedMinor: 10_000,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ changeMinor: 10_000 - bill!.balanceMinor });
    const after = (await billsOf(d, f.id))[0]!;
    expect(after.balanceMinor).toBe(0);
  });

  it('leaves no bill when the stock refuses the dispensing', async () => {
    const d = await desk(t);
    const m = await medicine(t, d.ph, { salePriceMinor: 500, taxRateBp: 0 });
    await receive(t, d.ph, m.id, [{ batchNumber: 'ONLY-2', expiryDate: inDays(300), quantity: 2 }]);
    const rx = await prescribe(d, [{ medicineId: m.id, quantity: 5 }]);
    const res = await dispense(d, rx.id, [{ lineId: rx.lines[0]!.id, quantity: 5 }]);
    expect(res.statusCode).toBe(409);
    const all = (await send(t, 'GET', `/api/billing/invoices?source=dispensing`, d.ph.headers)).json() as {
      total: number;
    };
    expect(all.total).toBe(0);
  });
});
