// A purchase order's PDF, and mailing it to the supplier: approval (by submission below the
// threshold, or by an admin above it) mails it once, through the real SMTP server the test app
// talks to, with the PDF attached; the officer may send it again; nothing goes out for a draft or
// to a supplier without an address; other hospitals and other roles are refused.
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, Supplier } from '../../../contracts/procurement';
import { buildTestApp, type TestApp } from '../../test/harness';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { approvedOrder, buyer, draftOrder, send, type Buyer } from './procurement.test-helpers';

let t: TestApp;
let b: Buyer;
let email: string;
beforeAll(async () => {
  t = await buildTestApp();
  b = await buyer(t);
  email = `orders-${randomUUID()}@supplier.example`;
  const r = await send(t, 'PATCH', `/api/suppliers/${b.supplier.id}`, b.officer, {
    email,
    contactName: 'Ravi Menon',
  });
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(async () => t?.close());

const act = (id: string, step: string, headers = b.officer) =>
  send(t, 'POST', `/api/purchase-orders/${id}/${step}`, headers);
const mailsTo = (to: string, number?: string) =>
  t.smtp.messages.filter(
    (m) =>
      [m.to].flat().some((a) => a?.value.some((v) => v.address === to)) &&
      (!number || (m.subject ?? '').includes(number)),
  );

/** Waits until every mail of the order to its supplier is delivered (the delivery log says sent). */
async function delivered(orderId: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const r = await t.database.query<{ status: string }>(
      `select d.status from notification_deliveries d
        where d.template = 'procurement.order_to_supplier' and d.idempotency_key like $1`,
      [`%:${orderId}%`],
    );
    if (r.rows.length >= count && r.rows.every((x) => x.status === 'sent')) return r.rows.length;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the mail was not delivered');
}

const pdfOf = (m: ParsedMail) => m.attachments.find((a) => a.contentType === 'application/pdf');

describe('GET /api/purchase-orders/:id/pdf', () => {
  it('prints the order: a PDF with the letterhead, number, supplier, lines and total', async () => {
    const o = await draftOrder(t, b, 3, 4250);
    const r = await send(t, 'GET', `/api/purchase-orders/${o.id}/pdf`, b.officer);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(`${o.number}.pdf`);
    const text = r.rawPayload.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    for (const s of [
      b.p.hospital.name,
      o.number,
      b.supplier.name,
      'Attn: Ravi Menon',
      '1. Amoxicillin 500 mg',
    ]) {
      expect(text).toContain(`(${s}`);
    }
    // 3 packs at 42.50 of each of the two medicines: 255.00, and a draft says it is not an order.
    expect(text).toContain('INR 255.00');
    expect(text).toContain('DRAFT - not yet approved');
    // The pharmacist reads orders too; others and other hospitals do not.
    expect((await send(t, 'GET', `/api/purchase-orders/${o.id}/pdf`, b.p.headers)).statusCode).toBe(200);
    const receptionist = await staffAt(t, b.p.hospital, 'receptionist');
    expect((await send(t, 'GET', `/api/purchase-orders/${o.id}/pdf`, receptionist)).statusCode).toBe(403);
    const other = await buyer(t);
    expect((await send(t, 'GET', `/api/purchase-orders/${o.id}/pdf`, other.officer)).statusCode).toBe(404);
  });
});

describe('mailing the order to the supplier', () => {
  it('mails it once when the submission approves it, with the PDF attached', async () => {
    const o = await approvedOrder(t, b, 2, 1000);
    const mail = await t.smtp.waitFor(email, (m) => (m.subject ?? '').includes(o.number));
    expect(mail.subject).toBe(`Purchase order ${o.number} from ${b.p.hospital.name}`);
    expect(mail.text).toContain('Dear Ravi Menon,');
    const pdf = pdfOf(mail);
    expect(pdf?.filename).toBe(`${o.number}.pdf`);
    const body = pdf!.content.toString('latin1');
    expect(body.startsWith('%PDF-')).toBe(true);
    expect(body).toContain(`(${o.number})`);
    expect(body).not.toContain('DRAFT');
    expect(await delivered(o.id, 1)).toBe(1);
    expect(mailsTo(email, o.number)).toHaveLength(1);
    const timeline = (
      (await send(t, 'GET', `/api/purchase-orders/${o.id}`, b.officer)).json() as PurchaseOrder
    ).timeline;
    expect(timeline.map((e) => e.step)).toEqual(['created', 'submitted', 'approved', 'sent']);
    expect(timeline[2]!.note).toEqual({ kind: 'belowThreshold' });
    expect(timeline[3]!.note).toEqual({ kind: 'mailedTo', to: email });
  });

  it('waits for the admin above the threshold, then mails it once; the officer may send it again', async () => {
    await send(t, 'PUT', '/api/procurement/settings', b.admin, {
      approvalThresholdMinor: 1000,
      overDeliveryPercent: 10,
      safetyStockDays: 7,
    });
    try {
      const d = await draftOrder(t, b, 5, 1000);
      expect((await act(d.id, 'submit')).json()).toMatchObject({ status: 'submitted' });
      // Not approved: nothing is mailed, and it cannot be sent by hand.
      const early = await act(d.id, 'send');
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('ORDER_NOT_APPROVED');
      expect((await act(d.id, 'approve', b.admin)).json()).toMatchObject({ status: 'approved' });
      await t.smtp.waitFor(email, (m) => (m.subject ?? '').includes(d.number));
      expect(await delivered(d.id, 1)).toBe(1);
      expect(mailsTo(email, d.number)).toHaveLength(1);

      const again = await act(d.id, 'send');
      expect(again.statusCode, again.body).toBe(202);
      expect(again.json()).toEqual({ sentTo: email });
      expect(await delivered(d.id, 2)).toBe(2);
      const both = mailsTo(email, d.number);
      expect(both).toHaveLength(2);
      expect(both[1]!.text).toContain('again');
      expect(pdfOf(both[1]!)?.filename).toBe(`${d.number}.pdf`);
    } finally {
      await send(t, 'PUT', '/api/procurement/settings', b.admin, {
        approvalThresholdMinor: 5_000_000,
        overDeliveryPercent: 10,
        safetyStockDays: 7,
      });
    }
  });

  it('mails an approved revision as the revision', async () => {
    const o = await approvedOrder(t, b, 1, 100);
    const rev = (await act(o.id, 'amend')).json() as PurchaseOrder;
    await act(rev.id, 'submit');
    const mail = await t.smtp.waitFor(email, (m) => (m.subject ?? '').includes(`${o.number} (revision 2)`));
    expect(pdfOf(mail)?.filename).toBe(`${o.number}-rev2.pdf`);
    expect(mail.text).toContain('replaces revision 1');
  });

  it('refuses a supplier without an address, other hospitals and other roles, sending nothing', async () => {
    const quiet = (
      await send(t, 'POST', '/api/suppliers', b.officer, { name: `No mail ${randomUUID()}` })
    ).json() as Supplier;
    const created = await send(t, 'POST', '/api/purchase-orders', b.officer, {
      supplierId: quiet.id,
      storeId: b.p.store.id,
      lines: [{ medicineId: b.meds[0]!.id, packs: 1, unitPriceMinor: 10 }],
    });
    const o = created.json() as PurchaseOrder;
    expect((await act(o.id, 'submit')).json()).toMatchObject({ status: 'approved' });
    const none = await act(o.id, 'send');
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('SUPPLIER_HAS_NO_EMAIL');
    const logged = await t.database.query<{ n: number }>(
      `select count(*)::int as n from notification_deliveries where template = 'procurement.order_to_supplier' and idempotency_key like $1`,
      [`%:${o.id}%`],
    );
    expect(logged.rows[0]!.n).toBe(0);

    const mine = await approvedOrder(t, b, 1, 10);
    const other = await buyer(t);
    expect((await act(mine.id, 'send', other.officer)).statusCode).toBe(404);
    expect((await act(mine.id, 'send', b.p.headers)).statusCode).toBe(403); // the pharmacist
    expect((await act(mine.id, 'send', b.admin)).statusCode).toBe(403);
    const cancelled = await send(t, 'POST', `/api/purchase-orders/${mine.id}/cancel`, b.officer, {
      reason: 'Not needed',
    });
    expect(cancelled.statusCode).toBe(200);
    expect((await act(mine.id, 'send')).statusCode).toBe(409);
    expect(await delivered(mine.id, 1)).toBe(1);
    // The supplier hears of the cancellation (it had the order); once that has arrived, every mail
    // the refusals could have queued would have too: the order itself went out once, on approval.
    const cancelledSubject = `Purchase order ${mine.number} from ${b.p.hospital.name} is cancelled`;
    await t.smtp.waitFor(email, (m) => m.subject === cancelledSubject);
    const mails = mailsTo(email, mine.number).map((m) => m.subject);
    expect(mails.sort()).toEqual([
      `Purchase order ${mine.number} from ${b.p.hospital.name}`,
      cancelledSubject,
    ]);
  });
});
