// Purchase orders: a draft priced from the supplier's last prices; submission approves below the
// hospital's threshold and otherwise waits for a hospital admin; approved orders are never edited,
// only cancelled or amended by a revision; numbers are unique and gap-free; bad input and another
// hospital's orders change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder } from '../../../contracts/procurement';
import { buildTestApp, type TestApp } from '../../test/harness';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { approvedOrder, buyer, draftOrder, send, type Buyer } from './procurement.test-helpers';

let t: TestApp;
let b: Buyer;
beforeAll(async () => {
  t = await buildTestApp();
  b = await buyer(t);
});
afterAll(async () => t?.close());

const orderCount = async (hospitalId = b.p.hospital.id) =>
  Number(
    (
      await t.database.query<{ n: number }>(
        'select count(*)::int as n from purchase_orders where hospital_id = $1',
        [hospitalId],
      )
    ).rows[0]!.n,
  );
const act = (id: string, step: string, headers = b.officer, body?: object) =>
  send(t, 'POST', `/api/purchase-orders/${id}/${step}`, headers, body);

describe('drafting an order', () => {
  it("prices lines from the supplier's last price, and asks for one where there is none", async () => {
    await send(t, 'PUT', `/api/suppliers/${b.supplier.id}/items/${b.meds[0]!.id}`, b.officer, {
      lastPriceMinor: 4250,
    });
    const missing = await send(t, 'POST', '/api/purchase-orders', b.officer, {
      supplierId: b.supplier.id,
      storeId: b.p.store.id,
      lines: b.meds.map((m) => ({ medicineId: m.id, packs: 3 })),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: 'body.lines.1.unitPriceMinor' })]);

    const r = await send(t, 'POST', '/api/purchase-orders', b.officer, {
      supplierId: b.supplier.id,
      storeId: b.p.store.id,
      expectedOn: '2030-01-15',
      lines: [
        { medicineId: b.meds[0]!.id, packs: 3 },
        { medicineId: b.meds[1]!.id, packs: 20, unitPriceMinor: 999 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const o = r.json() as PurchaseOrder;
    expect(o).toMatchObject({
      status: 'draft',
      revision: 1,
      totalMinor: 3 * 4250 + 20 * 999,
      expectedOn: '2030-01-15',
    });
    expect(o.number).toMatch(/^PO-\d{4}-\d{5}$/);
    // 10% over-delivery by default, rounded down: 3 packs allow 3, 20 allow 22.
    expect(o.lines.map((l) => [l.packsOrdered, l.maxPacks, l.packSize])).toEqual([
      [3, 3, 10],
      [20, 22, 20],
    ]);
    expect(o.timeline.map((e) => e.step)).toEqual(['created']);
  });

  it('refuses bad lines, a ward store and an unknown supplier, creating nothing', async () => {
    const before = await orderCount();
    const base = { supplierId: b.supplier.id, storeId: b.p.store.id };
    const med = b.meds[0]!.id;
    for (const lines of [
      [{ medicineId: med, packs: 0, unitPriceMinor: 1 }],
      [{ medicineId: med, packs: -2, unitPriceMinor: 1 }],
      [{ medicineId: med, packs: 1.5, unitPriceMinor: 1 }],
      [{ medicineId: med, packs: 1, unitPriceMinor: -1 }],
      [
        { medicineId: med, packs: 1, unitPriceMinor: 1 },
        { medicineId: med, packs: 2, unitPriceMinor: 1 },
      ],
      [],
    ]) {
      const r = await send(t, 'POST', '/api/purchase-orders', b.officer, { ...base, lines });
      expect(r.statusCode, JSON.stringify(lines)).toBe(400);
    }
    const ward = await send(t, 'POST', '/api/stores', b.admin, { name: `Ward ${Math.random()}` });
    const toWard = await send(t, 'POST', '/api/purchase-orders', b.officer, {
      ...base,
      storeId: ward.json().id,
      lines: [{ medicineId: med, packs: 1, unitPriceMinor: 1 }],
    });
    expect(toWard.statusCode).toBe(400);
    const unknown = await send(t, 'POST', '/api/purchase-orders', b.officer, {
      ...base,
      supplierId: '018f0000-0000-7000-8000-000000000000',
      lines: [{ medicineId: med, packs: 1, unitPriceMinor: 1 }],
    });
    expect(unknown.statusCode).toBe(404);
    expect(await orderCount()).toBe(before);
  });

  it('numbers concurrent orders without a gap or a repeat', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, () => draftOrder(t, b, 1, 10)));
    const numbers = made.map((o) => Number(o.number.split('-')[2])).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers[7]! - numbers[0]!).toBe(7);
  });
});

describe('approval', () => {
  it('approves at submission below the threshold, and records the prices paid', async () => {
    const o = await approvedOrder(t, b, 2, 777);
    expect(o.approvedAt).not.toBeNull();
    expect(o.timeline.map((e) => e.step)).toEqual(['created', 'submitted', 'approved']);
    const items = (await send(t, 'GET', `/api/suppliers/${b.supplier.id}/items`, b.officer)).json() as {
      items: { medicineId: string; lastPriceMinor: number }[];
    };
    expect(items.items.find((i) => i.medicineId === b.meds[1]!.id)?.lastPriceMinor).toBe(777);
  });

  it('waits for a hospital admin from the threshold up, tells the admins, and only they approve', async () => {
    const set = await send(t, 'PUT', '/api/procurement/settings', b.admin, {
      approvalThresholdMinor: 10_000,
      overDeliveryPercent: 10,
      safetyStockDays: 7,
    });
    expect(set.json()).toMatchObject({ approvalThresholdMinor: 10_000, overDeliveryPercent: 10 });
    const whole = { approvalThresholdMinor: 1, overDeliveryPercent: 10, safetyStockDays: 7 };
    expect((await send(t, 'PUT', '/api/procurement/settings', b.officer, whole)).statusCode).toBe(403);
    // A change names every setting: a lone value changes nothing.
    expect(
      (await send(t, 'PUT', '/api/procurement/settings', b.admin, { approvalThresholdMinor: 1 })).statusCode,
    ).toBe(400);
    expect((await send(t, 'GET', '/api/procurement/settings', b.admin)).json()).toMatchObject({
      approvalThresholdMinor: 10_000,
    });
    try {
      const d = await draftOrder(t, b, 10, 1000); // 20,000 ≥ 10,000
      const submitted = (await act(d.id, 'submit')).json() as PurchaseOrder;
      expect(submitted).toMatchObject({ status: 'submitted', needsApproval: true });
      const notices = await t.database.query<{ template: string }>(
        `select template from notification_deliveries where idempotency_key like $1`,
        [`po-awaiting:${d.id}:%`],
      );
      expect(notices.rows.map((r) => r.template)).toContain('procurement.order_awaiting_approval');
      expect((await act(d.id, 'approve')).statusCode).toBe(403); // the officer
      const approved = await act(d.id, 'approve', b.admin);
      expect(approved.json()).toMatchObject({ status: 'approved' });
      expect((await act(d.id, 'approve', b.admin)).statusCode).toBe(409);
    } finally {
      await send(t, 'PUT', '/api/procurement/settings', b.admin, {
        approvalThresholdMinor: 5_000_000,
        overDeliveryPercent: 10,
        safetyStockDays: 7,
      });
    }
  });
});

describe('after approval', () => {
  it('never edits an approved order; amending makes a revision that replaces it once approved', async () => {
    const o = await approvedOrder(t, b, 5, 100);
    const edit = await send(t, 'PATCH', `/api/purchase-orders/${o.id}`, b.officer, { notes: 'change' });
    expect(edit.statusCode).toBe(409);

    const rev = (await act(o.id, 'amend')).json() as PurchaseOrder;
    expect(rev).toMatchObject({ number: o.number, revision: 2, supersedesId: o.id, status: 'draft' });
    expect((await act(o.id, 'amend')).statusCode).toBe(409); // one revision at a time
    const changed = await send(t, 'PATCH', `/api/purchase-orders/${rev.id}`, b.officer, {
      lines: [{ medicineId: b.meds[0]!.id, packs: 8, unitPriceMinor: 100 }],
    });
    expect(changed.json()).toMatchObject({ totalMinor: 800 });
    // The original stays in force until the revision is approved.
    expect((await send(t, 'GET', `/api/purchase-orders/${o.id}`, b.officer)).json()).toMatchObject({
      status: 'approved',
    });
    await act(rev.id, 'submit');
    const old = (await send(t, 'GET', `/api/purchase-orders/${o.id}`, b.officer)).json() as PurchaseOrder;
    expect(old).toMatchObject({
      status: 'cancelled',
      cancellation: { kind: 'replacedBy', revision: 2 },
      supersededById: rev.id,
    });
  });

  it('cancels with a reason, once, and an admin may cancel too', async () => {
    const o = await approvedOrder(t, b);
    expect((await act(o.id, 'cancel', b.officer, {})).statusCode).toBe(400);
    const c = await act(o.id, 'cancel', b.admin, { reason: 'Supplier cannot deliver' });
    expect(c.json()).toMatchObject({
      status: 'cancelled',
      cancellation: { kind: 'reason', text: 'Supplier cannot deliver' },
    });
    expect((await act(o.id, 'cancel', b.officer, { reason: 'again' })).statusCode).toBe(409);
    expect((await act(o.id, 'submit')).statusCode).toBe(409);
  });

  it('lists orders by status, and keeps them from other hospitals and from nurses', async () => {
    const d = await draftOrder(t, b);
    const drafts = (
      await send(t, 'GET', '/api/purchase-orders?status=draft&limit=100', b.officer)
    ).json() as {
      items: PurchaseOrder[];
    };
    expect(drafts.items.map((o) => o.id)).toContain(d.id);
    expect(drafts.items.every((o) => o.status === 'draft')).toBe(true);

    const other = await buyer(t);
    expect((await send(t, 'GET', `/api/purchase-orders/${d.id}`, other.officer)).statusCode).toBe(404);
    expect((await act(d.id, 'submit', other.officer)).statusCode).toBe(404);
    expect((await act(d.id, 'cancel', other.admin, { reason: 'x' })).statusCode).toBe(404);
    const nurse = await staffAt(t, b.p.hospital, 'nurse');
    expect((await send(t, 'GET', '/api/purchase-orders', nurse)).statusCode).toBe(403);
    expect((await send(t, 'GET', `/api/purchase-orders/${d.id}`, b.p.headers)).statusCode).toBe(200); // pharmacist reads
  });

  it("counts the hospital's open orders on the procurement officer's dashboard", async () => {
    const fresh = await buyer(t);
    const open = async () => {
      const d = (await send(t, 'GET', '/api/dashboard', fresh.officer)).json() as {
        cards: { key: string; value?: number }[];
      };
      return d.cards.find((c) => c.key === 'openPurchaseOrders')?.value;
    };
    const draft = await draftOrder(t, fresh);
    expect(await open()).toBe(0); // a draft is not on its way yet
    await act(draft.id, 'submit', fresh.officer);
    expect(await open()).toBe(1);
    await act(draft.id, 'cancel', fresh.officer, { reason: 'Not needed after all' });
    expect(await open()).toBe(0);
  });
});
