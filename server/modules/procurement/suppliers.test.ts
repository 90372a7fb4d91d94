// Suppliers: the procurement officer adds, finds, changes and imports them; a supplier an order
// names is deactivated, never deleted; one preferred supplier per medicine; bad input changes
// nothing; another hospital's suppliers do not exist for this one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../contracts/pharmacy';
import type { Supplier, SupplierItem } from '../../../contracts/procurement';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { medicine, pharmacy, staffAt, type Pharmacy } from '../pharmacy/pharmacy.test-helpers';

let t: TestApp;
let p: Pharmacy;
let officer: AuthHeaders;
beforeAll(async () => {
  t = await buildTestApp();
  p = await pharmacy(t);
  officer = await staffAt(t, p.hospital, 'procurement_officer');
});
afterAll(async () => t?.close());

const send = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: AuthHeaders,
  payload?: object,
) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });
const count = async () =>
  Number(
    (
      await t.database.query<{ n: number }>(
        'select count(*)::int as n from suppliers where hospital_id = $1',
        [p.hospital.id],
      )
    ).rows[0]!.n,
  );
const uniqueName = (base: string) => `${base} ${Math.random().toString(36).slice(2, 8)}`;

async function supplier(o: object = {}): Promise<Supplier> {
  const r = await send('POST', '/api/suppliers', officer, { name: uniqueName('Medline'), ...o });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Supplier;
}

describe('suppliers', () => {
  it('adds a supplier with its terms, finds it by part of its name, and changes it', async () => {
    const s = await supplier({
      name: uniqueName('Apex Pharma Distributors'),
      contactName: 'Ravi Menon',
      email: 'Orders@Apex.example',
      phone: '+91 98100 12345',
      taxId: '27AAACA1234A1Z5',
      paymentTerms: 'Net 30',
      leadTimeDays: 5,
    });
    expect(s).toMatchObject({
      email: 'orders@apex.example',
      phone: '+919810012345',
      leadTimeDays: 5,
      active: true,
      used: false,
      itemCount: 0,
    });

    const found = await send('GET', `/api/suppliers?q=${encodeURIComponent('apex pharma')}`, officer);
    expect((found.json() as { items: Supplier[] }).items.map((x) => x.id)).toContain(s.id);

    const changed = await send('PATCH', `/api/suppliers/${s.id}`, officer, {
      leadTimeDays: 9,
      contactName: null,
    });
    expect(changed.json()).toMatchObject({ leadTimeDays: 9, contactName: null });
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_events where entity_id = $1 order by seq`,
      [s.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['supplier.created', 'supplier.updated']);
  });

  it('takes a supplier out of use instead of deleting it, and lists it only when asked', async () => {
    const s = await supplier();
    const off = await send('PATCH', `/api/suppliers/${s.id}`, officer, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    const inUse = (await send('GET', `/api/suppliers?q=${encodeURIComponent(s.name)}`, officer)).json() as {
      items: Supplier[];
    };
    expect(inUse.items).toHaveLength(0);
    const all = (
      await send('GET', `/api/suppliers?active=all&q=${encodeURIComponent(s.name)}`, officer)
    ).json() as {
      items: Supplier[];
    };
    expect(all.items.map((x) => x.id)).toEqual([s.id]);
    expect((await send('DELETE', `/api/suppliers/${s.id}`, officer)).statusCode).toBe(404); // no such route
  });

  it('refuses a second supplier of the same name (any case) and bad input, changing nothing', async () => {
    const s = await supplier();
    const before = await count();
    const twin = await send('POST', '/api/suppliers', officer, { name: s.name.toUpperCase() });
    expect(twin.statusCode).toBe(409);
    for (const bad of [
      { name: '' },
      { name: 'X', leadTimeDays: -1 },
      { name: 'X', leadTimeDays: 1.5 },
      { name: 'X', email: 'not-an-email' },
      { name: 'X', phone: '12' },
      { name: 'X', surprise: true },
    ]) {
      const r = await send('POST', '/api/suppliers', officer, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await send('PATCH', `/api/suppliers/${s.id}`, officer, {})).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('keeps what a supplier supplies, at what price, with one preferred supplier per medicine', async () => {
    const a = await supplier();
    const b = await supplier();
    const med = await medicine(t, p, { genericName: 'Cefixime', strength: '200 mg', packSize: 10 });
    const setA = await send('PUT', `/api/suppliers/${a.id}/items/${med.id}`, officer, {
      lastPriceMinor: 9500,
      preferred: true,
    });
    expect(setA.statusCode, setA.body).toBe(200);
    expect((setA.json() as { items: SupplierItem[] }).items).toEqual([
      expect.objectContaining({ medicineId: med.id, lastPriceMinor: 9500, preferred: true, packSize: 10 }),
    ]);
    // B becomes preferred: A's preference goes, in the same change.
    await send('PUT', `/api/suppliers/${b.id}/items/${med.id}`, officer, {
      lastPriceMinor: 9100,
      preferred: true,
    });
    const itemsOfA = (await send('GET', `/api/suppliers/${a.id}/items`, officer)).json() as {
      items: SupplierItem[];
    };
    expect(itemsOfA.items[0]).toMatchObject({ preferred: false, lastPriceMinor: 9500 });
    expect((await send('GET', `/api/suppliers/${a.id}`, officer)).json()).toMatchObject({ itemCount: 1 });

    const removed = await send('DELETE', `/api/suppliers/${a.id}/items/${med.id}`, officer);
    expect((removed.json() as { items: SupplierItem[] }).items).toEqual([]);
    expect((await send('DELETE', `/api/suppliers/${a.id}/items/${med.id}`, officer)).statusCode).toBe(404);
    expect(
      (await send('PUT', `/api/suppliers/${a.id}/items/${med.id}`, officer, { lastPriceMinor: -1 }))
        .statusCode,
    ).toBe(400);
  });

  it("keeps another hospital's suppliers and medicines out of reach", async () => {
    const other = await pharmacy(t);
    const theirOfficer = await staffAt(t, other.hospital, 'procurement_officer');
    const ours = await supplier();
    expect((await send('GET', `/api/suppliers/${ours.id}`, theirOfficer)).statusCode).toBe(404);
    expect(
      (await send('PATCH', `/api/suppliers/${ours.id}`, theirOfficer, { leadTimeDays: 1 })).statusCode,
    ).toBe(404);
    const list = (await send('GET', '/api/suppliers?limit=100', theirOfficer)).json() as {
      items: Supplier[];
    };
    expect(list.items.map((s) => s.id)).not.toContain(ours.id);
    const theirMed = await medicine(t, other, { genericName: 'Theirmol' });
    expect(
      (await send('PUT', `/api/suppliers/${ours.id}/items/${theirMed.id}`, officer, { preferred: true }))
        .statusCode,
    ).toBe(404);
  });

  it('lets pharmacists read suppliers but not change them; nurses and patients not at all', async () => {
    const s = await supplier();
    expect((await send('GET', `/api/suppliers/${s.id}`, p.headers)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/suppliers/${s.id}`, p.headers, { leadTimeDays: 1 })).statusCode).toBe(
      403,
    );
    const nurse = await staffAt(t, p.hospital, 'nurse');
    expect((await send('GET', '/api/suppliers', nurse)).statusCode).toBe(403);
  });
});

describe('importing suppliers from CSV', () => {
  const importCsv = (csv: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/suppliers/import',
      headers: { ...(officer as Record<string, string>), 'content-type': 'text/csv' },
      payload: csv,
    });

  it('adds new names, updates known ones and reports refused rows by line', async () => {
    const known = await supplier({ leadTimeDays: 3 });
    await send('PATCH', `/api/suppliers/${known.id}`, officer, { active: false });
    const fresh = uniqueName('Sunrise Surgicals');
    const csv = [
      'name,contact_name,email,phone,address,tax_id,payment_terms,lead_time_days',
      `${fresh},Asha,asha@sunrise.example,+919800011111,"12 MG Road, Pune",29ABCDE1234F1Z5,Net 45,10`,
      `${known.name},,,,,,,12`,
      `Bad Lead,,,,,,,-4`,
      `,,nobody@example.com,,,,,`,
      `${fresh},,,,,,,2`,
    ].join('\n');
    const r = await importCsv(csv);
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json() as ImportReport;
    expect(report).toMatchObject({ created: 1, updated: 1 });
    expect(report.rejected.map((x) => x.row)).toEqual([4, 5, 6]);
    const back = (await send('GET', `/api/suppliers/${known.id}`, officer)).json() as Supplier;
    expect(back).toMatchObject({ leadTimeDays: 12, active: true });
    const added = (await send('GET', `/api/suppliers?q=${encodeURIComponent(fresh)}`, officer)).json() as {
      items: Supplier[];
    };
    expect(added.items[0]).toMatchObject({
      addressLine: '12 MG Road, Pune',
      paymentTerms: 'Net 45',
      leadTimeDays: 10,
    });
  });

  it('changes nothing for a file that is not CSV or lacks the name column', async () => {
    const before = await count();
    expect((await importCsv('contact_name,email\nA,a@example.com\n')).statusCode).toBe(400);
    expect((await importCsv('name,email\n"unclosed,a@example.com\n')).statusCode).toBe(400);
    expect((await importCsv('name\n')).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
