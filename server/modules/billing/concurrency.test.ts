// Races, with real concurrent connections: ten payments for the last amount owed (one wins), ten
// finalisations at once (numbers 1..10, none repeated or skipped), ten retries of one key (one
// payment), and the database's own guard when two writers skip the service's lock altogether.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice, Payment } from '../../../contracts/billing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { desk, draft, finalised, key, pay, send } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('concurrent payments and numbers', () => {
  it('lets exactly one of ten payments for the last amount owed through', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 50_000 }]);
    await pay(t, d.reception, inv.id, { amountMinor: 30_000 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => pay(t, d.reception, inv.id, { method: 'upi', amountMinor: 20_000 })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, ...Array(9).fill(422)]);
    for (const r of results.filter((x) => x.statusCode === 422)) expect(r.json().code).toBe('OVERPAYMENT');
    const after = (await send(t, 'GET', `/api/billing/invoices/${inv.id}`, d.reception)).json() as Invoice;
    expect(after).toMatchObject({ paidMinor: 50_000, balanceMinor: 0 });
    expect(after.payments).toHaveLength(2);
  });

  it('records one payment for ten retries of one key at once', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 9000 }]);
    const idempotencyKey = key();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => pay(t, d.reception, inv.id, { idempotencyKey, amountMinor: 1000 })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => (r.json() as Payment).id)).size).toBe(1);
    const { rows } = await t.database.query<{ n: number; paid: string }>(
      `select (select count(*)::int from billing_payments where invoice_id = $1) as n,
              (select paid_minor from invoices where id = $1) as paid`,
      [inv.id],
    );
    expect(rows[0]).toEqual({ n: 1, paid: '1000' });
  });

  it('numbers ten drafts finalised at once 1 to 10, never repeating or skipping', async () => {
    const d = await desk(t);
    const drafts: Invoice[] = [];
    for (let i = 0; i < 10; i++) drafts.push(await draft(t, d, [{ unitPriceMinor: 100 + i }]));
    const results = await Promise.all(
      drafts.map((x) => send(t, 'POST', `/api/billing/invoices/${x.id}/finalise`, d.reception)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const numbers = results
      .map((r) => Number((r.json() as Invoice).number!.split('-')[2]))
      .sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Finalising one of them again at the same time as a payment changes nothing.
    const [again] = await Promise.all([
      send(t, 'POST', `/api/billing/invoices/${drafts[0]!.id}/finalise`, d.reception),
      pay(t, d.reception, drafts[0]!.id, { amountMinor: 100 }),
    ]);
    expect(again.statusCode).toBe(409);
  });

  it('refuses the second of two overpaying writers even without the service and its lock', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 5000 }]);
    const { rows: users } = await t.database.query<{ id: string }>('select id from users limit 1');
    const insert = `insert into billing_payments (id, hospital_id, number, kind, invoice_id, patient_id, method,
        amount_minor, applied_minor, idempotency_key, request_hash, received_by)
      values (gen_random_uuid(), $1, $2, 'payment', $3, $4, 'cash', 5000, 5000, $2, 'x', $5)`;
    const params = (n: string) => [d.hospital.id, n, inv.id, d.patient.id, users[0]!.id];
    const a = await t.database.connectDedicated('billing-race-a');
    const b = await t.database.connectDedicated('billing-race-b');
    try {
      await a.query('begin');
      await a.query(insert, params('RAW-A'));
      await b.query('begin');
      const second = b.query(insert, params('RAW-B')).then(
        () => null,
        (err: { constraint?: string }) => err,
      );
      // B now waits for A's row lock on the invoice (its trigger updates the same row).
      for (let waiting = false; !waiting;) {
        const { rows } = await t.database.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where application_name = 'billing-race-b' and wait_event_type = 'Lock'`,
        );
        waiting = rows[0]!.n > 0;
      }
      await a.query('commit');
      const err = await second;
      expect(err?.constraint).toBe('invoices_paid_ck');
      await b.query('rollback');
    } finally {
      await a.end();
      await b.end();
    }
    const { rows } = await t.database.query<{ paid: string }>(
      'select paid_minor as paid from invoices where id = $1',
      [inv.id],
    );
    expect(rows[0]!.paid).toBe('5000');
  });

  it('a payment keeping its surplus as advance and a deposit for the same patient at two desks: both taken', async () => {
    // Both number a receipt and both change the patient's account; taken in opposite orders (the
    // payment's account change came from a trigger after its number) the two deadlocked.
    const d = await desk(t);
    const otherDesk = await staffAt(t, d.hospital, 'receptionist');
    const deposit = (amountMinor: number, headers = d.reception) =>
      send(t, 'POST', '/api/billing/advances', headers, {
        idempotencyKey: key(),
        patientId: d.patient.id,
        method: 'cash',
        amountMinor,
      });
    expect((await deposit(1_000)).statusCode).toBe(201); // the receipt series and the account exist
    const inv = await finalised(t, d, [{ unitPriceMinor: 10_000 }]);
    const held = await t.database.connectDedicated('test: a receipt number in flight');
    try {
      await held.query('begin');
      await held.query(
        `update hospital_counters set value = value where hospital_id = $1 and name like 'rct-%'`,
        [d.hospital.id],
      );
      const both = Promise.all([
        pay(t, d.reception, inv.id, { amountMinor: 15_000, advance: true }),
        deposit(20_000, otherDesk),
      ]);
      await waitForLockWaiters(t.database, 2);
      await held.query('rollback');
      expect((await both).map((r) => [r.statusCode, r.json().code])).toEqual([
        [201, undefined],
        [201, undefined],
      ]);
    } finally {
      await held.end();
    }
    const account = await send(t, 'GET', `/api/billing/patients/${d.patient.id}/account`, d.reception);
    expect(account.json()).toMatchObject({ advanceMinor: 26_000 });
  });
});
