// The stock ledger is the single truth: receipts and sales move batches only through it, first
// expiry first out, never from an expired batch, never below zero, even with many sellers at once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app';
import type { LedgerEntry } from '../../../contracts/pharmacy';
import { createPatient } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { runCli } from '../../test/spawn';
import {
  expiredBatch,
  inDays,
  key,
  medicine,
  onHand,
  pharmacy,
  receive,
  staffAt,
} from './pharmacy.test-helpers';
import { verifyStock } from './stock-verify';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const post = (url: string, headers: object, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: headers as Record<string, string>,
    payload: payload as object,
  });

describe('receipts and the ledger', () => {
  it('receives units and packs into batches, each a ledger row with the balance after it', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p, { packSize: 10 });
    const res = await post('/api/stock/receipts', p.headers, {
      storeId: p.store.id,
      lines: [
        { medicineId: m.id, batchNumber: 'A1', expiryDate: inDays(200), packs: 3, unitCostMinor: 120 },
        { medicineId: m.id, batchNumber: 'A2', expiryDate: inDays(400), quantity: 7, unitCostMinor: 110 },
        { medicineId: m.id, batchNumber: 'A1', expiryDate: inDays(200), quantity: 5, unitCostMinor: 120 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const entries = (res.json() as { entries: LedgerEntry[] }).entries;
    expect(entries.map((e) => [e.kind, e.batchNumber, e.quantity])).toEqual(
      expect.arrayContaining([
        ['receipt', 'A1', 30],
        ['receipt', 'A2', 7],
        ['receipt', 'A1', 5],
      ]),
    );
    expect(entries.find((e) => e.quantity === 5)!.balanceAfter).toBe(35);
    expect((await onHand(t, p, m.id)).onHand).toBe(42);
  });

  it('refuses expired, unknown and other hospitals’ medicines, and bad quantities, changing nothing', async () => {
    const p = await pharmacy(t);
    const other = await pharmacy(t);
    const m = await medicine(t, p);
    const foreign = await medicine(t, other);
    const line = {
      medicineId: m.id,
      batchNumber: 'B1',
      expiryDate: inDays(100),
      quantity: 5,
      unitCostMinor: 10,
    };
    const cases: [unknown, number][] = [
      [{ ...line, expiryDate: '2020-01-01' }, 422],
      [{ ...line, medicineId: foreign.id }, 404],
      [{ ...line, medicineId: '01900000-0000-7000-8000-000000000000' }, 404],
      [{ ...line, quantity: 0 }, 400],
      [{ ...line, quantity: -3 }, 400],
      [{ ...line, quantity: 1.5 }, 400],
      [{ ...line, quantity: 1e12 }, 400],
      [{ ...line, packs: 2 }, 400],
      [{ ...line, quantity: '5' }, 400],
    ];
    for (const [l, status] of cases) {
      const res = await post('/api/stock/receipts', p.headers, { storeId: p.store.id, lines: [l] });
      expect(res.statusCode, JSON.stringify(l)).toBe(status);
    }
    expect(
      (await post('/api/stock/receipts', p.headers, { storeId: other.store.id, lines: [line] })).statusCode,
    ).toBe(404);
    expect((await onHand(t, p, m.id)).onHand).toBe(0);
  });

  it('keeps on-hand in the ledger’s hands: direct changes are refused by the database', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    const { entries } = await receive(t, p, m.id, [
      { batchNumber: 'C1', expiryDate: inDays(90), quantity: 4 },
    ]);
    await expect(
      t.database.query('update stock_batches set on_hand = 99 where id = $1', [entries[0]!.batchId]),
    ).rejects.toThrow(/only through the stock ledger/);
    await expect(
      t.database.query('delete from stock_ledger where batch_id = $1', [entries[0]!.batchId]),
    ).rejects.toThrow(/append-only/);
  });
});

describe('counter sales', () => {
  it('takes the soonest expiry first, across batches, never from an expired one, and prices on the server', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p, { salePriceMinor: 1050, taxRateBp: 1200 });
    await receive(t, p, m.id, [
      { batchNumber: 'LATE', expiryDate: inDays(300), quantity: 20 },
      { batchNumber: 'SOON', expiryDate: inDays(40), quantity: 3 },
    ]);
    await expiredBatch(t, p, m.id, 50);
    const res = await post('/api/pharmacy/sales', p.headers, {
      idempotencyKey: key(),
      lines: [{ medicineId: m.id, quantity: 5 }],
    });
    expect(res.statusCode).toBe(201);
    const sale = res.json();
    expect(
      sale.lines[0].picks.map((x: { batchNumber: string; quantity: number }) => [x.batchNumber, x.quantity]),
    ).toEqual([
      ['SOON', 3],
      ['LATE', 2],
    ]);
    expect(sale.totals).toMatchObject({ netMinor: 5250, taxMinor: 630, totalMinor: 5880 });
    const stock = await onHand(t, p, m.id);
    expect(stock).toMatchObject({ onHand: 18, expired: 50 });
    // 18 usable units, 50 expired: asking for 19 is refused, and says why.
    const short = await post('/api/pharmacy/sales', p.headers, {
      idempotencyKey: key(),
      lines: [{ medicineId: m.id, quantity: 19 }],
    });
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 18 });
    expect(short.json().detail).toMatch(/50 more are in expired batches/);
  });

  it('is safe to retry with the same key, and refuses the key for another sale', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'R1', expiryDate: inDays(100), quantity: 10 }]);
    const body = { idempotencyKey: key(), lines: [{ medicineId: m.id, quantity: 4 }] };
    const [a, b] = await Promise.all([
      post('/api/pharmacy/sales', p.headers, body),
      post('/api/pharmacy/sales', p.headers, body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect((await onHand(t, p, m.id)).onHand).toBe(6);
    const reused = await post('/api/pharmacy/sales', p.headers, {
      ...body,
      lines: [{ medicineId: m.id, quantity: 1 }],
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_REUSED');
  });

  it('25 sellers on two app instances, 10 units: exactly 10 sold, stock zero, the rest INSUFFICIENT_STOCK', async () => {
    const other: BuiltApp = await buildApp({
      config: { ...t.config, JOBS_ENABLED: false },
      database: t.database,
    });
    try {
      const p = await pharmacy(t);
      const m = await medicine(t, p);
      await receive(t, p, m.id, [
        { batchNumber: 'X1', expiryDate: inDays(50), quantity: 4 },
        { batchNumber: 'X2', expiryDate: inDays(80), quantity: 6 },
      ]);
      const replies = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          (i % 2 ? other.app : t.app).inject({
            method: 'POST',
            url: '/api/pharmacy/sales',
            headers: p.headers as Record<string, string>,
            payload: { idempotencyKey: key(), lines: [{ medicineId: m.id, quantity: 1 }] },
          }),
        ),
      );
      const codes = replies.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(10);
      expect(codes.filter((c) => c === 409)).toHaveLength(15);
      expect(
        replies.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'INSUFFICIENT_STOCK'),
      ).toBe(true);
      const { rows } = await t.database.query<{ on_hand: number }>(
        'select on_hand from stock_batches where medicine_id = $1',
        [m.id],
      );
      expect(rows.map((r) => r.on_hand)).toEqual([0, 0]);
      expect((await verifyStock(t.database.db)).differences).toEqual([]);
    } finally {
      await other.app.close();
    }
  });

  it('sells to a patient only when registered here', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'P1', expiryDate: inDays(100), quantity: 10 }]);
    const stranger = await createPatient(t.database.db);
    const res = await post('/api/pharmacy/sales', p.headers, {
      idempotencyKey: key(),
      patientId: stranger.id,
      lines: [{ medicineId: m.id, quantity: 1 }],
    });
    expect(res.statusCode).toBe(404);
    const mine = await createPatient(t.database.db, { hospital: p.hospital });
    const ok = await post('/api/pharmacy/sales', p.headers, {
      idempotencyKey: key(),
      patientId: mine.id,
      lines: [{ medicineId: m.id, quantity: 1 }],
    });
    expect(ok.statusCode).toBe(201);
    // A nurse may see stock but not sell.
    const nurse = await staffAt(t, p.hospital, 'nurse');
    expect(
      (
        await post('/api/pharmacy/sales', nurse, {
          idempotencyKey: key(),
          lines: [{ medicineId: m.id, quantity: 1 }],
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('hospitium verify-stock', () => {
  it('reports no difference after the suite’s activity, and the batch whose ledger row was changed by hand', async () => {
    const clean = await runCli(['verify-stock'], { DATABASE_URL: t.database.url, DATA_DIR: t.dataDir });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/Stock matches the ledger: \d+ batch\(es\) checked/);

    const p = await pharmacy(t);
    const m = await medicine(t, p);
    const { entries } = await receive(t, p, m.id, [
      { batchNumber: 'TAMPER-1', expiryDate: inDays(100), quantity: 8 },
    ]);
    await t.database.db.execute(sql`alter table stock_ledger disable trigger stock_ledger_no_change`);
    try {
      await t.database.query('update stock_ledger set quantity = 80 where batch_id = $1', [
        entries[0]!.batchId,
      ]);
    } finally {
      await t.database.db.execute(sql`alter table stock_ledger enable trigger stock_ledger_no_change`);
    }
    const broken = await runCli(['verify-stock'], { DATABASE_URL: t.database.url, DATA_DIR: t.dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('batch TAMPER-1');
    expect(broken.stdout).toContain('on hand 8, ledger 80');
  }, 120_000);
});

describe('what the stock is worth', () => {
  it('is for the pharmacy, procurement and the hospital admin, not the nurse who reads ward stock', async () => {
    const p = await pharmacy(t);
    const nurse = await staffAt(t, p.hospital, 'nurse');
    const get = (url: string, headers: object) =>
      t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });
    for (const url of ['/api/stock/valuation', '/api/stock/insights']) {
      expect((await get(url, nurse)).statusCode, url).toBe(403);
      expect((await get(url, p.headers)).statusCode, url).toBe(200);
      for (const role of ['procurement_officer', 'hospital_admin'] as const) {
        expect((await get(url, await staffAt(t, p.hospital, role))).statusCode, `${role} ${url}`).toBe(200);
      }
    }
    // The nurse still reads batches (the ward's stock) and alerts.
    expect((await get('/api/stock/batches', nurse)).statusCode).toBe(200);
    expect((await get('/api/stock/alerts', nurse)).statusCode).toBe(200);
  });
});
