// Bills that make themselves: a closed consultation leaves a draft with the consultation fee (the
// department's if set, else the doctor's), which the front desk finalises and takes payment for;
// a pharmacy counter sale gets a final invoice the pharmacist sees and takes payment for (and sees
// no other invoice); the patient sees their issued bills, and no one else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice, InvoiceSummary, MyBills } from '../../../contracts/billing';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { key as pharmacyKey, medicine, receive, inDays } from '../pharmacy/pharmacy.test-helpers';
import { desk, finalised, key, pay, send, type Desk } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

async function closeConsultation(d: Desk): Promise<string> {
  const open = await send(t, 'POST', '/api/consultations', d.doctor.headers, { patientId: d.patient.id });
  expect(open.statusCode, open.body).toBe(201);
  const id = (open.json() as { id: string }).id;
  const closed = await send(t, 'POST', `/api/consultations/${id}/close`, d.doctor.headers, {});
  expect(closed.statusCode, closed.body).toBe(200);
  return id;
}

const invoicesOf = async (d: Desk, sourceId: string, headers = d.reception) =>
  (
    (await send(t, 'GET', `/api/billing/invoices?sourceId=${sourceId}`, headers)).json() as {
      items: InvoiceSummary[];
    }
  ).items;

describe('a closed consultation', () => {
  it("bills the doctor's fee as a draft that the front desk completes, finalises and is paid", async () => {
    const d = await desk(t);
    await t.database.query('update doctor_profiles set consultation_fee_minor = 50000 where id = $1', [
      d.doctor.id,
    ]);
    const consultationId = await closeConsultation(d);
    const [summary] = await invoicesOf(d, consultationId);
    expect(summary).toMatchObject({ status: 'draft', source: 'consultation', totalMinor: 50_000 });
    const inv = (await send(t, 'GET', `/api/billing/invoices/${summary!.id}`, d.reception)).json() as Invoice;
    expect(inv).toMatchObject({ doctorId: d.doctor.id, patient: { id: d.patient.id } });
    expect(inv.lines).toEqual([
      expect.objectContaining({
        kind: 'consultation',
        refId: consultationId,
        quantity: 1,
        unitPriceMinor: 50_000,
        taxRateBp: 0,
      }),
    ]);
    expect(inv.lines[0]!.description).toMatch(/^Consultation - Dr /);
    const added = await send(t, 'POST', `/api/billing/invoices/${inv.id}/lines`, d.reception, {
      description: 'Nebulisation',
      unitPriceMinor: 15_000,
      taxRateBp: 0,
    });
    expect(added.json().totalMinor).toBe(65_000);
    const final = (
      await send(t, 'POST', `/api/billing/invoices/${inv.id}/finalise`, d.reception)
    ).json() as Invoice;
    const paid = await pay(t, d.reception, final.id, { amountMinor: 65_000, tenderedMinor: 70_000 });
    expect(paid.json()).toMatchObject({ changeMinor: 5000 });
    expect((await send(t, 'GET', `/api/billing/invoices/${inv.id}`, d.reception)).json()).toMatchObject({
      status: 'final',
      balanceMinor: 0,
    });
  });

  it("bills the department's fee where the hospital set one, and nothing for a free consultation", async () => {
    const d = await desk(t);
    const { rows } = await t.database.query<{ id: string }>(
      `insert into departments (id, hospital_id, name) values (gen_random_uuid(), $1, 'ENT') returning id`,
      [d.hospital.id],
    );
    await t.database.query(
      'update doctor_profiles set department_id = $2, consultation_fee_minor = 40000 where id = $1',
      [d.doctor.id, rows[0]!.id],
    );
    await send(t, 'PUT', `/api/billing/consultation-fees/${rows[0]!.id}`, d.admin, {
      feeMinor: 70_000,
      taxRateBp: 500,
    });
    const [inv] = await invoicesOf(d, await closeConsultation(d));
    // 700.00 + 5% = 35.00 of tax.
    expect(inv).toMatchObject({ status: 'draft', totalMinor: 73_500 });

    await send(t, 'DELETE', `/api/billing/consultation-fees/${rows[0]!.id}`, d.admin);
    await t.database.query('update doctor_profiles set consultation_fee_minor = 0 where id = $1', [
      d.doctor.id,
    ]);
    expect(await invoicesOf(d, await closeConsultation(d))).toEqual([]);
  });
});

describe('a pharmacy counter sale', () => {
  it('gets a final invoice as charged, which the pharmacist sees and takes payment for, and no other', async () => {
    const d = await desk(t);
    const m1 = await medicine(t, d.ph, { salePriceMinor: 1999, taxRateBp: 1200 });
    const m2 = await medicine(t, d.ph, { salePriceMinor: 125, taxRateBp: 1800 });
    for (const m of [m1, m2])
      await receive(t, d.ph, m.id, [
        { batchNumber: `B-${m.id.slice(0, 4)}`, expiryDate: inDays(200), quantity: 50 },
      ]);
    const sale = await send(t, 'POST', '/api/pharmacy/sales', d.ph.headers, {
      idempotencyKey: pharmacyKey(),
      patientId: d.patient.id,
      lines: [
        { medicineId: m1.id, quantity: 3 },
        { medicineId: m2.id, quantity: 1 },
      ],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const s = sale.json() as { id: string; totals: { totalMinor: number; taxMinor: number } };
    const [summary] = await invoicesOf(d, s.id, d.ph.headers);
    expect(summary).toMatchObject({
      status: 'final',
      source: 'pharmacy_sale',
      totalMinor: s.totals.totalMinor,
    });
    // 59.97 + 7.20 (12% of 59.97 = 7.1964) + 1.25 + 0.23 (18% of 1.25 = 0.225) = 68.65.
    expect(summary!.totalMinor).toBe(6865);
    expect(summary!.number).toMatch(/^INV-\d{4}-00001$/);
    const inv = (
      await send(t, 'GET', `/api/billing/invoices/${summary!.id}`, d.ph.headers)
    ).json() as Invoice;
    expect(inv.taxMinor).toBe(s.totals.taxMinor);
    expect(inv.lines.map((l) => l.kind)).toEqual(['medicine', 'medicine']);
    expect((await pay(t, d.ph.headers, inv.id, { method: 'upi', amountMinor: 6865 })).statusCode).toBe(201);
    const pdf = await send(t, 'GET', `/api/billing/invoices/${inv.id}/pdf`, d.ph.headers);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // The pharmacist sees only the pharmacy's invoices.
    const other = await finalised(t, d, [{ unitPriceMinor: 100 }]);
    expect((await send(t, 'GET', `/api/billing/invoices/${other.id}`, d.ph.headers)).statusCode).toBe(404);
    expect((await pay(t, d.ph.headers, other.id, { amountMinor: 100 })).statusCode).toBe(404);
    const list = (await send(t, 'GET', '/api/billing/invoices', d.ph.headers)).json() as {
      items: InvoiceSummary[];
    };
    expect(list.items.map((i) => i.id)).toEqual([inv.id]);
    expect((await send(t, 'GET', '/api/billing/invoices?source=manual', d.ph.headers)).json().total).toBe(0);

    // A walk-in customer's sale is invoiced with no patient.
    const walkIn = await send(t, 'POST', '/api/pharmacy/sales', d.ph.headers, {
      idempotencyKey: pharmacyKey(),
      lines: [{ medicineId: m2.id, quantity: 2 }],
    });
    const [w] = await invoicesOf(d, (walkIn.json() as { id: string }).id);
    expect(w).toMatchObject({ patient: null, status: 'final', totalMinor: 295 });
    expect((await pay(t, d.ph.headers, w!.id, { amountMinor: 300, advance: true })).json().code).toBe(
      'RULE_VIOLATION',
    );
  });
});

describe("a patient's own bills", () => {
  it('lists their issued invoices and balances, never drafts or anyone else’s', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 20_000 }]);
    await pay(t, d.reception, inv.id, { amountMinor: 5000 });
    await send(t, 'POST', '/api/billing/invoices', d.reception, { patientId: d.patient.id, lines: [] });
    await send(t, 'POST', '/api/billing/advances', d.reception, {
      idempotencyKey: key(),
      patientId: d.patient.id,
      method: 'cash',
      amountMinor: 1000,
    });
    const mine = (await send(t, 'GET', '/api/billing/mine', d.patient.headers)).json() as MyBills;
    expect(mine.items.map((i) => i.id)).toEqual([inv.id]);
    expect(mine.balances).toEqual([
      {
        hospitalId: d.hospital.id,
        hospitalName: d.hospital.name,
        currency: 'INR',
        outstandingMinor: 15_000,
        advanceMinor: 1000,
      },
    ]);
    expect((await send(t, 'GET', `/api/billing/mine/${inv.id}`, d.patient.headers)).json()).toMatchObject({
      timeZone: d.hospital.timeZone,
      balanceMinor: 15_000,
      payments: [{ amountMinor: 5000 }],
    });
    const pdf = await send(t, 'GET', `/api/billing/mine/${inv.id}/pdf`, d.patient.headers);
    expect(pdf.rawPayload.toString('latin1')).toContain('Balance due');

    const { user } = await createPatientUser(t.database.db, { hospital: d.hospital });
    const stranger = await sessionHeaders(t.database.db, user);
    expect((await send(t, 'GET', `/api/billing/mine/${inv.id}`, stranger)).statusCode).toBe(404);
    expect((await send(t, 'GET', `/api/billing/mine/${inv.id}/pdf`, stranger)).statusCode).toBe(404);
    expect(((await send(t, 'GET', '/api/billing/mine', stranger)).json() as MyBills).items).toEqual([]);
    expect((await send(t, 'GET', `/api/billing/invoices/${inv.id}`, d.patient.headers)).statusCode).toBe(403);
  });
});
