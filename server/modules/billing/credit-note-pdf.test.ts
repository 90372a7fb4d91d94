// A credit note printed: for the staff who may see its invoice (the front desk; a pharmacist only for
// the pharmacy's), and for the patient whose invoice it corrects. Anyone else's is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditNote } from '../../../contracts/billing';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { desk, finalised, key, pay, send } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const text = (res: { rawPayload: Buffer }) => res.rawPayload.toString('latin1');

describe('a credit note as a PDF', () => {
  it('shows the invoice it corrects, the amount and tax, the refund, the reason and the words', async () => {
    const d = await desk(t);
    // 1,000.00 at 12%: 1,120.00; 500.00 paid; 700.00 credited, so 80.00 of the payment is refunded.
    const inv = await finalised(t, d, [{ unitPriceMinor: 100_000, taxRateBp: 1200 }]);
    await pay(t, d.reception, inv.id, { amountMinor: 50_000 });
    const issued = await send(t, 'POST', `/api/billing/invoices/${inv.id}/credit-notes`, d.admin, {
      idempotencyKey: key(),
      reason: 'Dressing <b>not</b> done',
      amountMinor: 70_000,
      refundMethod: 'cash',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const note = issued.json() as CreditNote;
    expect(note).toMatchObject({ refundMinor: 8000, taxMinor: 7500, netMinor: 62_500 });

    const pdf = await send(t, 'GET', `/api/billing/credit-notes/${note.id}/pdf`, d.reception);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = text(pdf);
    expect(body.startsWith('%PDF')).toBe(true);
    for (const s of [
      'CREDIT NOTE',
      note.number,
      `Against tax invoice ${inv.number}`,
      d.hospital.name,
      'INR 625.00',
      'INR 75.00',
      'INR 700.00',
      'Seven Hundred',
      'Refunded by Cash',
      'INR 80.00',
      'Reason: Dressing <b>not</b> done',
      'Balance due on the invoice now',
    ])
      expect(body, s).toContain(s);

    // The patient prints their own; the same note is 404 to another patient and to staff elsewhere.
    const own = await send(t, 'GET', `/api/billing/mine/credit-notes/${note.id}/pdf`, d.patient.headers);
    expect(own.statusCode).toBe(200);
    expect(text(own)).toContain(note.number);
    const { user } = await createPatientUser(t.database.db, { hospital: d.hospital });
    const stranger = await sessionHeaders(t.database.db, user);
    expect((await send(t, 'GET', `/api/billing/mine/credit-notes/${note.id}/pdf`, stranger)).statusCode).toBe(
      404,
    );
    const other = await desk(t);
    expect(
      (await send(t, 'GET', `/api/billing/credit-notes/${note.id}/pdf`, other.reception)).statusCode,
    ).toBe(404);
    // A pharmacist sees only the pharmacy's invoices, and so their credit notes.
    expect((await send(t, 'GET', `/api/billing/credit-notes/${note.id}/pdf`, d.ph.headers)).statusCode).toBe(
      404,
    );
    // Staff print through the staff route, patients through their own.
    expect(
      (await send(t, 'GET', `/api/billing/credit-notes/${note.id}/pdf`, d.patient.headers)).statusCode,
    ).toBe(403);
    expect(
      (await send(t, 'GET', `/api/billing/mine/credit-notes/${note.id}/pdf`, d.reception)).statusCode,
    ).toBe(403);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await send(t, 'GET', `/api/billing/credit-notes/${missing}/pdf`, d.reception)).statusCode).toBe(
      404,
    );
  });

  it('says when nothing was refunded', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 20_000 }]);
    const note = (
      await send(t, 'POST', `/api/billing/invoices/${inv.id}/credit-notes`, d.admin, {
        idempotencyKey: key(),
        reason: 'Billed twice',
      })
    ).json() as CreditNote;
    const body = text(await send(t, 'GET', `/api/billing/credit-notes/${note.id}/pdf`, d.admin));
    expect(body).toContain('Nothing refunded');
    expect(body).toContain('INR 200.00');
  });
});

describe('the invoice notice', () => {
  it('is a billing notice: a patient who turns billing mail off gets it in the app only', async () => {
    const d = await desk(t);
    const off = await send(t, 'PUT', '/api/notifications/preferences', d.patient.headers, {
      items: [{ kind: 'billing', email: false, sms: false, inApp: true }],
    });
    expect(off.statusCode, off.body).toBeLessThan(300);
    const inv = await finalised(t, d, [{ unitPriceMinor: 1000 }]);
    const { rows } = await t.database.query<{ channel: string; kind: string }>(
      `select channel, kind from notification_deliveries where template = 'billing.invoice_issued'
          and user_id = $1 and status <> 'skipped' order by channel`,
      [d.patient.userId],
    );
    expect(inv.number).toBeTruthy();
    expect(rows).toEqual([{ channel: 'in_app', kind: 'billing' }]);
  });
});
