// Payments, advances and credit notes through the API: cash with change, partial payments, the
// idempotency key, never more than owed unless kept as an advance, spending and refunding an
// advance, credit notes with refunds that never exceed what was paid, and the receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditNote, Invoice, PatientAccount } from '../../../contracts/billing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { desk, draft, finalised, key, pay, paymentOf, send } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const count = async (table: string, invoiceId: string) =>
  Number(
    (
      await t.database.query<{ n: number }>(`select count(*)::int as n from ${table} where invoice_id = $1`, [
        invoiceId,
      ])
    ).rows[0]!.n,
  );
const invoice = async (headers: Record<string, string | undefined>, id: string) =>
  (await send(t, 'GET', `/api/billing/invoices/${id}`, headers as never)).json() as Invoice;

describe('payments', () => {
  it('takes cash with change, in parts, and numbers receipts', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 123_456 }]);
    const first = await pay(t, d.reception, inv.id, { amountMinor: 100_000, tenderedMinor: 200_000 });
    expect(first.statusCode, first.body).toBe(201);
    expect(paymentOf(first)).toMatchObject({
      kind: 'payment',
      method: 'cash',
      amountMinor: 100_000,
      appliedMinor: 100_000,
      advanceMinor: 0,
      tenderedMinor: 200_000,
      changeMinor: 100_000,
      invoiceNumber: inv.number,
    });
    expect(paymentOf(first).number).toMatch(/^RCT-\d{4}-00001$/);
    const card = await pay(t, d.reception, inv.id, {
      method: 'card',
      amountMinor: 23_456,
      reference: 'slip 0042',
    } as never);
    expect(paymentOf(card).number).toMatch(/-00002$/);
    const after = await invoice(d.reception, inv.id);
    expect(after).toMatchObject({ paidMinor: 123_456, balanceMinor: 0 });
    expect(after.payments.map((p) => p.method)).toEqual(['cash', 'card']);
    // Tendering less than the amount, or tendering by card, is refused before anything is kept.
    const inv2 = await finalised(t, d, [{ unitPriceMinor: 5000 }]);
    expect((await pay(t, d.reception, inv2.id, { amountMinor: 5000, tenderedMinor: 4000 })).statusCode).toBe(
      400,
    );
    expect(
      (await pay(t, d.reception, inv2.id, { method: 'upi', amountMinor: 10, tenderedMinor: 10 })).statusCode,
    ).toBe(400);

    const receipt = await send(t, 'GET', `/api/billing/payments/${paymentOf(first).id}/receipt`, d.reception);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = receipt.rawPayload.toString('latin1');
    expect(text).toContain('RECEIPT');
    expect(text).toContain('INR 1,000.00');
    expect(text).toContain('Rupees One Thousand Only');
    expect(text).toContain('Change given');
  });

  it('returns the first payment for a retried key, and refuses the key with another body', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 10_000 }]);
    const idempotencyKey = key();
    const a = await pay(t, d.reception, inv.id, { idempotencyKey, amountMinor: 4000 });
    const b = await pay(t, d.reception, inv.id, { idempotencyKey, amountMinor: 4000 });
    expect(b.statusCode).toBe(201);
    expect(paymentOf(b).id).toBe(paymentOf(a).id);
    const c = await pay(t, d.reception, inv.id, { idempotencyKey, amountMinor: 5000 });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('IDEMPOTENCY_REUSED');
    expect(await count('billing_payments', inv.id)).toBe(1);
    expect((await invoice(d.reception, inv.id)).paidMinor).toBe(4000);
  });

  it('never takes more than owed unless the rest is kept as an advance, which pays later bills', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 10_000 }]);
    const over = await pay(t, d.reception, inv.id, { amountMinor: 10_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'OVERPAYMENT', balanceMinor: 10_000 });
    expect(await count('billing_payments', inv.id)).toBe(0);
    const withAdvance = await pay(t, d.reception, inv.id, { amountMinor: 15_000, advance: true });
    expect(paymentOf(withAdvance)).toMatchObject({ appliedMinor: 10_000, advanceMinor: 5000 });
    expect((await pay(t, d.reception, inv.id, { amountMinor: 1 })).json().code).toBe('OVERPAYMENT');

    const next = await finalised(t, d, [{ unitPriceMinor: 7000 }]);
    const tooMuch = await pay(t, d.reception, next.id, { method: 'advance', amountMinor: 6000 });
    expect(tooMuch.json()).toMatchObject({ code: 'INSUFFICIENT_ADVANCE', advanceMinor: 5000 });
    const fromAdvance = await pay(t, d.reception, next.id, { method: 'advance', amountMinor: 5000 });
    expect(paymentOf(fromAdvance)).toMatchObject({ appliedMinor: 5000, advanceMinor: -5000 });
    const account = (
      await send(t, 'GET', `/api/billing/patients/${d.patient.id}/account`, d.reception)
    ).json() as PatientAccount;
    expect(account).toMatchObject({
      outstandingMinor: 2000,
      advanceMinor: 0,
      openInvoices: [{ id: next.id, balanceMinor: 2000 }],
    });
  });

  it('takes no payment on a draft, and advances only from patients registered here', async () => {
    const d = await desk(t);
    const inv = await draft(t, d, [{ unitPriceMinor: 100 }]);
    expect((await pay(t, d.reception, inv.id, { amountMinor: 100 })).statusCode).toBe(409);
    const other = await desk(t);
    const dep = await send(t, 'POST', '/api/billing/advances', d.reception, {
      idempotencyKey: key(),
      patientId: other.patient.id,
      method: 'cash',
      amountMinor: 100,
    });
    expect(dep.statusCode).toBe(404);
  });

  it('keeps deposits and pays unused advances back, never more than held', async () => {
    const d = await desk(t);
    const deposit = await send(t, 'POST', '/api/billing/advances', d.reception, {
      idempotencyKey: key(),
      patientId: d.patient.id,
      method: 'upi',
      amountMinor: 50_000,
      reference: 'UPI 1234',
    });
    expect(paymentOf(deposit)).toMatchObject({ kind: 'deposit', advanceMinor: 50_000, invoiceId: null });
    const body = { patientId: d.patient.id, method: 'cash', note: 'Discharged early' };
    const refused = await send(t, 'POST', '/api/billing/advance-refunds', d.reception, {
      ...body,
      idempotencyKey: key(),
      amountMinor: 1,
    });
    expect(refused.statusCode).toBe(403);
    const tooMuch = await send(t, 'POST', '/api/billing/advance-refunds', d.admin, {
      ...body,
      idempotencyKey: key(),
      amountMinor: 50_001,
    });
    expect(tooMuch.json().code).toBe('INSUFFICIENT_ADVANCE');
    const back = await send(t, 'POST', '/api/billing/advance-refunds', d.admin, {
      ...body,
      idempotencyKey: key(),
      amountMinor: 20_000,
    });
    expect(paymentOf(back)).toMatchObject({ kind: 'advance_refund', advanceMinor: -20_000 });
    expect(paymentOf(back).number).toMatch(/^RFD-\d{4}-00001$/);
    const account = (
      await send(t, 'GET', `/api/billing/patients/${d.patient.id}/account`, d.admin)
    ).json() as PatientAccount;
    expect(account.advanceMinor).toBe(30_000);
  });
});

describe('credit notes', () => {
  const credit = (headers: Record<string, string | undefined>, id: string, body: object) =>
    send(t, 'POST', `/api/billing/invoices/${id}/credit-notes`, headers as never, {
      idempotencyKey: key(),
      reason: 'Wrong item',
      ...body,
    });

  it('credits part of an unpaid invoice, splitting net and tax, with nothing to refund', async () => {
    const d = await desk(t);
    // 3 × 19.99 less 10% at 12%: 53.97 + 6.48 = 60.45 (worked in money.test.ts).
    const inv = await draft(t, d, [{ unitPriceMinor: 1999, quantity: 3, taxRateBp: 1200 }]);
    await send(t, 'PATCH', `/api/billing/invoices/${inv.id}/lines/${inv.lines[0]!.id}`, d.admin, {
      discount: { kind: 'percent', percentBp: 1000, reason: 'Staff' },
    });
    await send(t, 'POST', `/api/billing/invoices/${inv.id}/finalise`, d.admin);
    expect((await credit(d.reception, inv.id, { amountMinor: 1000 })).statusCode).toBe(403);
    const res = await credit(d.admin, inv.id, { amountMinor: 1000 });
    expect(res.statusCode, res.body).toBe(201);
    const note = res.json() as CreditNote;
    // 10.00 × 6.48 / 60.45 = 1.07196 -> 1.07 of tax.
    expect(note).toMatchObject({
      amountMinor: 1000,
      netMinor: 893,
      taxMinor: 107,
      refundMinor: 0,
      refundMethod: null,
    });
    expect(note.number).toMatch(/^CN-\d{4}-00001$/);
    const rest = (await credit(d.admin, inv.id, {})).json() as CreditNote;
    expect(rest).toMatchObject({ amountMinor: 5045, netMinor: 4504, taxMinor: 541 });
    const after = await invoice(d.admin, inv.id);
    expect(after).toMatchObject({ status: 'cancelled', creditedMinor: 6045, balanceMinor: 0 });
    expect((await credit(d.admin, inv.id, { amountMinor: 1 })).statusCode).toBe(409);
    expect((await pay(t, d.reception, inv.id, { amountMinor: 1 })).statusCode).toBe(409);
  });

  it('refunds what was paid beyond the new total, never more than was paid or is left', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 10_000 }]);
    await pay(t, d.reception, inv.id, { amountMinor: 8000 });
    expect((await credit(d.admin, inv.id, { amountMinor: 10_001 })).json().code).toBe('OVER_CREDIT');
    // Owed 2,000 of 10,000. Crediting 1,500 leaves 500 owed: nothing to refund.
    const small = (await credit(d.admin, inv.id, { amountMinor: 1500 })).json() as CreditNote;
    expect(small.refundMinor).toBe(0);
    // Crediting 4,000 more: the invoice comes to 4,500, of which 8,000 was paid: 3,500 back.
    const noMethod = await credit(d.admin, inv.id, { amountMinor: 4000 });
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.json()).toMatchObject({ refundMinor: 3500, errors: [{ path: 'body.refundMethod' }] });
    const big = (
      await credit(d.admin, inv.id, { amountMinor: 4000, refundMethod: 'cash' })
    ).json() as CreditNote;
    expect(big).toMatchObject({ refundMinor: 3500, refundMethod: 'cash' });
    // The rest, refunded to the patient's advance: all of the remaining 4,500 paid.
    const last = (await credit(d.admin, inv.id, { refundMethod: 'advance' })).json() as CreditNote;
    expect(last).toMatchObject({ amountMinor: 4500, refundMinor: 4500 });
    expect(await invoice(d.admin, inv.id)).toMatchObject({
      status: 'cancelled',
      paidMinor: 0,
      creditedMinor: 10_000,
    });
    const account = (
      await send(t, 'GET', `/api/billing/patients/${d.patient.id}/account`, d.admin)
    ).json() as PatientAccount;
    expect(account.advanceMinor).toBe(4500);
    const { rows } = await t.database.query(
      `select action from audit_events where entity_id = $1 and action like 'invoice.%' and action <> 'invoice.read' order by seq`,
      [inv.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'invoice.created',
      'invoice.finalised',
      'invoice.credited',
      'invoice.credited',
      'invoice.credited',
    ]);
  });
});
