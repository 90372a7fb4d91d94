// Cash closing, revenue, outstanding balances and the dashboard's billing figures, with amounts
// worked out from the bills each test makes; CSV exports that a spreadsheet cannot run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CashClosing,
  CashDay,
  OutstandingPage,
  RevenueReport,
} from '../../../contracts/billing-reports';
import type { Dashboard } from '../../../contracts/dashboard';
import type { Invoice } from '../../../contracts/billing';
import { createPatient } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { desk, draft, finalised, key, pay, send, type Desk } from './billing.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const today = async (d: Desk) =>
  (
    await t.database.query<{ d: string }>(
      `select to_char((now() at time zone $1)::date, 'YYYY-MM-DD') as d`,
      [d.hospital.timeZone],
    )
  ).rows[0]!.d;
const dayBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('cash closing', () => {
  it("closes a cashier's day once: recorded by method against counted cash, the difference kept", async () => {
    const d = await desk(t);
    const day = await today(d);
    const a = await finalised(t, d, [{ unitPriceMinor: 1000 }]);
    const b = await finalised(t, d, [{ unitPriceMinor: 500 }]);
    await pay(t, d.reception, a.id, { amountMinor: 1000, tenderedMinor: 2000 });
    await pay(t, d.reception, b.id, { method: 'card', amountMinor: 500 });
    await send(t, 'POST', '/api/billing/advances', d.reception, {
      idempotencyKey: key(),
      patientId: d.patient.id,
      method: 'cash',
      amountMinor: 300,
    });
    const cashDay = (await send(t, 'GET', '/api/billing/cash-day', d.reception)).json() as CashDay;
    expect(cashDay).toMatchObject({ businessDate: day, expectedCashMinor: 1300, closing: null });
    expect(cashDay.byMethod.filter((m) => m.netMinor !== 0)).toEqual([
      { method: 'cash', inMinor: 1300, outMinor: 0, netMinor: 1300 },
      { method: 'card', inMinor: 500, outMinor: 0, netMinor: 500 },
    ]);

    const future = await send(t, 'POST', '/api/billing/cash-closings', d.reception, {
      businessDate: dayBefore(day, -1),
      countedCashMinor: 0,
    });
    expect(future.statusCode).toBe(400);
    const closed = await send(t, 'POST', '/api/billing/cash-closings', d.reception, {
      businessDate: day,
      countedCashMinor: 1250,
      notes: 'Short by 0.50',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({
      expectedCashMinor: 1300,
      countedCashMinor: 1250,
      differenceMinor: -50,
    });
    const again = await send(t, 'POST', '/api/billing/cash-closings', d.reception, {
      businessDate: day,
      countedCashMinor: 1300,
    });
    expect(again.statusCode).toBe(409);

    // No more takings under a closed day; another cashier takes them.
    const c = await finalised(t, d, [{ unitPriceMinor: 100 }]);
    const late = await pay(t, d.reception, c.id, { amountMinor: 100 });
    expect(late.json().code).toBe('DAY_CLOSED');
    const colleague = await staffAt(t, d.hospital, 'receptionist');
    expect((await pay(t, colleague, c.id, { amountMinor: 100 })).statusCode).toBe(201);

    const own = (await send(t, 'GET', '/api/billing/cash-closings', colleague)).json() as {
      items: CashClosing[];
    };
    expect(own.items).toEqual([]);
    const someoneElse = `/api/billing/cash-closings?cashierId=${d.doctor.userId}`;
    expect((await send(t, 'GET', someoneElse, colleague)).statusCode).toBe(403);
    const all = (await send(t, 'GET', '/api/billing/cash-closings', d.admin)).json() as {
      items: CashClosing[];
    };
    expect(all.items).toHaveLength(1);
    expect(all.items[0]!.byMethod).toContainEqual({ method: 'cash', netMinor: 1300 });

    const id = (closed.json() as CashClosing).id;
    await expect(
      t.database.query('update cash_closings set counted_cash_minor = 1300 where id = $1', [id]),
    ).rejects.toThrow(/never changed/);
    const audit = await t.database.query(
      `select after from audit_events where action = 'cash.closed' and entity_id = $1`,
      [id],
    );
    expect(audit.rows[0]!.after).toMatchObject({ differenceMinor: -50, countedCashMinor: 1250 });
  });

  it('counts what a cashier paid back against what they took', async () => {
    const d = await desk(t);
    const inv = await finalised(t, d, [{ unitPriceMinor: 5000 }]);
    await pay(t, d.admin, inv.id, { amountMinor: 5000 });
    await send(t, 'POST', `/api/billing/invoices/${inv.id}/credit-notes`, d.admin, {
      idempotencyKey: key(),
      reason: 'Test not done',
      amountMinor: 2000,
      refundMethod: 'cash',
    });
    const cashDay = (await send(t, 'GET', '/api/billing/cash-day', d.admin)).json() as CashDay;
    expect(cashDay.byMethod[0]).toEqual({ method: 'cash', inMinor: 5000, outMinor: 2000, netMinor: 3000 });
    expect(cashDay.expectedCashMinor).toBe(3000);
  });
});

describe('revenue', () => {
  async function day(d: Desk) {
    const { rows } = await t.database.query<{ id: string }>(
      `insert into departments (id, hospital_id, name) values (gen_random_uuid(), $1, $2) returning id`,
      [d.hospital.id, '=HYPERLINK("http://evil.example")'],
    );
    const withDept = await draft(t, d, [{ unitPriceMinor: 10_000, taxRateBp: 1200 }]);
    await send(t, 'PATCH', `/api/billing/invoices/${withDept.id}`, d.reception, {
      departmentId: rows[0]!.id,
      doctorId: d.doctor.id,
    });
    const a = (
      await send(t, 'POST', `/api/billing/invoices/${withDept.id}/finalise`, d.reception)
    ).json() as Invoice;
    const b = await finalised(t, d, [{ unitPriceMinor: 5000 }]);
    await pay(t, d.reception, a.id, { amountMinor: 11_200, tenderedMinor: 11_500 });
    await pay(t, d.reception, b.id, { method: 'upi', amountMinor: 5000 });
    await send(t, 'POST', `/api/billing/invoices/${b.id}/credit-notes`, d.admin, {
      idempotencyKey: key(),
      reason: 'Goodwill',
      amountMinor: 1000,
      refundMethod: 'upi',
    });
    await draft(t, d, [{ unitPriceMinor: 99_999 }]); // drafts are no revenue
    return { departmentId: rows[0]!.id };
  }
  const report = async (d: Desk, query: string) => {
    const res = await send(t, 'GET', `/api/billing/reports/revenue?${query}`, d.admin);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('by day, department, doctor and method, as JSON and formula-safe CSV', async () => {
    const d = await desk(t);
    const { departmentId } = await day(d);
    const to = await today(d);
    const from = dayBefore(to, 2);
    const byDay = (await report(d, `from=${from}&to=${to}&by=day`)).json() as RevenueReport;
    // Invoiced 112.00 (100 + 12% tax) + 50.00; credited 10.00 (no tax in it): net 152.00, tax 12.00.
    expect(byDay.rows).toEqual([
      { key: from, label: from, count: 0, amountMinor: 0, lessMinor: 0, netMinor: 0, taxMinor: 0 },
      {
        key: dayBefore(to, 1),
        label: dayBefore(to, 1),
        count: 0,
        amountMinor: 0,
        lessMinor: 0,
        netMinor: 0,
        taxMinor: 0,
      },
      {
        key: to,
        label: to,
        count: 2,
        amountMinor: 16_200,
        lessMinor: 1000,
        netMinor: 15_200,
        taxMinor: 1200,
      },
    ]);
    expect(byDay).toMatchObject({ measure: 'invoiced', currency: 'INR', total: { netMinor: 15_200 } });

    const byDept = (await report(d, `from=${to}&to=${to}&by=department`)).json() as RevenueReport;
    expect(byDept.rows).toEqual([
      expect.objectContaining({
        key: departmentId,
        label: '=HYPERLINK("http://evil.example")',
        netMinor: 11_200,
      }),
      expect.objectContaining({
        key: null,
        label: 'No department',
        amountMinor: 5000,
        lessMinor: 1000,
        netMinor: 4000,
      }),
    ]);
    const byDoctor = (await report(d, `from=${to}&to=${to}&by=doctor`)).json() as RevenueReport;
    expect(byDoctor.rows[0]).toMatchObject({ key: d.doctor.id, netMinor: 11_200 });
    expect(byDoctor.rows[0]!.label).toMatch(/^Dr /);

    const byMethod = (await report(d, `from=${to}&to=${to}&by=method`)).json() as RevenueReport;
    expect(byMethod).toMatchObject({
      measure: 'collected',
      rows: [
        {
          key: 'cash',
          label: 'Cash',
          count: 1,
          amountMinor: 11_200,
          lessMinor: 0,
          netMinor: 11_200,
          taxMinor: null,
        },
        {
          key: 'upi',
          label: 'UPI',
          count: 1,
          amountMinor: 5000,
          lessMinor: 1000,
          netMinor: 4000,
          taxMinor: null,
        },
      ],
      total: { netMinor: 15_200 },
    });

    const csv = await report(d, `from=${to}&to=${to}&by=department&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"Department","Invoices","Invoiced (INR)","Credited (INR)","Net (INR)","Tax (INR)"',
    );
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://evil.example"")","1","112","0","112","12"');
    expect(lines[3]).toBe('"Total","2","162","10","152","12"');
  });

  it('refuses ranges that end before they start or span more than a year', async () => {
    const d = await desk(t);
    for (const q of [
      'from=2026-03-02&to=2026-03-01&by=day',
      'from=2025-01-01&to=2026-03-01&by=day',
      'from=2026-01-01&to=2026-01-02&by=week',
    ]) {
      expect((await send(t, 'GET', `/api/billing/reports/revenue?${q}`, d.admin)).statusCode).toBe(400);
    }
    expect(
      (await send(t, 'GET', '/api/billing/reports/revenue?from=2026-01-01&to=2026-01-02&by=day', d.reception))
        .statusCode,
    ).toBe(403);
  });
});

describe('outstanding balances and the dashboard', () => {
  it('puts every patient who owes in the CSV, whatever page the screen is on', async () => {
    const d = await desk(t);
    await finalised(t, d, [{ unitPriceMinor: 5000 }]);
    const other = await createPatient(t.database.db, { hospital: d.hospital });
    await finalised(t, { ...d, patient: { ...d.patient, id: other.id } }, [{ unitPriceMinor: 7000 }]);
    const page = await send(t, 'GET', '/api/billing/reports/outstanding?limit=1', d.admin);
    expect((page.json() as OutstandingPage).items).toHaveLength(1);
    const csv = await send(t, 'GET', '/api/billing/reports/outstanding?format=csv&limit=1&offset=1', d.admin);
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.trim().split('\n');
    // The header, then both patients, most owed first.
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(',"70",');
    expect(rows[2]).toContain(',"50",');
  });

  it('lists what each patient owes, and shows revenue today and unpaid bills on the dashboards', async () => {
    const d = await desk(t);
    const a = await finalised(t, d, [{ unitPriceMinor: 30_000 }]);
    await finalised(t, d, [{ unitPriceMinor: 2000 }]);
    await pay(t, d.reception, a.id, { amountMinor: 10_000 });
    const page = (
      await send(t, 'GET', '/api/billing/reports/outstanding', d.reception)
    ).json() as OutstandingPage;
    expect(page).toMatchObject({ total: 1, totalOutstandingMinor: 22_000, currency: 'INR' });
    expect(page.items[0]).toMatchObject({ patientId: d.patient.id, invoices: 2, outstandingMinor: 22_000 });
    const csv = await send(t, 'GET', '/api/billing/reports/outstanding?format=csv', d.admin);
    expect(csv.body).toContain(',"2","220",');

    const cards = async (headers: Record<string, string | undefined>) =>
      new Map(
        ((await send(t, 'GET', '/api/dashboard', headers as never)).json() as Dashboard).cards.map((c) => [
          c.key,
          c,
        ]),
      );
    expect((await cards(d.admin)).get('revenueToday')).toEqual({
      key: 'revenueToday',
      available: true,
      value: 32_000,
    });
    expect((await cards(d.reception)).get('unpaidBills')).toEqual({
      key: 'unpaidBills',
      available: true,
      value: 2,
    });
    expect((await cards(d.patient.headers)).get('unpaidBills')).toEqual({
      key: 'unpaidBills',
      available: true,
      value: 2,
    });
  });
});
