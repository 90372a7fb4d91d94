// The catalog: what a pharmacist adds, finds as they type (with typos, or by scanning a barcode),
// changes, and imports from CSV with a report of every refused row.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Medicine } from '../../../contracts/pharmacy';
import { queryRows } from '../../db/client';
import { buildTestApp, type TestApp } from '../../test/harness';
import { medicine, pharmacy, staffAt, type Pharmacy } from './pharmacy.test-helpers';

let t: TestApp;
let p: Pharmacy;
beforeAll(async () => {
  t = await buildTestApp();
  p = await pharmacy(t);
});
afterAll(async () => t?.close());

const search = async (q: string, headers = p.headers) => {
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/medicines?q=${encodeURIComponent(q)}`,
    headers,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: Medicine[]; total: number };
};

const importCsv = (csv: string, headers = p.headers) =>
  t.app.inject({
    method: 'POST',
    url: '/api/medicines/import',
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: csv,
  });

describe('finding a medicine as you type', () => {
  it('tolerates typos, and a scanned barcode finds exactly its item', async () => {
    const amox = await medicine(t, p, {
      genericName: 'Amoxicillin',
      brandName: 'Mox',
      form: 'capsule',
      strength: '500 mg',
      dispensingUnit: 'capsule',
      barcode: '8901234567897',
    });
    await medicine(t, p, { genericName: 'Azithromycin', form: 'tablet', strength: '500 mg' });

    // Two letters wrong and one missing: found only with a typo-tolerant threshold below the default.
    for (const typo of ['amoxcilin', 'amoxicilin', 'amoxycillin']) {
      const r = await search(typo);
      expect(r.items[0]?.id, typo).toBe(amox.id);
    }
    const scanned = await search('8901234567897');
    expect(scanned.items.map((m) => m.id)).toEqual([amox.id]);
    const byBrand = await search('mox');
    expect(byBrand.items[0]?.id).toBe(amox.id);
  });

  it('ranks the medicine named by the first word above combinations that merely contain it', async () => {
    await medicine(t, p, { genericName: 'Aceclofenac + Paracetamol', strength: '100 mg/325 mg' });
    const plain = await medicine(t, p, {
      genericName: 'Paracetamol',
      brandName: 'Crocin',
      strength: '500 mg',
    });
    for (const q of ['paracetamol 500', 'paracetamol']) {
      expect((await search(q)).items[0]?.id, q).toBe(plain.id);
    }
  });

  it("never shows another hospital's medicines", async () => {
    const other = await pharmacy(t);
    const theirs = await medicine(t, other, { genericName: 'Ondansetron' });
    const r = await search('ondansetron');
    expect(r.items.map((m) => m.id)).not.toContain(theirs.id);
    const direct = await t.app.inject({
      method: 'GET',
      url: `/api/medicines/${theirs.id}`,
      headers: p.headers,
    });
    expect(direct.statusCode).toBe(404);
  });
});

describe('adding and changing', () => {
  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from medicines where hospital_id = ${p.hospital.id}`,
    );
    for (const payload of [
      { genericName: '', form: 'tablet', strength: '1 mg', dispensingUnit: 'tablet', salePriceMinor: 1 },
      { genericName: 'X', form: 'potion', strength: '1 mg', dispensingUnit: 'tablet', salePriceMinor: 1 },
      { genericName: 'X', form: 'tablet', strength: '1 mg', dispensingUnit: 'tablet', salePriceMinor: -5 },
      {
        genericName: 'X',
        form: 'tablet',
        strength: '1 mg',
        dispensingUnit: 'tablet',
        salePriceMinor: 1,
        extra: 1,
      },
    ]) {
      const r = await t.app.inject({ method: 'POST', url: '/api/medicines', headers: p.headers, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
    }
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from medicines where hospital_id = ${p.hospital.id}`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('takes a medicine out of use without deleting it; only the manager role may change it', async () => {
    const m = await medicine(t, p, { genericName: 'Cetirizine' });
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/api/medicines/${m.id}`,
      headers: nurse,
      payload: { active: false },
    });
    expect(denied.statusCode).toBe(403);
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/medicines/${m.id}`,
      headers: p.headers,
      payload: { active: false, salePriceMinor: 300 },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ active: false, salePriceMinor: 300 });
    expect((await search('cetirizine')).items.map((x) => x.id)).not.toContain(m.id);
  });
});

describe('CSV import', () => {
  const header =
    'generic_name,brand_name,form,strength,dispensing_unit,pack_size,manufacturer,prescription_only,controlled,reorder_level,sale_price,tax_rate_percent,barcode';

  it('adds good rows, updates known ones and reports each refused row with its reasons', async () => {
    const csv = [
      header,
      'Metformin,Glyco,tablet,500 mg,tablet,10,Acme,yes,no,100,2.50,12,',
      'Salbutamol,,inhaler,100 mcg,inhaler,1,,yes,no,5,185.00,5,',
      ',NoName,tablet,1 mg,tablet,1,,no,no,0,1.00,0,', // row 4: no generic name
      'Badform,,potion,1 mg,tablet,1,,no,no,0,1.00,0,', // row 5: unknown form
      'Badprice,,tablet,1 mg,tablet,1,,no,no,0,1.005,0,', // row 6: three decimals
      'Badtax,,tablet,1 mg,tablet,1,,no,no,0,1.00,abc,', // row 7
    ].join('\n');
    const r = await importCsv(csv);
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json() as ImportReport;
    expect(report.created).toBe(2);
    expect(report.updated).toBe(0);
    expect(report.rejected.map((x) => x.row)).toEqual([4, 5, 6, 7]);
    expect(report.rejected[0]!.errors.join(' ')).toMatch(/genericName/);
    expect(report.rejected[1]!.errors.join(' ')).toMatch(/form/);
    expect(report.rejected[2]!.errors.join(' ')).toMatch(/sale_price/);
    expect(report.rejected[3]!.errors.join(' ')).toMatch(/tax_rate_percent/);

    const metformin = (await search('metformin')).items[0]!;
    expect(metformin).toMatchObject({
      brandName: 'Glyco',
      packSize: 10,
      prescriptionOnly: true,
      salePriceMinor: 250,
      taxRateBp: 1200,
      reorderLevel: 100,
    });

    // The same medicine again, with a new price: updated, not duplicated.
    const again = await importCsv(
      [header, 'Metformin,Glyco,tablet,500 mg,tablet,10,Acme,yes,no,100,2.75,12,'].join('\n'),
    );
    expect(again.json()).toMatchObject({ created: 0, updated: 1, rejected: [] });
    const found = await search('metformin');
    expect(found.items.filter((m) => m.brandName === 'Glyco')).toHaveLength(1);
    expect(found.items[0]!.salePriceMinor).toBe(275);
  });

  it('refuses a file without the required columns, or that is not CSV, and adds nothing', async () => {
    const noPrice = await importCsv('generic_name,form,strength,dispensing_unit\nX,tablet,1 mg,tablet');
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().detail).toMatch(/sale_price/);
    const broken = await importCsv(`${header}\n"Unclosed,tablet`);
    expect(broken.statusCode).toBe(400);
    expect((await search('unclosed')).total).toBe(0);
  });

  it('is for the pharmacy manager: a nurse may not import', async () => {
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const r = await importCsv(`${header}\nX,,tablet,1 mg,tablet,1,,no,no,0,1.00,0,`, nurse);
    expect(r.statusCode).toBe(403);
  });
});
