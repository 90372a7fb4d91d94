// Who hears of a cancelled order and of goods received: the officer who raised an order an admin
// cancels (in the app), the supplier who had been sent it (by mail, through the real SMTP server),
// and the hospital's pharmacists when stock arrives.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder } from '../../../contracts/procurement';
import type { AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { approvedOrder, buyer, draftOrder, send, type Buyer } from './procurement.test-helpers';

let t: TestApp;
let b: Buyer;
let email: string;
beforeAll(async () => {
  t = await buildTestApp();
  b = await buyer(t);
  email = `orders-${randomUUID()}@supplier.example`;
  const r = await send(t, 'PATCH', `/api/suppliers/${b.supplier.id}`, b.officer, { email });
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(async () => t?.close());

/** The in-app notices of a person with this title, once the background job has delivered them. */
async function notices(headers: AuthHeaders, title: string, atLeast = 1) {
  let found: { title: string; body: string; link: string | null }[] = [];
  for (let i = 0; i < 100 && found.length < atLeast; i++) {
    const r = await send(t, 'GET', '/api/notifications', headers);
    found = (r.json().items as typeof found).filter((n) => n.title === title);
    if (found.length < atLeast) await new Promise((res) => setTimeout(res, 100));
  }
  return found;
}
const mailsTo = (to: string, subject: string) =>
  t.smtp.messages.filter(
    (m) =>
      [m.to].flat().some((a) => a?.value.some((v) => v.address === to)) &&
      (m.subject ?? '').includes(subject),
  );

describe('notices of an order', () => {
  it('tells the officer and the supplier who had it that an approved order is cancelled', async () => {
    const o = await approvedOrder(t, b, 2, 1000);
    const r = await send(t, 'POST', `/api/purchase-orders/${o.id}/cancel`, b.admin, {
      reason: 'Ordered twice by mistake',
    });
    expect(r.statusCode, r.body).toBe(200);
    const [n] = await notices(b.officer, 'Purchase order cancelled');
    expect(n?.body).toBe(`Purchase order ${o.number} was cancelled: Ordered twice by mistake`);
    expect(n?.link).toBe(`/app/purchase-orders/${o.id}`);
    for (let i = 0; i < 100 && mailsTo(email, 'is cancelled').length === 0; i++) {
      await new Promise((res) => setTimeout(res, 100));
    }
    const [mail] = mailsTo(email, `${o.number} from`).filter((m) => (m.subject ?? '').includes('cancelled'));
    expect(mail?.text).toContain('Please do not deliver it.');
    // The hospital's reasons stay in the hospital.
    expect(mail?.text).not.toContain('Ordered twice');
  });

  it('tells no supplier of a draft cancelled before it was sent, nor the person who cancelled it', async () => {
    const d = await draftOrder(t, b, 1, 1000);
    const before = t.smtp.messages.length;
    const r = await send(t, 'POST', `/api/purchase-orders/${d.id}/cancel`, b.officer, {
      reason: 'Not needed',
    });
    expect(r.statusCode, r.body).toBe(200);
    await new Promise((res) => setTimeout(res, 1500));
    expect(mailsTo(email, d.number).length).toBe(0);
    // No mail about it to anyone (mails of the test before may still be arriving: only this order counts).
    expect(t.smtp.messages.slice(before).filter((m) => (m.subject ?? '').includes(d.number))).toEqual([]);
    const mine = (await send(t, 'GET', '/api/notifications', b.officer)).json().items as { body: string }[];
    expect(mine.some((n) => n.body.includes(d.number))).toBe(false);
  });

  it('tells the pharmacists what arrived, and when the order is complete', async () => {
    const o: PurchaseOrder = await approvedOrder(t, b, 4, 1000);
    const receive = (packs: number) =>
      send(t, 'POST', `/api/purchase-orders/${o.id}/receipts`, b.officer, {
        idempotencyKey: randomUUID(),
        lines: o.lines.map((l, i) => ({
          orderLineId: l.id,
          packsAccepted: packs,
          batchNumber: `B${i}-${packs}-${randomUUID().slice(0, 6)}`,
          expiryDate: '2029-06-30',
        })),
      });
    expect((await receive(1)).statusCode).toBe(201);
    const [first] = await notices(b.p.headers, 'Goods received');
    expect(first?.body).toBe(`2 packs arrived in ${o.storeName} on purchase order ${o.number}.`);
    expect((await receive(3)).statusCode).toBe(201);
    const all = await notices(b.p.headers, 'Goods received', 2);
    expect(all.map((n) => n.body)).toContain(
      `6 packs arrived in ${o.storeName} on purchase order ${o.number}; the order is complete.`,
    );
  });
});
