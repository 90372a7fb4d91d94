import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyBills } from '../../../contracts/billing';
import { buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { DEMO_PASSWORD } from './demo-data';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.database, () => undefined);
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.db, q);

async function get<T>(login: string, url: string, hospitalCode?: string): Promise<T> {
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { email: `${login}@hospitium.example`, password: DEMO_PASSWORD },
  });
  const [h] = hospitalCode
    ? await rows<{ id: string }>(sql`select id from hospitals where code = ${hospitalCode}`)
    : [];
  const r = await t.app.inject({
    method: 'GET',
    url,
    headers: {
      authorization: `Bearer ${token.json().accessToken}`,
      ...(h ? { 'x-hospital-id': h.id } : {}),
    },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

describe('the demo billing', () => {
  it('gives each hospital a price list, and the departments without a doctor’s fee one of their own', async () => {
    const services = await rows<{ code: string; n: number; taxed: number }>(
      sql`select h.code, count(*)::int as n, count(*) filter (where s.tax_rate_bp > 0)::int as taxed
            from billing_services s join hospitals h on h.id = s.hospital_id group by h.code order by h.code`,
    );
    expect(services).toEqual([
      { code: 'CGH', n: 19, taxed: 3 },
      { code: 'RVC', n: 12, taxed: 2 },
    ]);
    const [fees] = await rows<{ n: number }>(sql`select count(*)::int as n from billing_department_fees`);
    expect(fees!.n).toBe(4);
  });

  it('numbers the final invoices without gaps, in date order, over the last month', async () => {
    const invoices = await rows<{ number: string; issued_on: string; status: string; days_ago: number }>(
      sql`select i.number, i.issued_on::text, i.status,
                 ((now() at time zone h.time_zone)::date - i.issued_on)::int as days_ago
            from invoices i join hospitals h on h.id = i.hospital_id
           where i.number is not null order by i.number`,
    );
    // Six bills at the desk (one a draft), the seven ward stays discharged over the month, and every
    // counter sale of the demo's month this year, as the app bills them, paid at the counter.
    const [sales] = await rows<{ n: number; billed: number }>(
      sql`select count(*)::int as n,
                 count(*) filter (where exists (select 1 from invoices i where i.source = 'pharmacy_sale'
                   and i.source_id = s.id and i.status = 'final' and i.total_minor = s.total_minor
                   and i.paid_minor = i.total_minor
                   and i.issued_on = (s.sold_at at time zone 'Asia/Kolkata')::date))::int as billed
            from pharmacy_sales s
           where (s.sold_at at time zone 'Asia/Kolkata')::date
                 >= date_trunc('year', now() at time zone 'Asia/Kolkata')::date`,
    );
    expect(sales!.billed).toBe(sales!.n);
    const [stays] = await rows<{ n: number; paid: number }>(
      sql`select count(*)::int as n, count(*) filter (where i.paid_minor = i.total_minor)::int as paid
            from invoices i join admissions a on a.id = i.source_id
           where i.source = 'admission' and i.status = 'final' and i.total_minor > 0
             and i.issued_on = (a.discharged_at at time zone 'Asia/Kolkata')::date`,
    );
    // Paid at the desk, all but the last to leave.
    expect(stays).toEqual({ n: 7, paid: 6 });
    // The past visits' bills: each consultation's, and each dispensing's on their prescriptions.
    const [visits] = await rows<{ consultations: number; dispensings: number }>(
      sql`select (select count(*) from consultations where status = 'closed')::int as consultations,
                 (select count(*) from dispensings)::int as dispensings`,
    );
    expect(visits!.consultations).toBeGreaterThan(0);
    expect(visits!.dispensings).toBeGreaterThan(0);
    expect(invoices.length).toBe(5 + visits!.consultations + visits!.dispensings + stays!.n + sales!.n);
    const year = invoices[0]!.number.slice(4, 8);
    expect(invoices.map((i) => i.number)).toEqual(
      invoices.map((_, k) => `INV-${year}-${String(k + 1).padStart(5, '0')}`),
    );
    const dates = invoices.map((i) => i.issued_on);
    expect(dates).toEqual([...dates].sort());
    expect(Math.max(...invoices.map((i) => i.days_ago))).toBeLessThanOrEqual(30);
    expect(Math.min(...invoices.map((i) => i.days_ago))).toBe(0);
    expect(invoices.map((i) => i.status)).toContain('final');
    // One draft at the desk, and this morning's lab orders, each billed as a draft of its tests.
    const [draft] = await rows<{ desk: number; lab: number; orders: number }>(
      sql`select count(*) filter (where source <> 'lab_order')::int as desk,
                 count(*) filter (where source = 'lab_order')::int as lab,
                 (select count(*) from lab_orders o join invoices i on i.id = o.invoice_id
                   where i.source = 'lab_order' and i.source_id = o.id)::int as orders
            from invoices where status = 'draft'`,
    );
    expect(draft).toEqual({ desk: 1, lab: 4, orders: 4 });
    const [credit] = await rows<{ n: number; refund: string }>(
      sql`select count(*)::int as n, sum(refund_minor)::text as refund from credit_notes`,
    );
    expect(credit).toEqual({ n: 1, refund: '630000' });
  });

  it('keeps the guards on: a final demo invoice still cannot be changed', async () => {
    await expect(
      t.app.db.execute(sql`update invoices set notes = 'x' where status = 'final'`),
    ).rejects.toThrow();
    await expect(t.app.db.execute(sql`update billing_payments set note = 'x'`)).rejects.toThrow();
  });

  it('gives the demo patient a bill paid and a bill with something still to pay', async () => {
    const mine = await get<MyBills>('patient', '/api/billing/mine');
    const final = mine.items.filter((i) => i.status === 'final');
    expect(final.some((i) => i.balanceMinor === 0)).toBe(true);
    expect(final.some((i) => i.balanceMinor > 0 && i.paidMinor > 0)).toBe(true);
    expect(mine.balances[0]!.outstandingMinor).toBeGreaterThan(0);
  });

  it('shows revenue over the month, balances owed and today’s revenue to the admin', async () => {
    const today = await rows<{ d: string; from: string }>(
      sql`select (now() at time zone 'Asia/Kolkata')::date::text as d,
                 ((now() at time zone 'Asia/Kolkata')::date - 30)::text as from`,
    );
    const report = await get<{ rows: { key: string; netMinor: number }[]; total: { netMinor: number } }>(
      'cgh.admin',
      `/api/billing/reports/revenue?from=${today[0]!.from}&to=${today[0]!.d}&by=day`,
      'CGH',
    );
    expect(report.total.netMinor).toBeGreaterThan(0);
    expect(report.rows.filter((r) => r.netMinor !== 0).length).toBeGreaterThanOrEqual(5);
    const dash = await get<{ cards: { key: string; value?: number }[] }>(
      'cgh.admin',
      '/api/dashboard',
      'CGH',
    );
    expect(dash.cards.find((c) => c.key === 'revenueToday')?.value).toBeGreaterThan(0);
  });
});
