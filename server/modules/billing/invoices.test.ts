// Invoices through the API: the price list, generating a bill priced on the server (services,
// medicines, described lines, discounts only with the permission), finalising with gap-free
// numbers on the hospital's clock, the PDF mailed to the patient, and a final invoice that no
// route and no SQL statement can change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../contracts/billing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { medicine } from '../pharmacy/pharmacy.test-helpers';
import { desk, draft, finalised, send, service } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const sqlError = async (text: string, params: unknown[]) => {
  try {
    await t.database.query(text, params);
    return null;
  } catch (err) {
    return err as { message: string; constraint?: string };
  }
};

describe('the price list', () => {
  it('is kept by the admin, read at the front desk, codes unique per hospital', async () => {
    const d = await desk(t);
    const s = await service(t, d, 50_000, 1800, 'ecg-1');
    expect(s.code).toBe('ECG-1');
    const again = await send(t, 'POST', '/api/billing/services', d.admin, {
      code: 'ECG-1',
      name: 'Another',
      priceMinor: 1,
      taxRateBp: 0,
    });
    expect(again.statusCode).toBe(409);
    const refused = await send(t, 'POST', '/api/billing/services', d.reception, {
      code: 'X1',
      name: 'Mine',
      priceMinor: 1,
      taxRateBp: 0,
    });
    expect(refused.statusCode).toBe(403);
    const list = await send(t, 'GET', '/api/billing/services?q=ecg', d.reception);
    expect(list.json()).toMatchObject({
      total: 1,
      currency: 'INR',
      items: [{ code: 'ECG-1', priceMinor: 50_000 }],
    });
    const off = await send(t, 'PATCH', `/api/billing/services/${s.id}`, d.admin, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    // Another hospital's service is not found.
    const other = await desk(t);
    expect(
      (await send(t, 'PATCH', `/api/billing/services/${s.id}`, other.admin, { priceMinor: 1 })).statusCode,
    ).toBe(404);
    const { rows } = await t.database.query(
      `select action from audit_events where entity_id = $1 order by seq`,
      [s.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['billing.service.created', 'billing.service.updated']);
  });

  it("sets a department's consultation fee as a whole, and clears it", async () => {
    const d = await desk(t);
    const { rows } = await t.database.query<{ id: string }>(
      `insert into departments (id, hospital_id, name) values (gen_random_uuid(), $1, 'Cardiology') returning id`,
      [d.hospital.id],
    );
    const dep = rows[0]!.id;
    const half = await send(t, 'PUT', `/api/billing/consultation-fees/${dep}`, d.admin, { feeMinor: 80_000 });
    expect(half.statusCode).toBe(400);
    const set = await send(t, 'PUT', `/api/billing/consultation-fees/${dep}`, d.admin, {
      feeMinor: 80_000,
      taxRateBp: 0,
    });
    expect(set.json().items).toContainEqual(expect.objectContaining({ departmentId: dep, feeMinor: 80_000 }));
    const cleared = await send(t, 'DELETE', `/api/billing/consultation-fees/${dep}`, d.admin);
    expect(cleared.json().items).toContainEqual(
      expect.objectContaining({ departmentId: dep, feeMinor: null }),
    );
    expect((await send(t, 'DELETE', `/api/billing/consultation-fees/${dep}`, d.admin)).statusCode).toBe(404);
  });
});

describe('generating a bill', () => {
  it('prices services and medicines from their lists and described lines as given', async () => {
    const d = await desk(t);
    const s = await service(t, d, 1999, 1200);
    const m = await medicine(t, d.ph, { salePriceMinor: 250, taxRateBp: 500 });
    const res = await send(t, 'POST', '/api/billing/invoices', d.reception, {
      patientId: d.patient.id,
      lines: [
        { serviceId: s.id, quantity: 3 },
        { medicineId: m.id, quantity: 1 },
        { description: 'Dressing <b>kit</b>', unitPriceMinor: 125, taxRateBp: 1800 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const inv = res.json() as Invoice;
    // 3 × 19.99 at 12%: 59.97 + 7.1964 -> 7.20; 2.50 at 5%: 0.125 -> 0.13; 1.25 at 18%: 0.225 -> 0.23.
    expect(inv.lines.map((l) => [l.kind, l.netMinor, l.taxMinor, l.totalMinor])).toEqual([
      ['service', 5997, 720, 6717],
      ['medicine', 250, 13, 263],
      ['other', 125, 23, 148],
    ]);
    expect(inv).toMatchObject({
      status: 'draft',
      number: null,
      netMinor: 6372,
      taxMinor: 756,
      totalMinor: 7128,
      balanceMinor: 0,
    });
    expect(inv.lines[2]!.description).toBe('Dressing <b>kit</b>');
    expect(inv.taxBreakdown).toEqual([
      { taxRateBp: 500, netMinor: 250, taxMinor: 13 },
      { taxRateBp: 1200, netMinor: 5997, taxMinor: 720 },
      { taxRateBp: 1800, netMinor: 125, taxMinor: 23 },
    ]);
  });

  it('lets only those who may apply discounts give one, and always with a reason', async () => {
    const d = await desk(t);
    const inv = await draft(t, d, [{ unitPriceMinor: 1999, quantity: 3, taxRateBp: 1200 }]);
    const line = inv.lines[0]!;
    const url = `/api/billing/invoices/${inv.id}/lines/${line.id}`;
    const discount = { kind: 'percent', percentBp: 1000, reason: 'Staff family' };
    expect((await send(t, 'PATCH', url, d.reception, { discount })).statusCode).toBe(403);
    expect(
      (await send(t, 'PATCH', url, d.admin, { discount: { kind: 'percent', percentBp: 1000 } })).statusCode,
    ).toBe(400);
    const res = await send(t, 'PATCH', url, d.admin, { discount });
    // 59.97 less 10% (5.997 -> 6.00) = 53.97, 12% tax 6.4764 -> 6.48, total 60.45.
    expect(res.json()).toMatchObject({ discountMinor: 600, netMinor: 5397, taxMinor: 648, totalMinor: 6045 });
    const tooMuch = await send(t, 'PATCH', url, d.admin, {
      discount: { kind: 'amount', amountMinor: 6000, reason: 'x' },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].path).toBe('body.discount');
    // A quantity change keeps the discount and prices again: 1 × 19.99 less 2.00 = 17.99, tax 2.1588 -> 2.16.
    const fewer = await send(t, 'PATCH', url, d.reception, { quantity: 1 });
    expect(fewer.json()).toMatchObject({
      discountMinor: 200,
      netMinor: 1799,
      taxMinor: 216,
      totalMinor: 2015,
    });
  });

  it('bills only patients registered here, and keeps each hospital to its own drafts', async () => {
    const d = await desk(t);
    const other = await desk(t);
    const res = await send(t, 'POST', '/api/billing/invoices', d.reception, { patientId: other.patient.id });
    expect(res.statusCode).toBe(404);
    const inv = await draft(t, d, [{ unitPriceMinor: 100 }]);
    expect((await send(t, 'GET', `/api/billing/invoices/${inv.id}`, other.reception)).statusCode).toBe(404);
    const add = await send(t, 'POST', `/api/billing/invoices/${inv.id}/lines`, other.reception, {
      description: 'x',
      unitPriceMinor: 1,
      taxRateBp: 0,
    });
    expect(add.statusCode).toBe(404);
  });
});

describe('finalising', () => {
  it('numbers invoices INV-<year>-<n> on the hospital clock, without gaps, and mails the PDF', async () => {
    const d = await desk(t, { timeZone: 'Pacific/Kiritimati' });
    const empty = await draft(t, d, []);
    const refused = await send(t, 'POST', `/api/billing/invoices/${empty.id}/finalise`, d.reception);
    expect(refused.statusCode).toBe(422);
    const a = await finalised(t, d, [{ unitPriceMinor: 50_000 }]);
    const b = await finalised(t, d, [{ unitPriceMinor: 100 }]);
    const { rows } = await t.database.query<{ y: string; d: string }>(
      `select to_char(now() at time zone 'Pacific/Kiritimati', 'YYYY') as y,
              to_char((now() at time zone 'Pacific/Kiritimati')::date, 'YYYY-MM-DD') as d`,
    );
    expect(a.number).toBe(`INV-${rows[0]!.y}-00001`);
    expect(b.number).toBe(`INV-${rows[0]!.y}-00002`);
    expect(a).toMatchObject({ status: 'final', issuedOn: rows[0]!.d, balanceMinor: 50_000 });
    const mail = await t.smtp.waitFor(d.patient.email, (m) => (m.subject ?? '').includes(a.number!));
    const pdf = mail.attachments.find((x) => x.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe(`${a.number}.pdf`);
    const text = pdf.content.toString('latin1');
    expect(text).toContain('TAX INVOICE');
    expect(text).toContain('INR 500.00');
    expect(text).toContain('Rupees Five Hundred Only');
    expect(mail.text).toContain('INR 500.00 is still to pay');
    // Another hospital counts its own invoices from 1.
    const other = await desk(t);
    expect((await finalised(t, other, [{ unitPriceMinor: 1 }])).number).toMatch(/-00001$/);
  });

  it('never changes a final invoice: not by a route, not by SQL', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 1000, taxRateBp: 1200 }]);
    const line = inv.lines[0]!;
    const base = `/api/billing/invoices/${inv.id}`;
    for (const [method, url, body] of [
      ['PATCH', base, { notes: 'changed' }],
      ['POST', `${base}/lines`, { description: 'x', unitPriceMinor: 1, taxRateBp: 0 }],
      ['PATCH', `${base}/lines/${line.id}`, { quantity: 2 }],
      ['DELETE', `${base}/lines/${line.id}`, undefined],
      ['POST', `${base}/finalise`, undefined],
      ['POST', `${base}/discard`, { reason: 'x' }],
    ] as const) {
      const res = await send(t, method, url, d.admin, body);
      expect(res.statusCode, `${method} ${url}`).toBe(409);
    }
    const attempts: [string, unknown[]][] = [
      [
        'update invoices set total_minor = 1, net_minor = 1, tax_minor = 0, gross_minor = 1 where id = $1',
        [inv.id],
      ],
      ['update invoices set notes = $2 where id = $1', [inv.id, 'x']],
      ['update invoices set number = $2 where id = $1', [inv.id, 'INV-0000-99999']],
      ['update invoices set paid_minor = 1120 where id = $1', [inv.id]],
      ['update invoices set credited_minor = 1120, status = $2 where id = $1', [inv.id, 'cancelled']],
      ['update invoices set status = $2 where id = $1', [inv.id, 'draft']],
      ['delete from invoices where id = $1', [inv.id]],
      [
        'update invoice_lines set unit_price_minor = 1, gross_minor = 1, net_minor = 1, tax_minor = 0, total_minor = 1 where id = $1',
        [line.id],
      ],
      ['delete from invoice_lines where id = $1', [line.id]],
      [
        `insert into invoice_lines (id, invoice_id, position, kind, description, quantity, unit_price_minor, tax_rate_bp,
           gross_minor, discount_minor, net_minor, tax_minor, total_minor)
         values (gen_random_uuid(), $1, 9, 'other', 'x', 1, 1, 0, 1, 0, 1, 0, 1)`,
        [inv.id],
      ],
    ];
    for (const [text, params] of attempts) {
      const err = await sqlError(text, params);
      expect(err, text).not.toBeNull();
      expect(err!.message, text).toMatch(/never|change only|cannot become/);
    }
    const after = (await send(t, 'GET', base, d.admin)).json() as Invoice;
    expect(after).toEqual(inv);
  });

  it('discards a draft with a reason, keeping it', async () => {
    const d = await desk(t);
    const inv = await draft(t, d, [{ unitPriceMinor: 100 }]);
    const res = await send(t, 'POST', `/api/billing/invoices/${inv.id}/discard`, d.reception, {
      reason: 'Duplicate',
    });
    expect(res.json()).toMatchObject({ status: 'discarded', discardReason: 'Duplicate', number: null });
    expect((await send(t, 'POST', `/api/billing/invoices/${inv.id}/finalise`, d.reception)).statusCode).toBe(
      409,
    );
    expect(await sqlError('update invoices set status = $2 where id = $1', [inv.id, 'final'])).not.toBeNull();
  });
});
