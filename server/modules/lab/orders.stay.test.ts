// Lab orders of a patient in a bed (ADR 30): charged on the stay's bill at the price each test had
// when ordered, no invoice of their own; on the running bill and the discharge's invoice, and off
// them once cancelled; the discharge refused while a sample is awaited; no cancelling once the stay
// is billed; an out-patient's order, or one for a patient in a bed at another hospital, billed as a
// draft as before; a price the order cannot keep refused; a discharge and an order at the same
// moment never leave a test unbilled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../contracts/billing';
import type { AdmissionCharges, DischargedAdmission } from '../../../contracts/discharge';
import type { LabOrder } from '../../../contracts/lab-orders';
import type { Admission } from '../../../contracts/wards';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { key } from '../billing/billing.test-helpers';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { summaryBody } from '../wards/discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from '../wards/wards.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

interface Lab extends Site {
  tech: AuthHeaders;
  /** Tests and the price-list services they are billed as. */
  cbc: { id: string; serviceId: string };
  lipid: { id: string; serviceId: string };
  free: { id: string; serviceId: string };
  /** Priced above what a test's kept price (an integer column) can hold. */
  dear: { id: string; serviceId: string };
}

/**
 * A hospital with its lab: CBC at 300.00 with 5% tax, LIPID at 600.00 with 12%, FREE at nothing,
 * DEAR at 30,000,000.00.
 */
async function lab(): Promise<Lab> {
  const s = await site(t);
  const tech = await staffAt(t, s.hospital, 'lab_technician');
  const test = async (code: string, priceMinor: number, taxRateBp: number) => {
    const svc = await call(t, 'POST', '/api/billing/services', s.admin, {
      code,
      name: `${code} service`,
      priceMinor,
      taxRateBp,
    });
    expect(svc.statusCode, svc.body).toBe(201);
    const serviceId = svc.json<{ id: string }>().id;
    const res = await call(t, 'POST', '/api/lab/tests', tech, {
      code,
      name: `${code} test`,
      sampleType: 'whole_blood',
      turnaroundHours: 6,
      serviceId,
      analytes: [{ name: 'Value', kind: 'numeric', unit: 'g/dL', refLow: 1, refHigh: 2 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json<{ id: string }>().id, serviceId };
  };
  return {
    ...s,
    tech,
    cbc: await test('CBC', 30_000, 500),
    lipid: await test('LIPID', 60_000, 1200),
    free: await test('FREE', 0, 0),
    dear: await test('DEAR', 3_000_000_000, 0),
  };
}

/** A patient of the lab's hospital admitted to a fresh bed (150.00 a day, no tax). */
async function inBed(l: Site) {
  const { beds } = await wardWithBeds(t, l, 1);
  const patient = await patientAt(t, l);
  const res = await admit(t, l.reception, patient.id, beds[0]!.id);
  expect(res.statusCode, res.body).toBe(201);
  return { patient, a: res.json<Admission>() };
}

const order = async (l: Lab, patientId: string, tests: { id: string }[], headers = l.reception) => {
  const res = await call(t, 'POST', '/api/lab/orders', headers, {
    idempotencyKey: key(),
    patientId,
    testIds: tests.map((x) => x.id),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LabOrder>();
};
const collectAll = async (l: Lab, o: LabOrder) => {
  for (const item of o.items) {
    const res = await call(t, 'POST', `/api/lab/orders/${o.id}/items/${item.id}/collect`, l.tech, {});
    expect(res.statusCode, res.body).toBe(200);
  }
};
const cancel = (l: Lab, o: LabOrder) =>
  call(t, 'POST', `/api/lab/orders/${o.id}/cancel`, l.reception, { reason: 'Not needed after all' });
const charges = async (l: Site, a: Admission) => {
  const res = await call(t, 'GET', `/api/wards/admissions/${a.id}/charges`, l.reception);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AdmissionCharges>();
};
const discharge = (l: Site, a: Admission) =>
  call(t, 'POST', `/api/wards/admissions/${a.id}/discharge`, l.nurse, summaryBody());
const labLines = (c: AdmissionCharges) =>
  c.services.map((v) => [v.serviceId, v.name, v.quantity, v.unitPriceMinor, v.taxRateBp, v.totalMinor]);
const labInvoices = (o: LabOrder) =>
  count(t, `invoices where source = 'lab_order' and source_id = $1`, [o.id]);

describe("an in-patient's lab orders", () => {
  it('go on the stay’s bill at the price they had when ordered, and hold up the discharge until collected', async () => {
    const l = await lab();
    const { a } = await inBed(l);
    const o = await order(l, a.patient.id, [l.cbc, l.lipid]);
    expect(o).toMatchObject({ admissionId: a.id, invoiceId: null, status: 'awaiting_sample' });
    expect(await labInvoices(o)).toBe(0);
    const { rows } = await t.database.query<{ accession: string; price: number; tax: number }>(
      `select accession, unit_price_minor::float8 as price, tax_rate_bp as tax from lab_order_items
        where order_id = $1 order by position`,
      [o.id],
    );
    expect(rows).toEqual([
      { accession: `${o.number}-1`, price: 30_000, tax: 500 },
      { accession: `${o.number}-2`, price: 60_000, tax: 1200 },
    ]);
    expect(
      await count(
        t,
        `audit_events where action = 'lab.order.created' and entity_id = $1 and after->>'admissionId' = $2`,
        [o.id, a.id],
      ),
    ).toBe(1);

    // The price list changes after the order: the stay keeps the prices the tests were ordered at.
    const dearer = await call(t, 'PATCH', `/api/billing/services/${l.cbc.serviceId}`, l.admin, {
      priceMinor: 99_900,
    });
    expect(dearer.statusCode, dearer.body).toBe(200);
    // And the lipid test is billed as another service from now on: the stay keeps the one it was
    // ordered as, with its price.
    const moved = await call(t, 'PATCH', `/api/lab/tests/${l.lipid.id}`, l.tech, {
      serviceId: l.dear.serviceId,
    });
    expect(moved.statusCode, moved.body).toBe(200);

    // One bed-day (150,000, untaxed), CBC 30,000 + 5% (31,500), LIPID 60,000 + 12% (67,200).
    const running = await charges(l, a);
    expect(labLines(running)).toEqual([
      [l.cbc.serviceId, `Lab: CBC - CBC test (${o.number}-1)`, 1, 30_000, 500, 31_500],
      [l.lipid.serviceId, `Lab: LIPID - LIPID test (${o.number}-2)`, 1, 60_000, 1200, 67_200],
    ]);
    expect([running.netMinor, running.taxMinor, running.totalMinor]).toEqual([240_000, 8700, 248_700]);
    expect(running.check).toMatchObject({ unbilledMinor: 248_700, labOrdersAwaitingSample: [o.number] });
    const check = await call(t, 'GET', `/api/wards/admissions/${a.id}/discharge-check`, l.reception);
    expect(check.json()).toMatchObject({ labOrdersAwaitingSample: [o.number] });

    // A sample still to be taken: the discharge is refused and nothing changes.
    const early = await discharge(l, a);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ code: 'LAB_SAMPLES_PENDING' });
    expect(early.json<{ detail: string }>().detail).toContain(o.number);
    expect(await count(t, `admissions where id = $1 and status = 'active'`, [a.id])).toBe(1);
    expect(await count(t, `invoices where source = 'admission' and source_id = $1`, [a.id])).toBe(0);

    await collectAll(l, o);
    expect((await charges(l, a)).check.labOrdersAwaitingSample).toEqual([]);
    const out = await discharge(l, a);
    expect(out.statusCode, out.body).toBe(200);
    const d = out.json<DischargedAdmission>();
    expect(d.check.labOrdersAwaitingSample).toEqual([]);
    const invoice = (
      await call(t, 'GET', `/api/billing/invoices/${d.check.admissionInvoice!.id}`, l.admin)
    ).json<Invoice>();
    expect(invoice).toMatchObject({
      status: 'final',
      source: 'admission',
      totalMinor: 248_700,
      taxMinor: 8700,
    });
    expect(
      invoice.lines
        .filter((x) => x.description.startsWith('Lab: '))
        .map((x) => [
          x.kind,
          x.refId,
          x.description,
          x.quantity,
          x.unitPriceMinor,
          x.taxRateBp,
          x.taxMinor,
          x.totalMinor,
        ]),
    ).toEqual([
      ['service', l.cbc.serviceId, `Lab: CBC - CBC test (${o.number}-1)`, 1, 30_000, 500, 1500, 31_500],
      [
        'service',
        l.lipid.serviceId,
        `Lab: LIPID - LIPID test (${o.number}-2)`,
        1,
        60_000,
        1200,
        7200,
        67_200,
      ],
    ]);
    expect(await labInvoices(o)).toBe(0);

    // The stay is billed: even a test waiting again for a sample (the lab rejected one) is not
    // cancelled; a wrong charge is put right with a credit note.
    const rejected = await call(t, 'POST', `/api/lab/orders/${o.id}/items/${o.items[0]!.id}/reject`, l.tech, {
      reason: 'Clotted',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const late = await cancel(l, o);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json<{ detail: string }>().detail).toMatch(/discharged/);
    expect(await count(t, `lab_orders where id = $1 and status = 'cancelled'`, [o.id])).toBe(0);
  });

  it('leave the stay’s bill when cancelled before collection, and tests that cost nothing never show', async () => {
    const l = await lab();
    const { a } = await inBed(l);
    const dropped = await order(l, a.patient.id, [l.cbc]);
    const kept = await order(l, a.patient.id, [l.lipid, l.free]);
    expect((await charges(l, a)).check.labOrdersAwaitingSample).toEqual([dropped.number, kept.number]);

    const res = await cancel(l, dropped);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LabOrder>()).toMatchObject({ status: 'cancelled', admissionId: a.id, invoiceId: null });
    expect(await count(t, `invoices where patient_id = $1`, [a.patient.id])).toBe(0);

    const running = await charges(l, a);
    expect(labLines(running)).toEqual([
      [l.lipid.serviceId, `Lab: LIPID - LIPID test (${kept.number}-1)`, 1, 60_000, 1200, 67_200],
    ]);
    expect(running.totalMinor).toBe(150_000 + 67_200);
    expect(running.check.labOrdersAwaitingSample).toEqual([kept.number]);

    await collectAll(l, kept);
    const out = await discharge(l, a);
    expect(out.statusCode, out.body).toBe(200);
    const invoice = (
      await call(
        t,
        'GET',
        `/api/billing/invoices/${out.json<DischargedAdmission>().check.admissionInvoice!.id}`,
        l.admin,
      )
    ).json<Invoice>();
    expect(invoice.lines.map((x) => x.description)).toEqual([
      expect.stringMatching(/^Bed-days, /),
      `Lab: LIPID - LIPID test (${kept.number}-1)`,
    ]);
    expect(invoice.totalMinor).toBe(217_200);
  });

  it('are billed as a draft of their own for an out-patient, and for a patient in a bed at another hospital', async () => {
    const l = await lab();
    const outpatient = await patientAt(t, l);
    const walkIn = await order(l, outpatient.id, [l.cbc, l.lipid]);
    expect(walkIn).toMatchObject({ admissionId: null, invoiceId: expect.any(String) });
    const draft = (
      await call(t, 'GET', `/api/billing/invoices/${walkIn.invoiceId}`, l.admin)
    ).json<Invoice>();
    expect(draft).toMatchObject({ status: 'draft', source: 'lab_order', totalMinor: 98_700 });
    expect(draft.lines.map((x) => [x.kind, x.description, x.unitPriceMinor, x.taxRateBp])).toEqual([
      ['service', 'CBC - CBC test', 30_000, 500],
      ['service', 'LIPID - LIPID test', 60_000, 1200],
    ]);
    // The out-patient's tests keep their prices too.
    expect(
      await count(
        t,
        `lab_order_items where order_id = $1 and unit_price_minor is not null and tax_rate_bp is not null`,
        [walkIn.id],
      ),
    ).toBe(2);

    // In a bed at another hospital, and registered here too: this hospital bills its own tests.
    const other = await site(t);
    const { patient, a } = await inBed(other);
    await t.database.query(
      `insert into patient_registrations (id, patient_id, hospital_id, mrn) values (gen_random_uuid(), $1, $2, $3)`,
      [patient.id, l.hospital.id, `X-${key()}`],
    );
    const here = await order(l, patient.id, [l.cbc]);
    expect(here).toMatchObject({ admissionId: null, invoiceId: expect.any(String) });
    expect(labLines(await charges(other, a))).toEqual([]);

    // A price beyond 32 bits (the price list allows it) is kept whole, as money is everywhere.
    const dear = await call(t, 'POST', '/api/lab/orders', l.reception, {
      idempotencyKey: key(),
      patientId: outpatient.id,
      testIds: [l.cbc.id, l.dear.id],
    });
    expect(dear.statusCode, dear.body).toBe(201);
    const kept = await t.database.query<{ unit_price_minor: string }>(
      'select unit_price_minor from lab_order_items where order_id = $1 order by position',
      [dear.json<{ id: string }>().id],
    );
    expect(kept.rows.map((r) => Number(r.unit_price_minor))[1]).toBe(3_000_000_000);
  });
});

describe('an order and a discharge at the same moment', () => {
  it('an order placed while the discharge waits is seen by it: the discharge is refused', async () => {
    const l = await lab();
    const { a } = await inBed(l);
    // Something else holds the admission (a transfer in flight): the order queues first, then the discharge.
    const held = await t.database.connectDedicated('test: the admission held');
    try {
      await held.query('begin');
      await held.query('select id from admissions where id = $1 for update', [a.id]);
      const ordering = call(t, 'POST', '/api/lab/orders', l.reception, {
        idempotencyKey: key(),
        patientId: a.patient.id,
        testIds: [l.cbc.id],
      });
      await waitForLockWaiters(t.database, 1);
      const discharging = discharge(l, a);
      await waitForLockWaiters(t.database, 2);
      await held.query('rollback');
      const [o, d] = await Promise.all([ordering, discharging]);
      expect(o.statusCode, o.body).toBe(201);
      expect(o.json<LabOrder>()).toMatchObject({ admissionId: a.id, invoiceId: null });
      expect(d.statusCode, d.body).toBe(409);
      expect(d.json()).toMatchObject({ code: 'LAB_SAMPLES_PENDING' });
    } finally {
      await held.end();
    }
  });

  it('an order waiting on a discharge that commits finds no stay, and is billed on its own', async () => {
    const l = await lab();
    const { a } = await inBed(l);
    // The discharge's own write to the admission, held open: the order waits for it.
    const held = await t.database.connectDedicated('test: a discharge in flight');
    try {
      await held.query('begin');
      await held.query(`update admissions set status = 'discharged', discharged_at = now() where id = $1`, [
        a.id,
      ]);
      const ordering = call(t, 'POST', '/api/lab/orders', l.reception, {
        idempotencyKey: key(),
        patientId: a.patient.id,
        testIds: [l.cbc.id],
      });
      await waitForLockWaiters(t.database, 1);
      await held.query('commit');
      const o = await ordering;
      expect(o.statusCode, o.body).toBe(201);
      const placed = o.json<LabOrder>();
      expect(placed).toMatchObject({ admissionId: null, invoiceId: expect.any(String) });
      expect(await labInvoices(placed)).toBe(1);
    } finally {
      await held.end();
    }
  });
});
