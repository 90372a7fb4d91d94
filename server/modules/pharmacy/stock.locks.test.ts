// Everything that locks a medicine's batches does so as pickings do: medicine by medicine, in
// medicine-id order (stock.moves lockOrder), each medicine's batches in one statement. Each test
// holds a picking of two medicines open after its first lock, lets the path under test queue
// behind it, then takes the picking's second lock. A path that locked in another order already
// holds that second lock: the two wait for each other and PostgreSQL fails one as a deadlock.
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { expireLapsedOrders } from './orders.steps';
import {
  expiredBatch,
  inDays,
  key,
  medicine,
  onHand,
  pharmacy,
  receive,
  staffAt,
  type Pharmacy,
} from './pharmacy.test-helpers';

let t: TestApp;
// No background jobs: the lapsed-order sweep must not run beside the one a test starts.
beforeAll(async () => {
  t = await buildTestApp({ JOBS_ENABLED: 'false' });
});
afterAll(async () => t?.close());

const post = (url: string, headers: object, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });

/** Two medicines of a fresh pharmacy, in lock order: `first` sorts before `second`. */
async function twoMedicines() {
  const p = await pharmacy(t);
  const [first, second] = [await medicine(t, p), await medicine(t, p)].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { p, first: first!.id, second: second!.id };
}

/** What stock.repo lockBatches takes for a picking of one medicine. */
const lockBatches = (held: pg.Client, p: Pharmacy, medicineId: string) =>
  held.query(
    `select id from stock_batches where store_id = $1 and medicine_id = $2 and on_hand > 0
      order by expiry_date, received_at, id for update`,
    [p.store.id, medicineId],
  );

/**
 * Runs `path` while a picking of `first` then `second` is in flight: the picking holds `first`'s
 * batches until `path` waits for them, then takes `second`'s. Returns how the picking's second
 * lock went ('locked', or PostgreSQL's error) and what `path` answered.
 */
async function besidePicking<T>(p: Pharmacy, first: string, second: string, path: () => Promise<T>) {
  const held = await t.database.connectDedicated('test: a picking in flight');
  try {
    await held.query('begin');
    await lockBatches(held, p, first);
    const answer = path();
    await waitForLockWaiters(t.database, 1);
    const picking = await lockBatches(held, p, second).then(
      () => 'locked',
      (e: Error) => e.message,
    );
    await held.query(picking === 'locked' ? 'commit' : 'rollback');
    return { picking, answer: await answer };
  } finally {
    await held.end();
  }
}

describe('stock changes lock batches in the pickings’ order', () => {
  it('writing off expired batches beside a picking of the same medicines: both go through', async () => {
    const { p, first, second } = await twoMedicines();
    // The later medicine's batch expired first, so expiry order is not lock order.
    await expiredBatch(t, p, second, 5, '2020-01-31');
    await expiredBatch(t, p, first, 7, '2020-06-30');
    const { picking, answer } = await besidePicking(p, first, second, () =>
      post('/api/stock/write-off-expired', p.headers, { storeId: p.store.id }),
    );
    expect(picking).toBe('locked');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().entries).toHaveLength(2);
  });

  it('receiving into existing batches beside a picking of the same medicines: both go through', async () => {
    const { p, first, second } = await twoMedicines();
    const batch = { batchNumber: 'R1', expiryDate: inDays(300), quantity: 10 };
    await receive(t, p, first, [batch]);
    await receive(t, p, second, [batch]);
    const { picking, answer } = await besidePicking(p, first, second, () =>
      post('/api/stock/receipts', p.headers, {
        storeId: p.store.id,
        lines: [second, first].map((medicineId) => ({ ...batch, medicineId, unitCostMinor: 100 })),
      }),
    );
    expect(picking).toBe('locked');
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await onHand(t, p, first)).onHand).toBe(20);
    expect((await onHand(t, p, second)).onHand).toBe(20);
  });

  it('returning batches to a supplier beside a picking of the same medicines: both go through', async () => {
    const { p, first, second } = await twoMedicines();
    const batch = { batchNumber: 'S1', expiryDate: inDays(300), quantity: 10 };
    const batchOf = async (m: string) => (await receive(t, p, m, [batch])).entries[0]!.batchId;
    const [firstBatch, secondBatch] = [await batchOf(first), await batchOf(second)];
    const officer = await staffAt(t, p.hospital, 'procurement_officer');
    const supplier = (
      await post('/api/suppliers', officer, { name: `Supplier ${key()}`, leadTimeDays: 4 })
    ).json();
    const { picking, answer } = await besidePicking(p, first, second, () =>
      post('/api/supplier-returns', p.headers, {
        idempotencyKey: key(),
        supplierId: supplier.id,
        reason: 'damaged',
        lines: [
          { batchId: secondBatch, units: 2 },
          { batchId: firstBatch, units: 3 },
        ],
      }),
    );
    expect(picking).toBe('locked');
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await onHand(t, p, first)).onHand).toBe(7);
    expect((await onHand(t, p, second)).onHand).toBe(8);
  });

  it('lapsed orders released beside a picking of their medicines: both go through', async () => {
    const { p, first, second } = await twoMedicines();
    const batch = { batchNumber: 'O1', expiryDate: inDays(300), quantity: 10 };
    await receive(t, p, first, [batch]);
    await receive(t, p, second, [batch]);
    // The order lapsing first holds the later medicine: one sweep over both would lock `second`
    // and then `first`, each order's lines in lock order but not the two orders together.
    for (const [medicineId, lapsed] of [
      [second, '2 minutes'],
      [first, '1 minute'],
    ] as const) {
      const { user } = await createPatientUser(t.database.db);
      const placed = await post('/api/shop/orders', await sessionHeaders(t.database.db, user), {
        idempotencyKey: key(),
        hospitalId: p.hospital.id,
        lines: [{ medicineId, quantity: 2 }],
        fulfilment: 'pickup',
        expectedTotalMinor: 560,
      });
      expect(placed.statusCode, placed.body).toBe(201);
      const order = placed.json() as PharmacyOrder;
      await t.database.db.execute(
        sql`update pharmacy_orders set reserved_until = now() - ${lapsed}::interval where id = ${order.id}`,
      );
    }
    const { picking, answer } = await besidePicking(p, first, second, () =>
      expireLapsedOrders(t.database.db).catch((e: Error) => String(e.cause ?? e)),
    );
    expect(picking).toBe('locked');
    expect(answer).toBe(2);
    expect(await onHand(t, p, first)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await onHand(t, p, second)).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('a catalog import changing two medicines beside a sale of both: both go through', async () => {
    const { p, first, second } = await twoMedicines();
    const meds = await t.database.query<{ id: string; generic_name: string }>(
      'select id, generic_name from medicines where id = any($1)',
      [[first, second]],
    );
    const name = (id: string) => meds.rows.find((m) => m.id === id)!.generic_name;
    // The file names the later medicine first: in file order the import locked it first.
    const csv = [
      'generic_name,form,strength,dispensing_unit,sale_price',
      `${name(second)},tablet,500 mg,tablet,3.10`,
      `${name(first)},tablet,500 mg,tablet,2.90`,
    ].join('\n');
    // A sale share-locks its medicines in id order, against price changes mid-sale.
    const held = await t.database.connectDedicated('test: a sale in flight');
    try {
      await held.query('begin');
      await held.query('select id from medicines where id = $1 for share', [first]);
      const answer = t.app.inject({
        method: 'POST',
        url: '/api/medicines/import',
        headers: { ...(p.headers as Record<string, string>), 'content-type': 'text/csv' },
        payload: csv,
      });
      await waitForLockWaiters(t.database, 1);
      const sale = await held.query('select id from medicines where id = $1 for share', [second]).then(
        () => 'locked',
        (e: Error) => e.message,
      );
      await held.query(sale === 'locked' ? 'commit' : 'rollback');
      expect(sale).toBe('locked');
      const res = await answer;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: 0, updated: 2, rejected: [] });
    } finally {
      await held.end();
    }
  });
});
