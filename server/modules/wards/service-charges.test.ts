// Ward charges: a service from the price list given on a stay is charged at the price and tax it
// has then (a later price change leaves it alone), shows on the running bill by service and price,
// and lands on the discharge's invoice with its tax; a voided charge is kept but not billed; a
// retry charges once; bad input, a service out of use or of another hospital, and a discharged
// stay change nothing; the record is only ever voided, once, whatever writes to the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../contracts/billing';
import type { BillingService } from '../../../contracts/price-list';
import type { AdmissionCharges, DischargedAdmission } from '../../../contracts/discharge';
import type { ChargeableServicePage, WardCharge, WardChargeList } from '../../../contracts/ward-charges';
import type { Admission } from '../../../contracts/wards';
import { createPatientUser, createStaff, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { key } from '../pharmacy/pharmacy.test-helpers';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
let other: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
  other = await site(t);
});
afterAll(async () => t?.close());

const url = (a: { id: string }, rest = '') => `/api/wards/admissions/${a.id}${rest}`;
let codes = 0;

async function service(at: Site, priceMinor: number, taxRateBp: number, name = 'Nebulisation') {
  codes += 1;
  const res = await call(t, 'POST', '/api/billing/services', at.admin, {
    code: `WC${codes}`,
    name: `${name} ${codes}`,
    priceMinor,
    taxRateBp,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<BillingService>();
}

async function admitted() {
  const { beds } = await wardWithBeds(t, s, 1);
  const res = await admit(t, s.reception, (await patientAt(t, s)).id, beds[0]!.id);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Admission>();
}

const charge = (a: Admission, serviceId: string, o: object = {}, as = s.nurse) =>
  call(t, 'POST', url(a, '/service-charges'), as, { idempotencyKey: key(), serviceId, quantity: 1, ...o });
const rows = (a: Admission) => count(t, 'admission_service_charges where admission_id = $1', [a.id]);

describe('ward charges', () => {
  it('charges at the price of the moment, bills by service and price, and leaves a voided charge off the invoice', async () => {
    const a = await admitted();
    const dressing = await service(s, 25_000, 1800, 'Dressing');
    const ecg = await service(s, 40_000, 0, 'Bedside ECG');

    const first = await charge(a, dressing.id, { quantity: 2, note: 'Left leg wound' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<WardCharge>()).toMatchObject({
      code: dressing.code,
      name: dressing.name,
      quantity: 2,
      unitPriceMinor: 25_000,
      taxRateBp: 1800,
      totalMinor: 59_000, // 50,000 + 18% tax
      note: 'Left leg wound',
      voided: null,
    });
    // The price goes up after the first dressing: that one keeps its price, the next pays the new.
    const raised = await call(t, 'PATCH', `/api/billing/services/${dressing.id}`, s.admin, {
      priceMinor: 30_000,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect((await charge(a, dressing.id)).statusCode).toBe(201);
    const wrong = (await charge(a, ecg.id, {}, s.reception)).json<WardCharge>();

    const voided = await call(t, 'POST', url(a, `/service-charges/${wrong.id}/void`), s.nurse, {
      reason: 'Charged to the wrong patient',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json<WardCharge>()).toMatchObject({
      totalMinor: 0,
      voided: { reason: 'Charged to the wrong patient', by: { name: expect.any(String) } },
    });
    const again = await call(t, 'POST', url(a, `/service-charges/${wrong.id}/void`), s.nurse, {
      reason: 'Twice',
    });
    expect(again.statusCode).toBe(409);

    const list = (await call(t, 'GET', url(a, '/service-charges'), s.reception)).json<WardChargeList>();
    expect(
      list.items.map((c) => [c.name, c.quantity, c.unitPriceMinor, c.totalMinor, c.voided?.reason]),
    ).toEqual([
      [dressing.name, 2, 25_000, 59_000, undefined],
      [dressing.name, 1, 30_000, 35_400, undefined],
      [ecg.name, 1, 40_000, 0, 'Charged to the wrong patient'],
    ]);

    const running = (await call(t, 'GET', url(a, '/charges'), s.reception)).json<AdmissionCharges>();
    expect(running.services.map((c) => [c.name, c.quantity, c.unitPriceMinor, c.totalMinor])).toEqual([
      [dressing.name, 2, 25_000, 59_000],
      [dressing.name, 1, 30_000, 35_400],
    ]);
    const bedDays = running.bedDays.reduce((sum, b) => sum + b.totalMinor, 0);
    expect(running.totalMinor).toBe(bedDays + 94_400);
    expect(running.check.unbilledMinor).toBe(running.totalMinor);

    const d = await call(t, 'POST', url(a, '/discharge'), s.reception, summaryBody());
    expect(d.statusCode, d.body).toBe(200);
    const invoiceId = d.json<DischargedAdmission>().check.admissionInvoice!.id;
    const inv = (await call(t, 'GET', `/api/billing/invoices/${invoiceId}`, s.reception)).json<Invoice>();
    expect(
      inv.lines
        .filter((l) => l.kind === 'service')
        .map((l) => [l.description, l.quantity, l.unitPriceMinor, l.taxRateBp, l.taxMinor, l.totalMinor]),
    ).toEqual([
      [dressing.name, 2, 25_000, 1800, 9000, 59_000],
      [dressing.name, 1, 30_000, 1800, 5400, 35_400],
    ]);
    expect(inv.totalMinor).toBe(running.totalMinor);

    // Billed: charging or voiding now would no longer match the invoice.
    const late = await charge(a, ecg.id);
    expect(late.statusCode).toBe(409);
    expect(late.json<{ code: string }>().code).toBe('INVALID_TRANSITION');
    const lateVoid = await call(
      t,
      'POST',
      url(a, `/service-charges/${first.json<WardCharge>().id}/void`),
      s.nurse,
      {
        reason: 'After discharge',
      },
    );
    expect(lateVoid.statusCode).toBe(409);
    expect(await rows(a)).toBe(3);

    const audited = await t.database.query<{ action: string }>(
      `select action from audit_events where entity_type = 'admission_service_charge' and entity_id = any($1) order by id`,
      [list.items.map((c) => c.id)],
    );
    expect(audited.rows.map((r) => r.action).sort()).toEqual([
      'wards.service.charge_voided',
      'wards.service.charged',
      'wards.service.charged',
      'wards.service.charged',
    ]);
  });

  it('charges once for a retry with the same key, and refuses the key for another charge', async () => {
    const a = await admitted();
    const svc = await service(s, 10_000, 0);
    const body = { idempotencyKey: key(), serviceId: svc.id, quantity: 3 };
    const sent = await Promise.all(
      [1, 2, 3].map(() => call(t, 'POST', url(a, '/service-charges'), s.nurse, body)),
    );
    expect(sent.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(sent.map((r) => r.json<WardCharge>().id)).size).toBe(1);
    const reused = await call(t, 'POST', url(a, '/service-charges'), s.nurse, { ...body, quantity: 4 });
    expect(reused.statusCode).toBe(409);
    expect(reused.json<{ code: string }>().code).toBe('IDEMPOTENCY_REUSED');
    expect(await rows(a)).toBe(1);
  });

  it('refuses bad input, a service out of use or of another hospital, and a time to come, changing nothing', async () => {
    const a = await admitted();
    const svc = await service(s, 10_000, 0);
    const retired = await service(s, 10_000, 0);
    await call(t, 'PATCH', `/api/billing/services/${retired.id}`, s.admin, { active: false });
    const elsewhere = await service(other, 10_000, 0);

    for (const [body, status] of [
      [{ quantity: 0 }, 400],
      [{ quantity: 1.5 }, 400],
      [{ quantity: 1001 }, 400],
      [{ serviceId: 'not-a-uuid' }, 400],
      [{ idempotencyKey: 'short' }, 400],
      [{ extra: true }, 400],
      [{ givenAt: new Date(Date.now() + 3600_000).toISOString() }, 400],
      [{ serviceId: retired.id }, 422],
      [{ serviceId: elsewhere.id }, 404],
      [{ serviceId: '0190a8b0-0000-7000-8000-000000000000' }, 404],
    ] as const) {
      const res = await charge(a, svc.id, body);
      expect([JSON.stringify(body), res.statusCode]).toEqual([JSON.stringify(body), status]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const made = (await charge(a, svc.id)).json<WardCharge>();
    const noReason = await call(t, 'POST', url(a, `/service-charges/${made.id}/void`), s.nurse, {});
    expect(noReason.statusCode).toBe(400);
    expect(await rows(a)).toBe(1);
    expect(await count(t, 'admission_service_charges where id = $1 and voided_at is null', [made.id])).toBe(
      1,
    );
  });

  it("keeps other hospitals, pharmacists and patients out, and lists only the price list's services in use", async () => {
    const a = await admitted();
    const svc = await service(s, 10_000, 0, 'Oxygen per hour');
    const retired = await service(s, 10_000, 0, 'Oxygen per hour');
    await call(t, 'PATCH', `/api/billing/services/${retired.id}`, s.admin, { active: false });
    const db = t.database.db;
    const pharmacist = await sessionHeaders(db, await createStaff(db, s.hospital, 'pharmacist'), s.hospital);
    const { user } = await createPatientUser(db, { hospital: s.hospital });
    const patient = await sessionHeaders(db, user);

    expect((await charge(a, svc.id, {}, pharmacist)).statusCode).toBe(403);
    expect((await charge(a, svc.id, {}, patient)).statusCode).toBe(403);
    expect((await call(t, 'GET', url(a, '/service-charges'), pharmacist)).statusCode).toBe(403);
    expect((await charge(a, svc.id, {}, other.nurse)).statusCode).toBe(404);
    expect((await call(t, 'GET', url(a, '/service-charges'), other.reception)).statusCode).toBe(404);
    expect(await rows(a)).toBe(0);

    const found = await call(t, 'GET', '/api/wards/chargeable-services?q=oxygen', s.nurse);
    expect(found.statusCode, found.body).toBe(200);
    const page = found.json<ChargeableServicePage>();
    expect(page.items.map((i) => i.id)).toEqual([svc.id]);
    expect(page.currency).toBe(s.hospital.currency);
    const theirs = (
      await call(t, 'GET', '/api/wards/chargeable-services?q=oxygen', other.nurse)
    ).json<ChargeableServicePage>();
    expect(theirs.items).toEqual([]);
  });

  it('keeps what was charged as it was: the table takes a void, once, and nothing else', async () => {
    const a = await admitted();
    const made = (await charge(a, (await service(s, 10_000, 0)).id)).json<WardCharge>();
    const refuse = (q: string) => expect(t.database.query(q, [made.id])).rejects.toThrow(/ward charge/);
    await refuse('update admission_service_charges set quantity = 5 where id = $1');
    await refuse('delete from admission_service_charges where id = $1');
    await t.database.query(
      `update admission_service_charges set voided_at = now(), voided_by = charged_by, void_reason = 'x' where id = $1`,
      [made.id],
    );
    await refuse(`update admission_service_charges set void_reason = 'changed' where id = $1`);
  });
});
