// Ward requests move stock between stores through the ledger (FEFO out of the pharmacy, the same
// batches into the ward); stock takes count blind and post the differences in one transaction;
// the morning alerts and the pharmacist's dashboard read the same stock.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardCard } from '../../../contracts/dashboard';
import type { Batch, Store } from '../../../contracts/pharmacy';
import type { WardRequest } from '../../../contracts/pharmacy-orders';
import type { StockTake } from '../../../contracts/stock-control';
import { buildTestApp, type TestApp } from '../../test/harness';
import { sendStockAlerts } from './pharmacy.jobs';
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
import { verifyStock } from './stock-verify';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function wardStore(p: Pharmacy, name = 'Ward 3'): Promise<Store> {
  const admin = await staffAt(t, p.hospital, 'hospital_admin');
  const res = await call('POST', '/api/stores', admin, { name, kind: 'ward' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Store;
}

async function batchesIn(p: Pharmacy, storeId: string, medicineId: string) {
  const res = await call('GET', `/api/stock/batches?storeId=${storeId}&medicineId=${medicineId}`, p.headers);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Batch[] }).items.map((b) => [b.batchNumber, b.onHand]);
}

describe('ward requests', () => {
  it('a nurse asks, the pharmacist issues part FEFO (never the expired batch), the nurse receives the same batches', async () => {
    const p = await pharmacy(t);
    const ward = await wardStore(p);
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const m = await medicine(t, p);
    const other = await medicine(t, p);
    await expiredBatch(t, p, m.id, 50);
    await receive(t, p, m.id, [
      { batchNumber: 'N1', expiryDate: inDays(90), quantity: 5 },
      { batchNumber: 'N2', expiryDate: inDays(300), quantity: 20 },
    ]);
    await receive(t, p, other.id, [{ batchNumber: 'O1', expiryDate: inDays(200), quantity: 3 }]);

    const made = await call('POST', '/api/ward-requests', nurse, {
      storeId: ward.id,
      note: 'For the night shift',
      lines: [
        { medicineId: m.id, quantity: 12 },
        { medicineId: other.id, quantity: 10 },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const request = made.json() as WardRequest;
    expect(request).toMatchObject({ status: 'requested', storeName: 'Ward 3' });
    expect(request.number).toMatch(/^WR-\d{6}$/);
    const [lineM, lineO] = request.lines;

    // A nurse cannot issue; more than asked is refused; more than the pharmacy has is refused.
    expect(
      (
        await call('POST', `/api/ward-requests/${request.id}/issue`, nurse, {
          lines: [{ lineId: lineM!.id, quantity: 1, issuedBefore: 0 }],
        })
      ).statusCode,
    ).toBe(403);
    const over = await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, {
      lines: [{ lineId: lineM!.id, quantity: 13, issuedBefore: 0 }],
    });
    expect(over.statusCode).toBe(400);
    const short = await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, {
      lines: [{ lineId: lineO!.id, quantity: 10, issuedBefore: 0 }],
    });
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('INSUFFICIENT_STOCK');

    const issued = await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, {
      lines: [
        { lineId: lineM!.id, quantity: 12, issuedBefore: 0 },
        { lineId: lineO!.id, quantity: 3, issuedBefore: 0 },
      ],
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const after = issued.json() as WardRequest;
    expect(after.status).toBe('partly_issued');
    expect(after.lines[0]!.picks.map((x) => [x.batchNumber, x.quantity])).toEqual([
      ['N1', 5],
      ['N2', 7],
    ]);
    // In transit: gone from the pharmacy, not yet on the ward.
    expect((await onHand(t, p, m.id)).availableInPharmacy).toBe(13);
    expect(await batchesIn(p, ward.id, m.id)).toEqual([]);

    const received = await call('POST', `/api/ward-requests/${request.id}/receive`, nurse, {});
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().lines.map((l: { quantityReceived: number }) => l.quantityReceived)).toEqual([
      12, 3,
    ]);
    expect(await batchesIn(p, ward.id, m.id)).toEqual([
      ['N1', 5],
      ['N2', 7],
    ]);
    // Nothing more in transit: a second receipt is refused and changes nothing.
    expect((await call('POST', `/api/ward-requests/${request.id}/receive`, nurse, {})).statusCode).toBe(409);
    expect(await batchesIn(p, ward.id, m.id)).toEqual([
      ['N1', 5],
      ['N2', 7],
    ]);
    // Only a request nothing was issued on can be withdrawn.
    expect((await call('POST', `/api/ward-requests/${request.id}/cancel`, nurse, {})).statusCode).toBe(409);
    // The rest will not come: the request is closed short, once nothing is on its way.
    const closed = await call('POST', `/api/ward-requests/${request.id}/close`, p.headers, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'received' });
    expect((await call('POST', `/api/ward-requests/${request.id}/close`, nurse, {})).statusCode).toBe(409);
    expect(
      (
        await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, {
          lines: [{ lineId: lineO!.id, quantity: 1, issuedBefore: 3 }],
        })
      ).statusCode,
    ).toBe(409);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('never issues twice for one submission: a retry, or two pharmacists at once, find the line changed', async () => {
    const p = await pharmacy(t);
    const ward = await wardStore(p);
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'R1', expiryDate: inDays(120), quantity: 50 }]);
    const request = (
      await call('POST', '/api/ward-requests', nurse, {
        storeId: ward.id,
        lines: [{ medicineId: m.id, quantity: 20 }],
      })
    ).json() as WardRequest;
    const body = { lines: [{ lineId: request.lines[0]!.id, quantity: 5, issuedBefore: 0 }] };
    // Two tabs (or a retry after a lost answer) send the same issue at once.
    const answers = await Promise.all(
      [0, 1, 2].map(() => call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, body)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().code).toBe('CONFLICT');
    const again = await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, body);
    expect(again.statusCode).toBe(409);
    expect((await onHand(t, p, m.id)).availableInPharmacy).toBe(45);
    const now = (await call('GET', `/api/ward-requests/${request.id}`, nurse)).json() as WardRequest;
    expect(now.lines[0]!.quantityIssued).toBe(5);
    // Looking again, the pharmacist issues more.
    const more = await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, {
      lines: [{ lineId: request.lines[0]!.id, quantity: 5, issuedBefore: 5 }],
    });
    expect(more.statusCode, more.body).toBe(200);
    expect((await onHand(t, p, m.id)).availableInPharmacy).toBe(40);
  });

  it('closes a partly issued request short only once what was issued has arrived', async () => {
    const p = await pharmacy(t);
    const ward = await wardStore(p);
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'C1', expiryDate: inDays(120), quantity: 4 }]);
    const request = (
      await call('POST', '/api/ward-requests', nurse, {
        storeId: ward.id,
        lines: [{ medicineId: m.id, quantity: 10 }],
      })
    ).json() as WardRequest;
    // Nothing issued yet: not closable (withdrawing it is cancel's job).
    expect((await call('POST', `/api/ward-requests/${request.id}/close`, nurse, {})).statusCode).toBe(409);
    await call('POST', `/api/ward-requests/${request.id}/issue`, p.headers, {
      lines: [{ lineId: request.lines[0]!.id, quantity: 4, issuedBefore: 0 }],
    });
    const inTransit = await call('POST', `/api/ward-requests/${request.id}/close`, nurse, {});
    expect(inTransit.statusCode).toBe(409);
    expect(inTransit.json().detail).toMatch(/on its way/);
    expect((await call('POST', `/api/ward-requests/${request.id}/receive`, nurse, {})).statusCode).toBe(200);
    const closed = await call('POST', `/api/ward-requests/${request.id}/close`, nurse, {});
    expect(closed.json()).toMatchObject({ status: 'received' });
    expect(closed.json().lines[0]).toMatchObject({
      quantityRequested: 10,
      quantityIssued: 4,
      quantityReceived: 4,
    });
    expect(await batchesIn(p, ward.id, m.id)).toEqual([['C1', 4]]);
  });

  it('refuses requests for the pharmacy itself, other hospitals’ stores and medicines, and bad quantities', async () => {
    const p = await pharmacy(t);
    const elsewhere = await pharmacy(t);
    const theirWard = await wardStore(elsewhere, 'Their ward');
    const ward = await wardStore(p);
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const m = await medicine(t, p);
    const foreign = await medicine(t, elsewhere);
    const line = { medicineId: m.id, quantity: 2 };
    const cases: [object, number][] = [
      [{ storeId: p.store.id, lines: [line] }, 400],
      [{ storeId: theirWard.id, lines: [line] }, 404],
      [{ storeId: ward.id, lines: [{ medicineId: foreign.id, quantity: 2 }] }, 404],
      [{ storeId: ward.id, lines: [{ ...line, quantity: 0 }] }, 400],
      [{ storeId: ward.id, lines: [{ ...line, quantity: 2.5 }] }, 400],
      [{ storeId: ward.id, lines: [line, line] }, 400],
      [{ storeId: ward.id, lines: [] }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await call('POST', '/api/ward-requests', nurse, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
    }
    const list = await call('GET', '/api/ward-requests', nurse);
    expect(list.json().total).toBe(0);
  });
});

describe('stock takes', () => {
  it('counts blind, reveals the differences, and posts them as adjustments in one go', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [
      { batchNumber: 'C1', expiryDate: inDays(100), quantity: 10 },
      { batchNumber: 'C2', expiryDate: inDays(200), quantity: 8 },
    ]);
    const started = await call('POST', '/api/stock-takes', p.headers, { storeId: p.store.id });
    expect(started.statusCode, started.body).toBe(201);
    const take = started.json() as StockTake;
    expect(take.lines.map((l) => [l.batchNumber, l.expected])).toEqual([
      ['C1', null],
      ['C2', null],
    ]);
    // One count per store at a time.
    const second = await call('POST', '/api/stock-takes', p.headers, { storeId: p.store.id });
    expect(second.statusCode).toBe(409);

    const [c1, c2] = take.lines;
    const partial = await call('PUT', `/api/stock-takes/${take.id}/counts`, p.headers, {
      lines: [{ batchId: c1!.batchId, counted: 9 }],
    });
    expect(partial.json()).toMatchObject({ counted: 1, total: 2 });
    expect(partial.json().lines[0].expected).toBeNull();
    const early = await call('POST', `/api/stock-takes/${take.id}/post`, p.headers, {});
    expect(early.statusCode).toBe(409);
    const stranger = await call('PUT', `/api/stock-takes/${take.id}/counts`, p.headers, {
      lines: [{ batchId: '01900000-0000-7000-8000-000000000000', counted: 1 }],
    });
    expect(stranger.statusCode).toBe(404);
    for (const counted of [-1, 1.5]) {
      const bad = await call('PUT', `/api/stock-takes/${take.id}/counts`, p.headers, {
        lines: [{ batchId: c2!.batchId, counted }],
      });
      expect(bad.statusCode).toBe(400);
    }
    await call('PUT', `/api/stock-takes/${take.id}/counts`, p.headers, {
      lines: [{ batchId: c2!.batchId, counted: 11 }],
    });
    const revealed = (
      await call('GET', `/api/stock-takes/${take.id}?reveal=true`, p.headers)
    ).json() as StockTake;
    expect(revealed.lines.map((l) => [l.batchNumber, l.counted, l.expected, l.difference])).toEqual([
      ['C1', 9, 10, -1],
      ['C2', 11, 8, 3],
    ]);

    const posted = await call('POST', `/api/stock-takes/${take.id}/post`, p.headers, {});
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().status).toBe('posted');
    expect((await onHand(t, p, m.id)).onHand).toBe(20);
    const ledger = await t.database.query<{ quantity: number; reason: string }>(
      `select quantity, reason from stock_ledger where reference_type = 'stock_take' and reference_id = $1 order by quantity`,
      [take.id],
    );
    expect(ledger.rows).toEqual([
      { quantity: -1, reason: 'stock take' },
      { quantity: 3, reason: 'stock take' },
    ]);
    // Posted is final; a new count may start.
    expect((await call('POST', `/api/stock-takes/${take.id}/post`, p.headers, {})).statusCode).toBe(409);
    expect((await call('POST', '/api/stock-takes', p.headers, { storeId: p.store.id })).statusCode).toBe(201);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });
});

describe('alerts and the pharmacist’s dashboard', () => {
  it('the morning alert reaches the pharmacists once a day, and the dashboard shows the live figures', async () => {
    const p = await pharmacy(t);
    const low = await medicine(t, p, { reorderLevel: 20 });
    await receive(t, p, low.id, [{ batchNumber: 'L', expiryDate: inDays(20), quantity: 5 }]);
    await expiredBatch(t, p, low.id, 4);
    const sale = await call('POST', '/api/pharmacy/sales', p.headers, {
      idempotencyKey: key(),
      lines: [{ medicineId: low.id, quantity: 2 }],
    });
    expect(sale.statusCode).toBe(201);

    expect(await sendStockAlerts(t.database.db, p.hospital.id)).toBe(1);
    expect(await sendStockAlerts(t.database.db, p.hospital.id)).toBe(1);
    const { rows } = await t.database.query<{ channel: string }>(
      `select channel from notification_deliveries where template = 'pharmacy.stock_alerts' and hospital_id = $1 order by channel`,
      [p.hospital.id],
    );
    // Once per pharmacist per day, however often the job runs.
    expect(rows.map((r) => r.channel)).toEqual(['email', 'in_app']);

    const dash = await call('GET', '/api/dashboard', p.headers);
    const cards = new Map((dash.json().cards as DashboardCard[]).map((c) => [c.key, c]));
    expect(cards.get('lowStockItems')).toMatchObject({ available: true, value: 1 });
    expect(cards.get('expiringBatches')).toMatchObject({ available: true, value: 2 });
    expect(cards.get('pendingPharmacyOrders')).toMatchObject({ available: true, value: 0 });
    expect(cards.get('pharmacySalesToday')).toMatchObject({ available: true, value: 560 });
  });

  it('sends nothing when nothing needs attention', async () => {
    const p = await pharmacy(t);
    const fine = await medicine(t, p, { reorderLevel: 5 });
    await receive(t, p, fine.id, [{ batchNumber: 'F', expiryDate: inDays(400), quantity: 50 }]);
    expect(await sendStockAlerts(t.database.db, p.hospital.id)).toBe(0);
    const n = await t.database.db.execute(
      sql`select count(*)::int as n from notification_deliveries where hospital_id = ${p.hospital.id}`,
    );
    expect((n as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});
