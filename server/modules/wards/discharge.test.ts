// Discharge and the stay's bill: the running charges (bed-days by the midnight census at the rate
// each stay kept, medicines given on the ward at the catalog's price) and what is owed; discharging
// writes the summary and exactly one final invoice of those charges; a second discharge is 409 and
// bills nothing; a billing failure leaves the patient admitted; bad input changes nothing; another
// hospital's admission is 404; the hospital may count calendar days instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../contracts/billing';
import type { AdmissionCharges, DischargeCheck, DischargedAdmission } from '../../../contracts/discharge';
import type { Admission } from '../../../contracts/wards';
import { createStaff, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { key, pharmacy, type Pharmacy } from '../pharmacy/pharmacy.test-helpers';
import { backdate, give, stockedStore, summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
let p: Pharmacy;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
  p = await pharmacy(t, s.hospital);
});
afterAll(async () => t?.close());

const url = (a: { id: string }, rest = '') => `/api/wards/admissions/${a.id}${rest}`;
const setRule = (headers: Site['admin'], payload: object) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/wards/billing-settings',
    headers: headers as Record<string, string>,
    payload,
  });
const admissionInvoices = (a: { id: string }) =>
  count(t, `invoices where source = 'admission' and source_id = $1`, [a.id]);

/** Admitted three days ago (local 10:00) to bed 1, moved to a dearer bed 2 the next evening at 20:00. */
async function stayWithHistory() {
  const { ward, beds } = await wardWithBeds(t, s, 2);
  const [one, two] = beds as [(typeof beds)[0], (typeof beds)[0]];
  const patient = await patientAt(t, s);
  const admitted = await admit(t, s.reception, patient.id, one.id);
  expect(admitted.statusCode, admitted.body).toBe(201);
  // Bed 1's rate goes up after the patient is in it: their stay keeps the rate it started at.
  await call(t, 'PATCH', `/api/wards/beds/${one.id}`, s.admin, { dailyRateMinor: 999_900 });
  await call(t, 'PATCH', `/api/wards/beds/${two.id}`, s.admin, { dailyRateMinor: 300_000 });
  const moved = await call(t, 'POST', url(admitted.json<Admission>(), '/transfer'), s.nurse, {
    bedId: two.id,
  });
  expect(moved.statusCode, moved.body).toBe(200);
  const a = moved.json<Admission>();
  await backdate(t, a, [
    [-3, '10:00'],
    [-2, '20:00'],
  ]);
  return { ward, a, patient };
}

describe('the bill of a stay', () => {
  it('counts bed-days and medicines as it goes, discharges into exactly one final invoice, and says what is owed', async () => {
    const { ward, a, patient } = await stayWithHistory();
    const m = await stockedStore(t, s, p, ward.id, 20, 2000);
    await give(t, s, a.id, m.id, 2);
    await give(t, s, a.id, m.id, 3);
    const deposit = await call(t, 'POST', '/api/billing/advances', s.reception, {
      idempotencyKey: key(),
      patientId: patient.id,
      method: 'cash',
      amountMinor: 100_000,
    });
    expect(deposit.statusCode, deposit.body).toBe(201);

    // Midnights: two days ago in bed 1 (150,000), yesterday and today in bed 2 (300,000); 5 tablets
    // at 20.00 with 12% tax (112.00).
    const running = await call(t, 'GET', url(a, '/charges'), s.reception);
    expect(running.statusCode, running.body).toBe(200);
    const c = running.json<AdmissionCharges>();
    expect(c).toMatchObject({ status: 'active', bedDayRule: 'midnight_census', currency: 'INR' });
    expect(c.bedDays.map((b) => [b.wardId, b.bedType, b.dailyRateMinor, b.days, b.totalMinor])).toEqual([
      [ward.id, 'standard', 150_000, 1, 150_000],
      [ward.id, 'standard', 300_000, 2, 600_000],
    ]);
    expect(c.medicines).toEqual([
      {
        medicineId: m.id,
        name: expect.any(String),
        quantity: 5,
        unitPriceMinor: 2000,
        taxRateBp: 1200,
        totalMinor: 11_200,
      },
    ]);
    expect([c.netMinor, c.taxMinor, c.totalMinor]).toEqual([760_000, 1200, 761_200]);
    expect(c.check).toMatchObject({
      unbilledMinor: 761_200,
      admissionInvoice: null,
      outstandingMinor: 0,
      advanceMinor: 100_000,
      owedMinor: 761_200,
      fromAdvanceMinor: 100_000,
      toCollectMinor: 661_200,
    });
    expect(await admissionInvoices(a)).toBe(0);

    const out = await call(t, 'POST', url(a, '/discharge'), s.nurse, summaryBody());
    expect(out.statusCode, out.body).toBe(200);
    const d = out.json<DischargedAdmission>();
    expect(d).toMatchObject({
      status: 'discharged',
      bed: null,
      dischargeSummary: summaryBody().summary,
      discharge: {
        condition: 'improved',
        diagnoses: [
          { code: 'J18.9', description: 'Pneumonia, unspecified', primary: true },
          { code: null, description: 'Dehydration, corrected', primary: false },
        ],
        procedures: ['Chest X-ray', 'IV cannulation'],
        medicines: [{ name: 'Amoxicillin 500 mg capsule', directions: '1 three times a day for 5 days' }],
      },
    });
    // Discharged: nothing unbilled; the stay's invoice is what is owed, less the advance.
    expect(d.check).toMatchObject({
      unbilledMinor: 0,
      admissionInvoice: { status: 'final', source: 'admission', totalMinor: 761_200, balanceMinor: 761_200 },
      outstandingMinor: 761_200,
      fromAdvanceMinor: 100_000,
      toCollectMinor: 661_200,
    });
    expect(d.check.openInvoices.map((i) => i.id)).toEqual([d.check.admissionInvoice!.id]);
    expect(await admissionInvoices(a)).toBe(1);

    const inv = (
      await call(t, 'GET', `/api/billing/invoices/${d.check.admissionInvoice!.id}`, s.reception)
    ).json<Invoice>();
    expect(inv).toMatchObject({
      sourceId: a.id,
      patient: { id: patient.id },
      number: expect.stringMatching(/^INV-/),
    });
    expect(inv.lines.map((l) => [l.kind, l.quantity, l.unitPriceMinor, l.taxRateBp, l.totalMinor])).toEqual([
      ['bed_day', 1, 150_000, 0, 150_000],
      ['bed_day', 2, 300_000, 0, 600_000],
      ['medicine', 5, 2000, 1200, 11_200],
    ]);
    expect(inv.lines[0]!.description).toContain(ward.name);
    expect([inv.netMinor, inv.taxMinor, inv.totalMinor]).toEqual([760_000, 1200, 761_200]);

    // The running bill of a discharged stay stops at the discharge and owes nothing unbilled.
    const after = (await call(t, 'GET', url(a, '/charges'), s.reception)).json<AdmissionCharges>();
    expect([after.status, after.totalMinor, after.check.unbilledMinor]).toEqual(['discharged', 761_200, 0]);

    const again = await call(t, 'POST', url(a, '/discharge'), s.nurse, summaryBody());
    expect([again.statusCode, again.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await admissionInvoices(a)).toBe(1);
    expect(await count(t, 'discharge_summaries where admission_id = $1', [a.id])).toBe(1);
    const audited = await t.database.query<{ after: { invoiceId: string } }>(
      `select after from audit_events where entity_id = $1 and action = 'wards.admission.discharged'`,
      [a.id],
    );
    expect(audited.rows.map((r) => r.after.invoiceId)).toEqual([inv.id]);
  });

  it('bills once when two desks discharge the same patient at the same moment', async () => {
    const { a } = await stayWithHistory();
    const both = await Promise.all([
      call(t, 'POST', url(a, '/discharge'), s.nurse, summaryBody()),
      call(t, 'POST', url(a, '/discharge'), s.reception, summaryBody()),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await admissionInvoices(a)).toBe(1);
    expect(await count(t, 'discharge_summaries where admission_id = $1', [a.id])).toBe(1);
  });

  it('leaves the patient admitted, and nothing written, when billing fails', async () => {
    const { a } = await stayWithHistory();
    await t.database.query(`
      create function test_refuse_admission_invoice() returns trigger language plpgsql as $$
      begin
        if new.source = 'admission' then raise exception 'billing is down'; end if;
        return new;
      end $$;
      create trigger test_refuse_admission_invoice before insert on invoices
        for each row execute function test_refuse_admission_invoice();`);
    try {
      const out = await call(t, 'POST', url(a, '/discharge'), s.nurse, summaryBody());
      expect(out.statusCode).toBe(500);
    } finally {
      await t.database.query(`drop trigger test_refuse_admission_invoice on invoices;
        drop function test_refuse_admission_invoice();`);
    }
    const still = (await call(t, 'GET', url(a), s.nurse)).json<Admission>();
    expect(still).toMatchObject({
      status: 'active',
      discharge: null,
      bed: { bedId: a.bed!.bedId, to: null },
    });
    expect(await count(t, `beds where id = $1 and state = 'occupied'`, [a.bed!.bedId])).toBe(1);
    expect(await count(t, 'discharge_summaries where admission_id = $1', [a.id])).toBe(0);
    expect(await admissionInvoices(a)).toBe(0);

    const out = await call(t, 'POST', url(a, '/discharge'), s.nurse, summaryBody());
    expect(out.statusCode, out.body).toBe(200);
    expect(await admissionInvoices(a)).toBe(1);
  });
});

describe('the discharge summary', () => {
  it('refuses an incomplete or wrong summary with 400 and changes nothing', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const a = (await admit(t, s.nurse, (await patientAt(t, s)).id, beds[0]!.id)).json<Admission>();
    const bad = [
      { summary: 'Home.' },
      summaryBody({ condition: 'cured' as never }),
      summaryBody({ followUp: '  ' }),
      summaryBody({ diagnoses: [{ code: 'J18.9', primary: false }] }),
      summaryBody({ diagnoses: [{ code: 'Z99.999', primary: true }] }),
      summaryBody({ diagnoses: [] }),
      // Front-desk admission: no consultation to take the diagnoses from.
      summaryBody({ diagnoses: undefined }),
      { ...summaryBody(), extra: true },
      // Procedures and take-home medicines as the dialog sends them, each wrong.
      summaryBody({ procedures: ['  '] }),
      summaryBody({ procedures: Array.from({ length: 31 }, (_, i) => `Procedure ${i}`) }),
      summaryBody({ procedures: ['Line one\nline two'] }),
      summaryBody({ medicines: [{ name: '', directions: '1 tablet, twice a day' }] }),
      summaryBody({ medicines: [{ name: 'Paracetamol 500 mg', directions: 'x'.repeat(301) }] }),
      summaryBody({ medicines: [{ name: 'Paracetamol 500 mg', dose: '1 tablet' } as never] }),
      summaryBody({ medicines: Array.from({ length: 31 }, (_, i) => ({ name: `Medicine ${i}` })) }),
    ];
    for (const body of bad) {
      const res = await call(t, 'POST', url(a, '/discharge'), s.nurse, body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const wrongCode = await call(
      t,
      'POST',
      url(a, '/discharge'),
      s.nurse,
      summaryBody({ diagnoses: [{ code: 'Z99.999', primary: true }] }),
    );
    expect(wrongCode.json().errors).toEqual([
      { path: 'body.diagnoses.0.code', message: 'Z99.999 is not an active ICD-10 code' },
    ]);
    expect((await call(t, 'GET', url(a), s.nurse)).json<Admission>().status).toBe('active');
    expect(await count(t, 'discharge_summaries where admission_id = $1', [a.id])).toBe(0);
    expect(
      await count(t, `audit_events where entity_id = $1 and action = 'wards.admission.discharged'`, [a.id]),
    ).toBe(0);
  });

  it('takes the diagnoses of the consultation the patient was admitted from when none are given', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const patient = await patientAt(t, s);
    const doctor = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'doctor'),
      s.hospital,
    );
    const c = await call(t, 'POST', '/api/consultations', doctor, { patientId: patient.id });
    expect(c.statusCode, c.body).toBe(201);
    const coded = await call(t, 'PATCH', `/api/consultations/${c.json().id}`, doctor, {
      diagnoses: [{ description: 'Fever' }, { code: 'J18.0', primary: true }],
    });
    expect(coded.statusCode, coded.body).toBe(200);
    const admitted = await call(t, 'POST', '/api/wards/admissions', s.nurse, {
      patientId: patient.id,
      bedId: beds[0]!.id,
      source: 'consultation',
      consultationId: c.json().id,
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    const out = await call(
      t,
      'POST',
      url(admitted.json<Admission>(), '/discharge'),
      s.nurse,
      summaryBody({ diagnoses: undefined }),
    );
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<DischargedAdmission>().discharge!.diagnoses).toEqual([
      { code: 'J18.0', description: 'Bronchopneumonia, unspecified', primary: true },
      { code: null, description: 'Fever', primary: false },
    ]);
    // A stay that crossed no midnight: one day at the admitting bed's rate.
    expect(out.json<DischargedAdmission>().check.admissionInvoice?.totalMinor).toBe(150_000);
  });
});

describe('scope and settings', () => {
  it("answers 404 for another hospital's admission and lets the hospital count calendar days", async () => {
    const { a } = await stayWithHistory();
    const other = await site(t);
    for (const rest of ['/charges', '/discharge-check']) {
      expect((await call(t, 'GET', url(a, rest), other.reception)).statusCode).toBe(404);
    }
    expect((await call(t, 'POST', url(a, '/discharge'), other.nurse, summaryBody())).statusCode).toBe(404);
    expect((await call(t, 'GET', url(a), s.nurse)).json<Admission>().status).toBe('active');

    // Calendar days: three days ago, the day before yesterday (the dearer bed from the evening),
    // yesterday and today.
    expect((await setRule(s.nurse, { bedDayRule: 'calendar_day' })).statusCode).toBe(403);
    const set = await setRule(s.admin, { bedDayRule: 'calendar_day' });
    expect(set.json()).toEqual({ bedDayRule: 'calendar_day', bedDayTaxRateBp: 0 });
    const c = (await call(t, 'GET', url(a, '/charges'), s.nurse)).json<AdmissionCharges>();
    expect(c.bedDays.map((b) => [b.dailyRateMinor, b.days])).toEqual([
      [150_000, 1],
      [300_000, 3],
    ]);
    const check = (await call(t, 'GET', url(a, '/discharge-check'), s.nurse)).json<DischargeCheck>();
    expect([check.unbilledMinor, check.toCollectMinor]).toEqual([1_050_000, 1_050_000]);
    // The other hospital still counts midnights.
    expect((await call(t, 'GET', '/api/wards/billing-settings', other.nurse)).json()).toEqual({
      bedDayRule: 'midnight_census',
      bedDayTaxRateBp: 0,
    });
    await setRule(s.admin, { bedDayRule: 'midnight_census' });
  });

  it('taxes bed-days at the rate the hospital sets, on the running bill and the invoice', async () => {
    const { a } = await stayWithHistory();
    for (const bad of [{ bedDayTaxRateBp: 10_001 }, { bedDayTaxRateBp: 2.5 }, {}, { bedDayTaxRateBp: -1 }]) {
      expect((await setRule(s.admin, bad)).statusCode).toBe(400);
    }
    const set = await setRule(s.admin, { bedDayTaxRateBp: 500 });
    expect(set.statusCode, set.body).toBe(200);
    // The rule stays as it was when only the tax changes.
    expect(set.json()).toEqual({ bedDayRule: 'midnight_census', bedDayTaxRateBp: 500 });
    try {
      const c = (await call(t, 'GET', url(a, '/charges'), s.nurse)).json<AdmissionCharges>();
      expect(c.bedDays.map((b) => [b.dailyRateMinor, b.days, b.taxRateBp, b.totalMinor])).toEqual([
        [150_000, 1, 500, 157_500],
        [300_000, 2, 500, 630_000],
      ]);
      expect([c.netMinor, c.taxMinor, c.totalMinor]).toEqual([750_000, 37_500, 787_500]);
      const d = await call(t, 'POST', url(a, '/discharge'), s.reception, summaryBody());
      expect(d.statusCode, d.body).toBe(200);
      const inv = (
        await call(
          t,
          'GET',
          `/api/billing/invoices/${d.json<DischargedAdmission>().check.admissionInvoice!.id}`,
          s.reception,
        )
      ).json<Invoice>();
      expect(inv.lines.map((l) => [l.kind, l.taxRateBp, l.taxMinor])).toEqual([
        ['bed_day', 500, 7500],
        ['bed_day', 500, 30_000],
      ]);
      const audited = await t.database.query<{ before: object; after: object }>(
        `select before, after from audit_events where action = 'wards.billing_settings_changed' and entity_id = $1
          order by id desc limit 1`,
        [s.hospital.id],
      );
      expect(audited.rows[0]).toMatchObject({
        before: { bedDayTaxRateBp: 0 },
        after: { bedDayTaxRateBp: 500 },
      });
    } finally {
      await setRule(s.admin, { bedDayTaxRateBp: 0 });
    }
  });
});
