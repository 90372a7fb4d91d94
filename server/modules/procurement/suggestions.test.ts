// Reorder suggestions: packs to order from the last 30 and 90 days of use in the ledger (dispensed,
// sold, issued to wards; not write-offs, supplier returns or other transfers), the supplier's lead
// time and the safety stock, less what is in hand and on order; turned into drafts one per supplier
// in one transaction. Another hospital's data stays out; bad input changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Medicine } from '../../../contracts/pharmacy';
import type {
  CreatedDraftOrder,
  PurchaseOrder,
  ReorderSuggestion,
  ReorderSuggestions,
  Supplier,
} from '../../../contracts/procurement';
import { buildTestApp, type TestApp } from '../../test/harness';
import { expiredBatch, inDays, medicine, receive, staffAt } from '../pharmacy/pharmacy.test-helpers';
import { buyer, send, type Buyer } from './procurement.test-helpers';
import { suggestedPacks } from './suggestions.service';

let t: TestApp;
let b: Buyer;
let amox: Medicine; // packs of 10, reorder level 100, used fast
let salbu: Medicine; // packs of 20, reorder level 50, never stocked, no supplier
let zinc: Medicine; // reorder level 10, 11 in hand
let second: Supplier;

beforeAll(async () => {
  t = await buildTestApp();
  b = await buyer(t);
  amox = await medicine(t, b.p, {
    genericName: 'Amoxyclav',
    strength: '625 mg',
    packSize: 10,
    reorderLevel: 100,
  });
  salbu = await medicine(t, b.p, {
    genericName: 'Salbutamol',
    strength: '4 mg',
    packSize: 20,
    reorderLevel: 50,
  });
  zinc = await medicine(t, b.p, { genericName: 'Zinc', strength: '20 mg', packSize: 10, reorderLevel: 10 });
  second = (
    await send(t, 'POST', '/api/suppliers', b.officer, { name: `Second ${randomUUID()}`, leadTimeDays: 2 })
  ).json() as Supplier;
  // The first supplier is preferred for Amoxyclav; the second priced it more recently.
  await send(t, 'PUT', `/api/suppliers/${b.supplier.id}/items/${amox.id}`, b.officer, {
    lastPriceMinor: 4250,
    preferred: true,
  });
  await send(t, 'PUT', `/api/suppliers/${second.id}/items/${amox.id}`, b.officer, { lastPriceMinor: 3900 });
  await send(t, 'PUT', `/api/suppliers/${second.id}/items/${zinc.id}`, b.officer, { lastPriceMinor: 800 });
});
afterAll(async () => t?.close());

/** A ledger row of `quantity` units of the batch, `daysAgo` days ago (written directly: time passed). */
async function move(
  batchId: string,
  kind: string,
  quantity: number,
  daysAgo: number,
  referenceType?: string,
) {
  await t.database.query(
    `insert into stock_ledger (id, hospital_id, store_id, batch_id, medicine_id, kind, quantity, balance_after,
                               unit_cost_minor, reference_type, occurred_at)
     select gen_random_uuid(), hospital_id, store_id, id, medicine_id, $2, $3, 0, 100, $4,
            now() - make_interval(days => $5)
       from stock_batches where id = $1`,
    [batchId, kind, quantity, referenceType ?? null, daysAgo],
  );
}

const suggestions = async (query = '', headers = b.officer) => {
  const r = await send(t, 'GET', `/api/procurement/suggestions${query}`, headers);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ReorderSuggestions;
};
const itemOf = (s: ReorderSuggestions, m: Medicine, storeId = b.p.store.id) =>
  s.items.find((i) => i.medicineId === m.id && i.storeId === storeId);
const orderCount = async () =>
  Number(
    (
      await t.database.query<{ n: number }>(
        'select count(*)::int as n from purchase_orders where hospital_id = $1',
        [b.p.hospital.id],
      )
    ).rows[0]!.n,
  );

describe('the formula', () => {
  it('orders for the faster rate over lead time and safety stock, tops up to the reorder level, at least a pack', () => {
    const base = { reorderLevel: 100, onOrderUnits: 0, packSize: 10, leadTimeDays: 4, safetyStockDays: 7 };
    // 300 used in 30 days (10/day) beats 450 in 90 (5/day): 10 × 11 + 100 − 80 = 130 → 13 packs.
    expect(suggestedPacks({ ...base, onHand: 80, used30: 300, used90: 450 })).toBe(13);
    // 900 in 90 days (10/day) beats 150 in 30 (5/day): the same 13 packs.
    expect(suggestedPacks({ ...base, onHand: 80, used30: 150, used90: 900 })).toBe(13);
    // Exactly 130 → 13 packs, not 14 (worked in whole numbers); 131 → 14.
    expect(suggestedPacks({ ...base, onHand: 80, used30: 300, used90: 0 })).toBe(13);
    expect(suggestedPacks({ ...base, onHand: 79, used30: 300, used90: 0 })).toBe(14);
    // On order covers it all: still one pack (the item is at its reorder level).
    expect(suggestedPacks({ ...base, onHand: 100, onOrderUnits: 5000, used30: 300, used90: 450 })).toBe(1);
    // Nothing used: just back to the reorder level, 100 − 0 over packs of 20 → 5.
    expect(suggestedPacks({ ...base, packSize: 20, onHand: 0, used30: 0, used90: 0 })).toBe(5);
  });
});

describe('GET /api/procurement/suggestions', () => {
  let batch: string;

  it('works out use from the ledger over 30 and 90 days and suggests packs, for the items at or under their level', async () => {
    batch = (
      await receive(t, b.p, amox.id, [{ batchNumber: 'AMX-1', expiryDate: inDays(700), quantity: 1220 }])
    ).entries[0]!.batchId;
    // Use in the last 30 days: 170 dispensed, 20 of it back (an online order cancelled), 150 sold = 300.
    await move(batch, 'dispense', -170, 5, 'dispensing');
    await move(batch, 'return', 20, 4, 'order_return');
    await move(batch, 'sale', -150, 20, 'sale');
    // 30 to 90 days ago: 90 issued to a ward, 60 dispensed: 450 in 90 days.
    await move(batch, 'transfer_out', -90, 45, 'ward_request');
    await move(batch, 'dispense', -60, 80, 'dispensing');
    // Not use: a write-off, a supplier return, a transfer that is no ward issue; and use 95 days ago.
    await move(batch, 'write_off', -100, 10);
    await move(batch, 'supplier_return', -50, 12, 'supplier_return');
    await move(batch, 'transfer_out', -40, 10);
    await move(batch, 'dispense', -500, 95, 'dispensing');
    // 1220 − 1140 = 80 in hand, at or under the level of 100.

    await receive(t, b.p, zinc.id, [{ batchNumber: 'ZN-1', expiryDate: inDays(700), quantity: 11 }]);
    await expiredBatch(t, b.p, salbu.id, 30); // expired stock is not in hand

    const s = await suggestions();
    expect(s).toMatchObject({ safetyStockDays: 7, currency: 'INR' });
    expect(itemOf(s, amox)).toEqual({
      medicineId: amox.id,
      medicineName: 'Amoxyclav',
      strength: '625 mg',
      form: 'tablet',
      storeId: b.p.store.id,
      storeName: b.p.store.name,
      onHand: 80,
      reorderLevel: 100,
      onOrderPacks: 0,
      packSize: 10,
      avgDaily30: 10,
      avgDaily90: 5,
      // max(10, 5) × (4 days' lead + 7 safety) + 100 − 80 = 130 units → 13 packs of 10.
      suggestedPacks: 13,
      supplier: { id: b.supplier.id, name: b.supplier.name, leadTimeDays: 4 },
      lastPriceMinor: 4250,
    } satisfies ReorderSuggestion);
    // Never stocked, no supplier: back to the level, 50 over packs of 20 → 3, with 7 days' lead assumed.
    expect(itemOf(s, salbu)).toMatchObject({
      onHand: 0,
      avgDaily30: 0,
      avgDaily90: 0,
      suggestedPacks: 3,
      supplier: null,
      lastPriceMinor: null,
    });
    // 11 in hand is above Zinc's level of 10; medicines without a level are never suggested.
    expect(itemOf(s, zinc)).toBeUndefined();
    expect(s.items.some((i) => b.meds.some((m) => m.id === i.medicineId))).toBe(false);
    // The main store has never held these: only the pharmacy is suggested.
    expect(s.items.every((i) => i.storeId === b.p.store.id)).toBe(true);
    const names = s.items.map((i) => i.medicineName);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y)));
  });

  it('lists an item once it reaches its level, and from the supplier with the latest price when none is preferred', async () => {
    const zincBatch = (
      await t.database.query<{ id: string }>('select id from stock_batches where medicine_id = $1', [zinc.id])
    ).rows[0]!.id;
    await move(zincBatch, 'dispense', -1, 0, 'dispensing');
    const item = itemOf(await suggestions(), zinc);
    // 1 in 30 days: 0.033/day × (2 + 7) + 10 − 10 = 0.3 units → at least one pack.
    expect(item).toMatchObject({
      onHand: 10,
      avgDaily30: 0.03,
      avgDaily90: 0.01,
      suggestedPacks: 1,
      supplier: { id: second.id, leadTimeDays: 2 },
      lastPriceMinor: 800,
    });
  });

  it('takes off what open orders still bring, not drafts', async () => {
    const order = (
      await send(t, 'POST', '/api/purchase-orders', b.officer, {
        supplierId: b.supplier.id,
        storeId: b.p.store.id,
        lines: [{ medicineId: amox.id, packs: 5 }],
      })
    ).json() as PurchaseOrder;
    expect(itemOf(await suggestions(), amox)).toMatchObject({ onOrderPacks: 0, suggestedPacks: 13 });
    const submitted = await send(t, 'POST', `/api/purchase-orders/${order.id}/submit`, b.officer);
    expect(submitted.json()).toMatchObject({ status: 'approved' });
    // 5 packs = 50 units on order: 130 − 50 = 80 → 8 packs.
    expect(itemOf(await suggestions(), amox)).toMatchObject({ onOrderPacks: 5, suggestedPacks: 8 });
    // 2 packs arrive: 100 in hand (still at the level) and 3 packs on order: 110 + 100 − 100 − 30 = 80.
    const received = await send(t, 'POST', `/api/purchase-orders/${order.id}/receipts`, b.officer, {
      idempotencyKey: `k-${randomUUID()}`,
      lines: [
        { orderLineId: order.lines[0]!.id, batchNumber: 'AMX-2', expiryDate: inDays(500), packsAccepted: 2 },
      ],
    });
    expect(received.statusCode, received.body).toBe(201);
    expect(itemOf(await suggestions(), amox)).toMatchObject({
      onHand: 100,
      onOrderPacks: 3,
      suggestedPacks: 8,
    });
  });

  it('narrows to one store, and keeps other hospitals out', async () => {
    const stores = (await send(t, 'GET', '/api/stores', b.officer)).json() as {
      items: { id: string; kind: string }[];
    };
    const main = stores.items.find((s) => s.kind === 'main')!;
    expect((await suggestions(`?storeId=${main.id}`)).items).toEqual([]);
    expect((await suggestions(`?storeId=${b.p.store.id}`)).items.length).toBeGreaterThan(0);

    const other = await buyer(t);
    const theirs = await medicine(t, other.p, { reorderLevel: 5 });
    const mine = await suggestions();
    expect(mine.items.some((i) => i.medicineId === theirs.id)).toBe(false);
    const seen = await suggestions('', other.officer);
    expect(seen.items.map((i) => i.medicineId)).toEqual([theirs.id]);
    const foreign = await send(
      t,
      'GET',
      `/api/procurement/suggestions?storeId=${other.p.store.id}`,
      b.officer,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('is for procurement officers: pharmacists, receptionists and admins are refused', async () => {
    for (const headers of [b.p.headers, await staffAt(t, b.p.hospital, 'receptionist'), b.admin]) {
      expect((await send(t, 'GET', '/api/procurement/suggestions', headers)).statusCode).toBe(403);
      const post = await send(t, 'POST', '/api/procurement/suggestions/orders', headers, {
        storeId: b.p.store.id,
        lines: [{ medicineId: amox.id, supplierId: b.supplier.id, packs: 1 }],
      });
      expect(post.statusCode).toBe(403);
    }
  });
});

describe('POST /api/procurement/suggestions/orders', () => {
  it('makes one draft per supplier, priced from their last prices, in one go', async () => {
    const r = await send(t, 'POST', '/api/procurement/suggestions/orders', b.officer, {
      storeId: b.p.store.id,
      lines: [
        { medicineId: amox.id, supplierId: b.supplier.id, packs: 13 },
        { medicineId: zinc.id, supplierId: second.id, packs: 1 },
        { medicineId: salbu.id, supplierId: b.supplier.id, packs: 3, unitPriceMinor: 1500 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const { orders } = r.json() as { orders: CreatedDraftOrder[] };
    expect(orders.map((o) => [o.supplierId, o.supplierName, o.lineCount, o.totalMinor])).toEqual([
      [b.supplier.id, b.supplier.name, 2, 13 * 4250 + 3 * 1500],
      [second.id, second.name, 1, 800],
    ]);
    const [first, other] = orders;
    expect(Number(other!.number.split('-')[2])).toBe(Number(first!.number.split('-')[2]) + 1);
    const draft = (
      await send(t, 'GET', `/api/purchase-orders/${first!.id}`, b.officer)
    ).json() as PurchaseOrder;
    expect(draft).toMatchObject({ status: 'draft', storeId: b.p.store.id, number: first!.number });
    expect(draft.lines.map((l) => [l.medicineId, l.packsOrdered, l.packSize, l.unitPriceMinor])).toEqual([
      [amox.id, 13, 10, 4250],
      [salbu.id, 3, 20, 1500],
    ]);
    expect(draft.timeline.map((e) => e.step)).toEqual(['created']);
  });

  it('refuses a bad line anywhere and creates nothing, not even a number', async () => {
    const before = await orderCount();
    const other = await buyer(t);
    const ward = (await send(t, 'POST', '/api/stores', b.admin, { name: `Ward ${randomUUID()}` })).json() as {
      id: string;
    };
    const good = { medicineId: amox.id, supplierId: b.supplier.id, packs: 2 };
    const cases: [object, number, string?][] = [
      // Salbutamol has no price from the second supplier: the error names the line as sent.
      [
        { lines: [good, { medicineId: salbu.id, supplierId: second.id, packs: 1 }] },
        400,
        'body.lines.1.unitPriceMinor',
      ],
      [{ lines: [good, { ...good, medicineId: other.meds[0]!.id }] }, 404, 'body.lines.1.medicineId'],
      [{ lines: [good, { ...good, medicineId: zinc.id, supplierId: other.supplier.id }] }, 404],
      [{ lines: [good, good] }, 400],
      [{ lines: [{ ...good, packs: 0 }] }, 400],
      [{ lines: [{ ...good, packs: 1.5 }] }, 400],
      [{ lines: [{ ...good, packs: -1 }] }, 400],
      [{ lines: [{ ...good, unitPriceMinor: -5 }] }, 400],
      [{ lines: [] }, 400],
      [{ lines: [good], storeId: ward.id }, 400, 'body.storeId'],
      [{ lines: [good], storeId: other.p.store.id }, 404],
    ];
    for (const [body, status, path] of cases) {
      const r = await send(t, 'POST', '/api/procurement/suggestions/orders', b.officer, {
        storeId: b.p.store.id,
        ...body,
      });
      expect(r.statusCode, `${JSON.stringify(body)} ${r.body}`).toBe(status);
      if (path) expect(r.json().errors?.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await orderCount()).toBe(before);
    // The numbers taken by the refused attempts were given back: the next draft follows on.
    const last = (
      await t.database.query<{ n: number }>(
        `select max(split_part(number, '-', 3)::int) as n from purchase_orders where hospital_id = $1`,
        [b.p.hospital.id],
      )
    ).rows[0]!.n;
    const next = (
      await send(t, 'POST', '/api/procurement/suggestions/orders', b.officer, {
        storeId: b.p.store.id,
        lines: [good],
      })
    ).json() as { orders: CreatedDraftOrder[] };
    expect(Number(next.orders[0]!.number.split('-')[2])).toBe(Number(last) + 1);
  });
});
