// Lab orders: a walk-in's order billed as a draft of its tests, samples collected one by one with
// their accession numbers and labels, the order from a consultation by its own doctor only, retries
// answered with the same order, cancellation with its bill put right, bad input refused whole, and
// who may do what, each at their own hospital only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../contracts/billing';
import type { LabOrder, LabOrderPage } from '../../../contracts/lab-orders';
import type { HospitalRole } from '../../../contracts/roles';
import { createHospital, createPatient, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { key } from '../billing/billing.test-helpers';
import { consultationHelpers, type Setup } from '../clinical/consultations.test-helpers';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const { call, count, setup, walkIn } = consultationHelpers(() => t);

interface Lab extends Setup {
  as: (role: HospitalRole) => Promise<AuthHeaders>;
  tech: AuthHeaders;
  admin: AuthHeaders;
  cbc: string;
  lipid: string;
}

async function lab(): Promise<Lab> {
  const s = await setup();
  const as = (role: HospitalRole) => staffAt(t, s.hospital, role);
  const admin = await as('hospital_admin');
  const tech = await as('lab_technician');
  const test = async (code: string, priceMinor: number, turnaroundHours: number) => {
    const svc = await call('POST', '/api/billing/services', admin, {
      code,
      name: `${code} service`,
      priceMinor,
      taxRateBp: 500,
    });
    expect(svc.statusCode, svc.body).toBe(201);
    const res = await call('POST', '/api/lab/tests', tech, {
      code,
      name: `${code} test`,
      sampleType: code === 'LIPID' ? 'serum' : 'whole_blood',
      turnaroundHours,
      instructions: 'EDTA tube',
      serviceId: svc.json<{ id: string }>().id,
      analytes: [{ name: 'Value', kind: 'numeric', unit: 'g/dL', refLow: 1, refHigh: 2 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  return { ...s, as, admin, tech, cbc: await test('CBC', 30_000, 6), lipid: await test('LIPID', 60_000, 24) };
}

const order = async (l: Lab, headers: AuthHeaders, over: object = {}) => {
  const res = await call('POST', '/api/lab/orders', headers, {
    idempotencyKey: key(),
    patientId: l.patient.id,
    testIds: [l.cbc, l.lipid],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LabOrder>();
};
const collect = (l: Lab, o: LabOrder, i: number, headers = l.tech, note?: string) =>
  call('POST', `/api/lab/orders/${o.id}/items/${o.items[i]!.id}/collect`, headers, note ? { note } : {});
const invoiceOf = async (l: Lab, id: string) =>
  (await call('GET', `/api/billing/invoices/${id}`, l.admin)).json<Invoice>();

describe('lab orders', () => {
  it('bills a walk-in order as a draft, and collects its samples one by one', async () => {
    const l = await lab();
    const o = await order(l, l.receptionist, { priority: 'urgent', clinicalNote: 'Fasting since 10 pm' });
    expect(o).toMatchObject({
      number: 'LAB-000001',
      source: 'walk_in',
      consultationId: null,
      priority: 'urgent',
      clinicalNote: 'Fasting since 10 pm',
      status: 'awaiting_sample',
      patient: { id: l.patient.id, sex: 'female', dateOfBirth: '1980-05-20' },
      cancelled: null,
    });
    expect(o.items.map((i) => [i.code, i.sampleType, i.accession, i.status, i.dueAt])).toEqual([
      ['CBC', 'whole_blood', 'LAB-000001-1', 'awaiting_sample', null],
      ['LIPID', 'serum', 'LAB-000001-2', 'awaiting_sample', null],
    ]);
    // The bill: one draft line per test at its service's price and tax, for the front desk.
    const invoice = await invoiceOf(l, o.invoiceId!);
    expect(invoice).toMatchObject({ status: 'draft', source: 'lab_order', totalMinor: 94_500 });
    expect(invoice.lines.map((x) => [x.kind, x.description, x.unitPriceMinor])).toEqual([
      ['service', 'CBC - CBC test', 30_000],
      ['service', 'LIPID - LIPID test', 60_000],
    ]);
    expect(await count(`audit_events where action = 'lab.order.created' and entity_id = $1`, [o.id])).toBe(1);

    // The worklist, as the lab sees it; and the technician's dashboard counts it.
    const list = (await call('GET', '/api/lab/orders', l.tech)).json<LabOrderPage>();
    expect(list.items.map((x) => x.number)).toEqual(['LAB-000001']);
    const dash = (await call('GET', '/api/dashboard', l.tech)).json<{
      cards: { key: string; value?: number }[];
    }>();
    expect(dash.cards.find((c) => c.key === 'pendingLabOrders')).toMatchObject({ value: 1 });

    const one = await collect(l, o, 0, l.tech, 'Slightly haemolysed');
    expect(one.statusCode, one.body).toBe(200);
    const half = one.json<LabOrder>();
    expect(half.status).toBe('awaiting_sample');
    const first = half.items[0]!;
    expect(first).toMatchObject({ status: 'collected', sampleNote: 'Slightly haemolysed' });
    expect(Date.parse(first.dueAt!) - Date.parse(first.collectedAt!)).toBe(6 * 3_600_000);
    expect(first.collectedBy?.name).toBeTruthy();

    const again = await collect(l, o, 0);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'INVALID_TRANSITION' });

    // A nurse collects too (on the ward); then the whole order is in.
    const nurse = await collect(l, o, 1, l.nurse);
    expect(nurse.statusCode, nurse.body).toBe(200);
    expect(nurse.json<LabOrder>().status).toBe('collected');
    const waiting = (
      await call('GET', '/api/lab/orders?status=awaiting_sample', l.tech)
    ).json<LabOrderPage>();
    expect(waiting.total).toBe(0);
    // Still on the lab's to-do list (the default): its results are to come.
    const todo = (await call('GET', '/api/lab/orders', l.tech)).json<LabOrderPage>();
    expect(todo.items.map((x) => x.id)).toEqual([o.id]);
    const collected = (await call('GET', '/api/lab/orders?status=collected', l.tech)).json<LabOrderPage>();
    expect(collected.items.map((x) => x.id)).toEqual([o.id]);

    // A collected order can no longer be cancelled.
    const cancel = await call('POST', `/api/lab/orders/${o.id}/cancel`, l.receptionist, {
      reason: 'Wrong test',
    });
    expect(cancel.statusCode).toBe(409);
    expect(await count(`lab_orders where id = $1 and status = 'collected'`, [o.id])).toBe(1);
  });

  it('prints a label per sample with its accession number and the patient', async () => {
    const l = await lab();
    const o = await order(l, l.tech);
    const res = await call('GET', `/api/lab/orders/${o.id}/labels.pdf`, l.tech);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = res.body;
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    for (const i of o.items) expect(text).toContain(`(${i.accession})`);
    expect(text).toContain(`(${o.patient.name})`);
    expect(text).toContain('(Whole blood)');
    // Those who do not collect samples do not print their labels.
    expect((await call('GET', `/api/lab/orders/${o.id}/labels.pdf`, l.receptionist)).statusCode).toBe(403);
  });

  it('finds an order by a sample’s accession number, as a scanned label types it, at its hospital only', async () => {
    const l = await lab();
    const o = await order(l, l.tech);
    await order(l, l.tech); // another order of the same patient, not to be found
    const find = async (q: string, headers = l.tech) =>
      (
        await call('GET', `/api/lab/orders?status=all&q=${encodeURIComponent(q)}`, headers)
      ).json<LabOrderPage>();
    for (const q of [
      o.items[1]!.accession,
      o.items[1]!.accession.toLowerCase(),
      ` ${o.items[0]!.accession} `,
    ]) {
      expect(
        (await find(q)).items.map((x) => x.id),
        q,
      ).toEqual([o.id]);
    }
    expect((await find(`${o.number}-9`)).total).toBe(0);
    const other = await lab();
    expect((await find(o.items[0]!.accession, other.tech)).total).toBe(0);
  });

  it('takes an order from a consultation from its own doctor only, while it is open', async () => {
    const l = await lab();
    const c = await walkIn(l);
    const o = await order(l, l.doctor.headers, { consultationId: c.id });
    expect(o).toMatchObject({ source: 'consultation', consultationId: c.id, priority: 'routine' });
    const mine = (
      await call('GET', `/api/lab/orders?consultationId=${c.id}&status=all`, l.doctor.headers)
    ).json<LabOrderPage>();
    expect(mine.items.map((x) => x.id)).toEqual([o.id]);

    const before = await count('lab_orders');
    const otherDoctor = await l.as('doctor');
    const refused = await call('POST', '/api/lab/orders', otherDoctor, {
      idempotencyKey: key(),
      patientId: l.patient.id,
      consultationId: c.id,
      testIds: [l.cbc],
    });
    expect(refused.statusCode).toBe(403);
    // Another patient's consultation is not found for this patient.
    const stranger = await createPatient(t.database.db, { hospital: l.hospital });
    const wrongPatient = await call('POST', '/api/lab/orders', l.doctor.headers, {
      idempotencyKey: key(),
      patientId: stranger.id,
      consultationId: c.id,
      testIds: [l.cbc],
    });
    expect(wrongPatient.statusCode).toBe(404);
    const closed = await call('POST', `/api/consultations/${c.id}/close`, l.doctor.headers, {});
    expect(closed.statusCode, closed.body).toBe(200);
    const late = await call('POST', '/api/lab/orders', l.doctor.headers, {
      idempotencyKey: key(),
      patientId: l.patient.id,
      consultationId: c.id,
      testIds: [l.cbc],
    });
    expect(late.statusCode).toBe(409);
    expect(await count('lab_orders')).toBe(before);
  });

  it('answers a retry with the same order, and refuses its key for another', async () => {
    const l = await lab();
    const body = { idempotencyKey: key(), patientId: l.patient.id, testIds: [l.cbc] };
    const [a, b] = await Promise.all([
      call('POST', '/api/lab/orders', l.receptionist, body),
      call('POST', '/api/lab/orders', l.receptionist, body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json<LabOrder>().id).toBe(b.json<LabOrder>().id);
    expect(await count('lab_orders where patient_id = $1', [l.patient.id])).toBe(1);
    expect(await count(`invoices where source = 'lab_order' and patient_id = $1`, [l.patient.id])).toBe(1);
    const other = await call('POST', '/api/lab/orders', l.receptionist, { ...body, testIds: [l.lipid] });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_REUSED' });
  });

  it('cancels before any sample: a draft bill is discarded, an issued one credited in full', async () => {
    const l = await lab();
    const drafted = await order(l, l.receptionist);
    const res = await call('POST', `/api/lab/orders/${drafted.id}/cancel`, l.receptionist, {
      reason: 'Patient left',
    });
    expect(res.statusCode, res.body).toBe(200);
    const cancelled = res.json<LabOrder>();
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelled).toMatchObject({ reason: 'Patient left' });
    expect(cancelled.items.every((i) => i.status === 'cancelled')).toBe(true);
    expect((await invoiceOf(l, drafted.invoiceId!)).status).toBe('discarded');
    expect((await collect(l, drafted, 0)).statusCode).toBe(409);
    expect(
      (await call('POST', `/api/lab/orders/${drafted.id}/cancel`, l.tech, { reason: 'x' })).statusCode,
    ).toBe(409);
    expect((await call('GET', `/api/lab/orders/${drafted.id}/labels.pdf`, l.tech)).statusCode).toBe(409);

    const issued = await order(l, l.receptionist);
    const fin = await call('POST', `/api/billing/invoices/${issued.invoiceId}/finalise`, l.admin);
    expect(fin.statusCode, fin.body).toBe(200);
    const undone = await call('POST', `/api/lab/orders/${issued.id}/cancel`, l.tech, { reason: 'Duplicate' });
    expect(undone.statusCode, undone.body).toBe(200);
    const credited = await invoiceOf(l, issued.invoiceId!);
    expect(credited.creditedMinor).toBe(credited.totalMinor);
    expect(await count('credit_notes where invoice_id = $1', [issued.invoiceId])).toBe(1);

    // Issued at nothing (waived in full): there is nothing to credit, and the order still cancels.
    const waived = await order(l, l.receptionist, { testIds: [l.cbc] });
    const bill = await invoiceOf(l, waived.invoiceId!);
    const discount = { kind: 'percent', percentBp: 10_000, reason: 'Staff member' };
    const line = await call('PATCH', `/api/billing/invoices/${bill.id}/lines/${bill.lines[0]!.id}`, l.admin, {
      discount,
    });
    expect(line.statusCode, line.body).toBe(200);
    const zero = await call('POST', `/api/billing/invoices/${bill.id}/finalise`, l.admin);
    expect(zero.json<Invoice>()).toMatchObject({ status: 'final', totalMinor: 0 });
    const free = await call('POST', `/api/lab/orders/${waived.id}/cancel`, l.receptionist, {
      reason: 'Not needed',
    });
    expect(free.statusCode, free.body).toBe(200);
    expect(await count('credit_notes where invoice_id = $1', [bill.id])).toBe(0);
  });

  it('cancels beside a merge moving the patient’s bills and lab orders: both go through', async () => {
    const l = await lab();
    const o = await order(l, l.receptionist);
    // A merge moves the record's draft bills first, then its lab orders (modules/index.ts order).
    const held = await t.database.connectDedicated('test: a merge in flight');
    try {
      await held.query('begin');
      await held.query('update invoices set notes = notes where id = $1', [o.invoiceId]);
      const answer = call('POST', `/api/lab/orders/${o.id}/cancel`, l.receptionist, { reason: 'Merged' });
      await waitForLockWaiters(t.database, 1);
      const merge = await held.query('update lab_orders set updated_at = now() where id = $1', [o.id]).then(
        () => 'moved',
        (e: Error) => e.message,
      );
      await held.query(merge === 'moved' ? 'commit' : 'rollback');
      expect(merge).toBe('moved');
      const res = await answer;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<LabOrder>().status).toBe('cancelled');
    } finally {
      await held.end();
    }
  });

  it('refuses bad orders whole: unknown or foreign patients and tests, tests out of use, bad bodies', async () => {
    const l = await lab();
    const elsewhere = await createHospital(t.database.db);
    const foreignPatient = await createPatient(t.database.db, { hospital: elsewhere });
    const offCatalog = await call('PATCH', `/api/lab/tests/${l.lipid}`, l.tech, { active: false });
    expect(offCatalog.statusCode, offCatalog.body).toBe(200);
    const before = [await count('lab_orders'), await count('lab_order_items'), await count('invoices')];
    const base = { idempotencyKey: key(), patientId: l.patient.id, testIds: [l.cbc] };
    const cases: [object, number, string?][] = [
      [{ ...base, patientId: foreignPatient.id }, 404],
      [{ ...base, patientId: crypto.randomUUID() }, 404],
      [{ ...base, testIds: [l.cbc, crypto.randomUUID()] }, 404, 'body.testIds.1'],
      [{ ...base, testIds: [l.lipid] }, 422, 'body.testIds.0'],
      [{ ...base, consultationId: crypto.randomUUID() }, 404],
      [{ ...base, testIds: [] }, 400],
      [{ ...base, testIds: [l.cbc, l.cbc] }, 400],
      [{ ...base, testIds: ['CBC'] }, 400],
      [{ ...base, priority: 'stat' }, 400],
      [{ ...base, idempotencyKey: 'short' }, 400],
      [{ ...base, clinicalNote: 'x'.repeat(1001) }, 400],
      [{ ...base, surprise: true }, 400],
      [{ patientId: l.patient.id, testIds: [l.cbc] }, 400],
    ];
    for (const [body, status, path] of cases) {
      const res = await call('POST', '/api/lab/orders', l.receptionist, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (path) expect(JSON.stringify(res.json())).toContain(path);
    }
    const o = await order(l, l.receptionist, { testIds: [l.cbc] });
    before[0]! += 1;
    before[1]! += 1;
    before[2]! += 1;
    for (const bad of [{ note: 'x'.repeat(501) }, { note: 5 }, { extra: 1 }]) {
      const res = await call('POST', `/api/lab/orders/${o.id}/items/${o.items[0]!.id}/collect`, l.tech, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    for (const bad of [{}, { reason: '' }, { reason: 'x'.repeat(501) }]) {
      expect((await call('POST', `/api/lab/orders/${o.id}/cancel`, l.tech, bad)).statusCode).toBe(400);
    }
    expect((await call('GET', '/api/lab/orders?status=done', l.tech)).statusCode).toBe(400);
    expect([await count('lab_orders'), await count('lab_order_items'), await count('invoices')]).toEqual(
      before,
    );
    expect(await count(`lab_order_items where order_id = $1 and status = 'awaiting_sample'`, [o.id])).toBe(1);
  });

  it('lets each role do its part, at its own hospital only', async () => {
    const l = await lab();
    const o = await order(l, l.receptionist);
    for (const role of ['pharmacist', 'procurement_officer'] as const) {
      const h = await l.as(role);
      expect((await call('GET', '/api/lab/orders', h)).statusCode).toBe(403);
      expect((await call('GET', `/api/lab/orders/${o.id}`, h)).statusCode).toBe(403);
    }
    expect((await call('GET', '/api/lab/orders', l.patient.headers)).statusCode).toBe(403);
    // The nurse collects but does not order; the front desk orders but does not collect.
    const nurseOrders = await call('POST', '/api/lab/orders', l.nurse, {
      idempotencyKey: key(),
      patientId: l.patient.id,
      testIds: [l.cbc],
    });
    expect(nurseOrders.statusCode).toBe(403);
    expect((await collect(l, o, 0, l.receptionist)).statusCode).toBe(403);
    // The admin reads; reading an order is audited against the patient.
    const read = await call('GET', `/api/lab/orders/${o.id}`, l.admin);
    expect(read.statusCode).toBe(200);
    expect(await count(`audit_events where action = 'lab.order.read' and entity_id = $1`, [o.id])).toBe(1);

    // Another hospital's lab sees none of it.
    const elsewhere = await createHospital(t.database.db);
    const theirTech = await staffAt(t, elsewhere, 'lab_technician');
    expect((await call('GET', `/api/lab/orders/${o.id}`, theirTech)).statusCode).toBe(404);
    expect((await collect(l, o, 0, theirTech)).statusCode).toBe(404);
    expect(
      (await call('POST', `/api/lab/orders/${o.id}/cancel`, theirTech, { reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/lab/orders?status=all', theirTech)).json<LabOrderPage>().total).toBe(0);
    expect(await count(`lab_order_items where order_id = $1 and status = 'awaiting_sample'`, [o.id])).toBe(2);
  });
});
