// Goods receipt: a delivery received line by line becomes stock batches and ledger rows in one
// transaction; two receipts of the same delivery at once never put in more than the line allows;
// damaged packs are recorded, not stocked; returns to the supplier post their ledger rows; bad
// input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, SupplierReturn } from '../../../contracts/procurement';
import { buildTestApp, type TestApp } from '../../test/harness';
import { verifyStock } from '../pharmacy';
import { inDays, key, onHand } from '../pharmacy/pharmacy.test-helpers';
import { approvedOrder, buyer, draftOrder, send, type Buyer } from './procurement.test-helpers';
import { readReturnReason } from './receipts.service';

let t: TestApp;
let b: Buyer;
beforeAll(async () => {
  t = await buildTestApp();
  b = await buyer(t);
});
afterAll(async () => t?.close());

const receive = (order: PurchaseOrder, lines: object[], headers = b.officer, k = key()) =>
  send(t, 'POST', `/api/purchase-orders/${order.id}/receipts`, headers, {
    idempotencyKey: k,
    deliveryNote: 'DN-1',
    lines,
  });
const ledgerRows = async (medicineId: string) =>
  Number(
    (
      await t.database.query<{ n: number }>(
        `select count(*)::int as n from stock_ledger where medicine_id = $1`,
        [medicineId],
      )
    ).rows[0]!.n,
  );

describe('receiving goods', () => {
  it('puts part of a delivery into stock in units, then the rest, and closes the order', async () => {
    const o = await approvedOrder(t, b, 10, 1500); // Amoxicillin ×10 packs of 10, Metformin ×10 of 20
    const [amox, metf] = o.lines;
    const before = (await onHand(t, b.p, amox!.medicineId)).onHand;
    const first = await receive(o, [
      {
        orderLineId: amox!.id,
        batchNumber: 'AMX-1',
        expiryDate: inDays(400),
        packsAccepted: 4,
        packsDamaged: 1,
      },
    ]);
    expect(first.statusCode, first.body).toBe(201);
    const r1 = first.json() as {
      order: PurchaseOrder;
      receipt: { lines: { units: number; batchId: string }[] };
    };
    expect(r1.order.status).toBe('partly_received');
    expect(r1.order.lines[0]).toMatchObject({ packsReceived: 4, packsDamaged: 1 });
    expect(r1.receipt.lines[0]).toMatchObject({ units: 40 });
    expect((await onHand(t, b.p, amox!.medicineId)).onHand).toBe(before + 40);
    const batch = await t.database.query<{ unit_cost_minor: string; store_id: string }>(
      'select unit_cost_minor, store_id from stock_batches where id = $1',
      [r1.receipt.lines[0]!.batchId],
    );
    expect(batch.rows[0]).toMatchObject({ unit_cost_minor: '150', store_id: b.p.store.id }); // 1500 per pack of 10

    const rest = await receive(o, [
      { orderLineId: amox!.id, batchNumber: 'AMX-2', expiryDate: inDays(500), packsAccepted: 6 },
      { orderLineId: metf!.id, batchNumber: 'MET-1', expiryDate: inDays(300), packsAccepted: 6 },
      { orderLineId: metf!.id, batchNumber: 'MET-2', expiryDate: inDays(320), packsAccepted: 4 },
    ]);
    expect(rest.statusCode, rest.body).toBe(201);
    expect((rest.json() as { order: PurchaseOrder }).order.status).toBe('received');
    expect(
      (
        await receive(o, [
          { orderLineId: metf!.id, batchNumber: 'X', expiryDate: inDays(90), packsAccepted: 1 },
        ])
      ).statusCode,
    ).toBe(409);
    const receipts = (await send(t, 'GET', `/api/purchase-orders/${o.id}/receipts`, b.officer)).json() as {
      items: unknown[];
    };
    expect(receipts.items).toHaveLength(2);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('two receipts of the same delivery at once never receive more than the line allows', async () => {
    const o = await approvedOrder(t, b, 10, 100); // max 11 packs a line
    const line = o.lines[0]!;
    const before = (await onHand(t, b.p, line.medicineId)).onHand;
    const answers = await Promise.all(
      [0, 1].map((i) =>
        receive(o, [
          { orderLineId: line.id, batchNumber: `RACE-${i}`, expiryDate: inDays(200), packsAccepted: 8 },
        ]),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 422]);
    expect(answers.find((a) => a.statusCode === 422)!.json().code).toBe('OVER_RECEIPT');
    expect((await onHand(t, b.p, line.medicineId)).onHand).toBe(before + 80);
    const after = (await send(t, 'GET', `/api/purchase-orders/${o.id}`, b.officer)).json() as PurchaseOrder;
    expect(after.lines[0]!.packsReceived).toBe(8);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('allows the hospital’s over-delivery and no more; a retry with the same key receives once', async () => {
    const o = await approvedOrder(t, b, 10, 100);
    const line = o.lines[1]!;
    const k = key();
    const lines = [{ orderLineId: line.id, batchNumber: 'OVR', expiryDate: inDays(200), packsAccepted: 11 }];
    const a = await receive(o, lines, b.officer, k);
    const again = await receive(o, lines, b.officer, k);
    expect([a.statusCode, again.statusCode]).toEqual([201, 201]);
    expect((again.json() as { receipt: { id: string } }).receipt.id).toBe(
      (a.json() as { receipt: { id: string } }).receipt.id,
    );
    expect((again.json() as { order: PurchaseOrder }).order.lines[1]!.packsReceived).toBe(11);
    const over = await receive(o, [
      { orderLineId: line.id, batchNumber: 'OVR2', expiryDate: inDays(200), packsAccepted: 1 },
    ]);
    expect(over.statusCode).toBe(422);
  });

  it('refuses bad input, an unapproved order and another hospital’s order, changing nothing', async () => {
    const o = await approvedOrder(t, b, 5, 100);
    const line = o.lines[0]!;
    const rows = await ledgerRows(line.medicineId);
    for (const bad of [
      { packsAccepted: -1 },
      { packsAccepted: 1.5 },
      { packsAccepted: 0, packsDamaged: 0 },
      { expiryDate: '2020-13-01' },
      { batchNumber: '' },
    ]) {
      const r = await receive(o, [
        { orderLineId: line.id, batchNumber: 'B', expiryDate: inDays(100), packsAccepted: 1, ...bad },
      ]);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const past = await receive(o, [
      { orderLineId: line.id, batchNumber: 'OLD', expiryDate: inDays(-1), packsAccepted: 1 },
    ]);
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('BATCH_EXPIRED');
    const strange = await receive(o, [
      { orderLineId: o.id, batchNumber: 'B', expiryDate: inDays(100), packsAccepted: 1 },
    ]);
    expect(strange.statusCode).toBe(404);
    const draft = await draftOrder(t, b);
    expect(
      (
        await receive(draft, [
          { orderLineId: draft.lines[0]!.id, batchNumber: 'B', expiryDate: inDays(100), packsAccepted: 1 },
        ])
      ).statusCode,
    ).toBe(409);
    const other = await buyer(t);
    expect(
      (
        await receive(
          o,
          [{ orderLineId: line.id, batchNumber: 'B', expiryDate: inDays(100), packsAccepted: 1 }],
          other.officer,
        )
      ).statusCode,
    ).toBe(404);
    expect(await ledgerRows(line.medicineId)).toBe(rows);
    expect(
      ((await send(t, 'GET', `/api/purchase-orders/${o.id}`, b.officer)).json() as PurchaseOrder).lines[0]!
        .packsReceived,
    ).toBe(0);
  });
});

describe('returns to the supplier', () => {
  it('sends damaged stock back with supplier_return ledger rows, and never more than the batch holds', async () => {
    const o = await approvedOrder(t, b, 3, 100);
    const line = o.lines[0]!;
    const got = await receive(o, [
      { orderLineId: line.id, batchNumber: 'RET-1', expiryDate: inDays(200), packsAccepted: 3 },
    ]);
    const batchId = (got.json() as { receipt: { lines: { batchId: string }[] } }).receipt.lines[0]!.batchId;
    const before = (await onHand(t, b.p, line.medicineId)).onHand;

    const tooMany = await send(t, 'POST', '/api/supplier-returns', b.officer, {
      idempotencyKey: key(),
      supplierId: b.supplier.id,
      reason: 'damaged',
      lines: [{ batchId, units: 31 }],
    });
    expect(tooMany.statusCode).toBe(409);
    const r = await send(t, 'POST', '/api/supplier-returns', b.officer, {
      idempotencyKey: key(),
      supplierId: b.supplier.id,
      orderId: o.id,
      reason: 'damaged',
      note: 'Crushed carton',
      lines: [{ batchId, units: 12 }],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json() as SupplierReturn).toMatchObject({
      reason: 'damaged',
      note: 'Crushed carton',
      lines: [expect.objectContaining({ units: 12, batchNumber: 'RET-1' })],
    });
    expect((await onHand(t, b.p, line.medicineId)).onHand).toBe(before - 12);
    const ledger = await t.database.query<{ kind: string; quantity: number }>(
      `select kind, quantity from stock_ledger where batch_id = $1 order by occurred_at desc limit 1`,
      [batchId],
    );
    expect(ledger.rows[0]).toEqual({ kind: 'supplier_return', quantity: -12 });
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });
});

describe('a stored return reason', () => {
  it('is read back as its kind and the note the person added', () => {
    expect(readReturnReason('damaged')).toEqual({ reason: 'damaged', note: null });
    expect(readReturnReason('expired: found on the shelf: 3 strips')).toEqual({
      reason: 'expired',
      note: 'found on the shelf: 3 strips',
    });
    expect(readReturnReason('something: else')).toEqual({ reason: null, note: 'something: else' });
  });
});
