import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateMedicine } from '../../../contracts/pharmacy';
import type { StockAlerts, StockInsights } from '../../../contracts/stock-control';
import { verifyStock } from '../../modules/pharmacy';
import { buildTestApp, type TestApp } from '../../test/harness';
import { queryRows } from '../client';
import { DEMO_PASSWORD } from './demo-data';
import { DEMO_MEDICINES, MEDICINE_CLASSES } from './demo-medicines';
import { asRiverside } from './demo-pharmacy';
import { EXPIRED, EXPIRING, LOW, OUT_OF_STOCK, addDays, localDate, planStock } from './demo-stock';
import { planDemoVisits, visitDispensings } from './demo-visits';
import { seedDemoIfEmpty } from '.';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty(t.database, () => undefined);
});
afterAll(() => t.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.db, q);

async function pharmacistGet<T>(url: string): Promise<T> {
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { email: 'pharmacist@hospitium.example', password: DEMO_PASSWORD },
  });
  const [cgh] = await rows<{ id: string }>(sql`select id from hospitals where code = 'CGH'`);
  const r = await t.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token.json().accessToken}`, 'x-hospital-id': cgh!.id },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

const isEan13 = (code: string) =>
  /^\d{13}$/.test(code) && [...code].reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 1 : 3), 0) % 10 === 0;

describe('the demo catalog', () => {
  it('holds what the API would accept, across every class of medicine', () => {
    for (const m of [...DEMO_MEDICINES, ...DEMO_MEDICINES.filter((x) => x.rvc).map(asRiverside)]) {
      const { class: _c, batchPrefix: _b, rvc: _r, ...body } = m;
      expect(CreateMedicine.safeParse(body).error, m.brandName ?? m.genericName).toBeUndefined();
    }
    const classes = new Set(DEMO_MEDICINES.map((m) => m.class));
    expect([...classes].sort()).toEqual([...MEDICINE_CLASSES].sort());
  });

  it('gives City General at least 200 medicines, each with its own valid 890 barcode', async () => {
    const meds = await rows<{ barcode: string | null }>(
      sql`select m.barcode from medicines m join hospitals h on h.id = m.hospital_id where h.code = 'CGH'`,
    );
    expect(meds.length).toBeGreaterThanOrEqual(200);
    for (const m of meds) {
      expect(m.barcode).toMatch(/^890\d{10}$/);
      expect(isEan13(m.barcode!), m.barcode!).toBe(true);
    }
    expect(new Set(meds.map((m) => m.barcode)).size).toBe(meds.length);
  });

  it('gives Riverside about 40 generics, priced in pence, and the stores the app would make', async () => {
    const [rvc] = await rows<{ n: number; branded: number; ean: number }>(
      sql`select count(*)::int as n, count(m.brand_name)::int as branded,
                 count(*) filter (where m.barcode ~ '^50[0-9]{11}$')::int as ean
            from medicines m join hospitals h on h.id = m.hospital_id where h.code = 'RVC'`,
    );
    expect(rvc).toEqual({ n: 40, branded: 0, ean: 40 });
    const stores = await rows<{ code: string; name: string; kind: string }>(
      sql`select h.code, s.name, s.kind from stores s join hospitals h on h.id = s.hospital_id order by h.code, s.kind`,
    );
    expect(stores).toEqual([
      { code: 'CGH', name: 'Main store', kind: 'main' },
      { code: 'CGH', name: 'Pharmacy', kind: 'pharmacy' },
      { code: 'CGH', name: 'General Ward store', kind: 'ward' },
      { code: 'RVC', name: 'Main store', kind: 'main' },
      { code: 'RVC', name: 'Pharmacy', kind: 'pharmacy' },
    ]);
  });
});

describe('the demo stock', () => {
  it('agrees with its ledger (hospitium verify-stock)', async () => {
    const report = await verifyStock(t.app.db);
    expect(report.checked).toBeGreaterThan(600);
    expect(report.differences).toEqual([]);
  });

  it('shows the pharmacist low stock, batches expiring in each band, and exactly one expired batch', async () => {
    const alerts = await pharmacistGet<StockAlerts>('/api/stock/alerts');
    const brand = (name: string) => /\(([^)]*)\)$/.exec(name)?.[1];
    expect(alerts.lowStock.map((l) => brand(l.medicineName)).sort()).toEqual(
      [...OUT_OF_STOCK, ...LOW].sort(),
    );
    expect(alerts.lowStock.filter((l) => l.onHand === 0)).toHaveLength(OUT_OF_STOCK.length);
    for (const l of alerts.lowStock) expect(l.onHand).toBeLessThanOrEqual(l.reorderLevel);

    const band = (lo: number, hi: number) =>
      alerts.expiring.filter((e) => e.daysLeft >= lo && e.daysLeft < hi);
    expect(band(0, 30)).toHaveLength(3);
    expect(band(30, 60)).toHaveLength(3);
    expect(band(60, 90)).toHaveLength(3);
    expect(alerts.expiring.map((e) => e.daysLeft).sort((a, b) => a - b)).toEqual(
      Object.values(EXPIRING).sort((a, b) => a - b),
    );

    expect(alerts.expired).toHaveLength(1);
    expect(alerts.expired[0]).toMatchObject({ storeName: 'Pharmacy', daysLeft: -EXPIRED.daysAgo });
    expect(brand(alerts.expired[0]!.medicineName)).toBe(EXPIRED.label);
    expect(alerts.expired[0]!.onHand).toBeGreaterThan(0);
  });

  it('has a month of sales and dispensing for the charts, never from an expired batch', async () => {
    const [moves] = await rows<{ out: number; expired: number; kinds: string[]; days: number }>(
      sql`select count(*) filter (where l.kind in ('sale', 'dispense'))::int as out,
                 count(*) filter (where l.kind in ('sale', 'dispense') and b.expiry_date < l.occurred_at::date)::int as expired,
                 array_agg(distinct l.kind order by l.kind) as kinds,
                 count(distinct (l.occurred_at at time zone h.time_zone)::date)
                   filter (where l.occurred_at > now() - interval '30 days')::int as days
            from stock_ledger l join stock_batches b on b.id = l.batch_id
            join hospitals h on h.id = l.hospital_id where h.code = 'CGH'`,
    );
    expect(moves!.out).toBeGreaterThanOrEqual(300);
    expect(moves!.expired).toBe(0);
    expect(moves!.kinds).toEqual(['dispense', 'receipt', 'sale', 'transfer_in', 'transfer_out']);
    expect(moves!.days).toBeGreaterThanOrEqual(28);

    const insights = await pharmacistGet<StockInsights>('/api/stock/insights');
    expect(insights.currency).toBe('INR');
    expect(insights.topMedicines.length).toBeGreaterThanOrEqual(5);
    expect(insights.valueByDay).toHaveLength(30);
    expect(new Set(insights.valueByDay.map((d) => d.valueMinor)).size).toBeGreaterThan(20);
  });

  it('backs every sale in the ledger with a counter sale whose line matches it, so the sales history is not empty', async () => {
    const [check] = await rows<{ sale_rows: number; unlinked: number; mismatched: number; sales: number }>(
      sql`with l as (select * from stock_ledger where kind = 'sale'
                      and hospital_id = (select id from hospitals where code = 'CGH'))
          select (select count(*)::int from l) as sale_rows,
                 (select count(*)::int from l where reference_type is distinct from 'sale'
                    or not exists (select 1 from pharmacy_sales s where s.id = l.reference_id)) as unlinked,
                 (select count(*)::int from pharmacy_sale_lines sl
                    where sl.quantity <> (select -sum(quantity) from l where l.reference_id = sl.sale_id)) as mismatched,
                 (select count(*)::int from pharmacy_sales) as sales`,
    );
    expect(check!.sale_rows).toBeGreaterThan(50);
    expect(check!.unlinked).toBe(0);
    expect(check!.mismatched).toBe(0);
    expect(check!.sales).toBeGreaterThan(20);
    const page = await pharmacistGet<{ total: number; items: { totals: { totalMinor: number } }[] }>(
      '/api/pharmacy/sales',
    );
    expect(page.total).toBe(check!.sales);
    expect(page.items[0]!.totals.totalMinor).toBeGreaterThan(0);
  });

  it('keeps paracetamol, saline and ondansetron on the General Ward', async () => {
    const ward = await rows<{ generic_name: string; on_hand: number }>(
      sql`select m.generic_name, sum(b.on_hand)::int as on_hand
            from stock_batches b join stores s on s.id = b.store_id join medicines m on m.id = b.medicine_id
           where s.name = 'General Ward store' group by m.generic_name order by m.generic_name`,
    );
    expect(ward.map((w) => w.generic_name)).toEqual(['Ondansetron', 'Paracetamol', 'Sodium chloride']);
    for (const w of ward) expect(w.on_hand).toBeGreaterThan(0);
  });
});

describe('planStock', () => {
  // The seed runs on any day: around midnight in Kolkata, at a month's end, on a leap day.
  it.each(['2025-02-28T18:45:00Z', '2028-02-29T06:00:00Z', '2026-12-31T23:59:00Z', '2027-06-30T18:29:00Z'])(
    'plans the same alerts at %s, never overdrawing a batch',
    (at) => {
      const now = new Date(at);
      const today = localDate(now, 'Asia/Kolkata');
      // With the past visits' dispensings, as the seed plans it: each finds all its medicines.
      const dispensed = visitDispensings(planDemoVisits(now, 'Asia/Kolkata', DEMO_MEDICINES));
      expect(dispensed.length).toBeGreaterThan(0);
      const plan = planStock(DEMO_MEDICINES, now, 'Asia/Kolkata', dispensed);
      for (const d of dispensed) {
        const taken = plan.moves
          .filter((mv) => mv.ref === d.ref && plan.batches[mv.batch]!.medicine === d.medicine)
          .reduce((n, mv) => n - mv.quantity, 0);
        expect(taken, `${d.ref} ${d.medicine}`).toBe(d.quantity);
      }
      const balance = plan.batches.map(() => 0);
      for (const mv of plan.moves) {
        balance[mv.batch]! += mv.quantity;
        expect(balance[mv.batch]).toBeGreaterThanOrEqual(0);
        expect(mv.at.getTime()).toBeLessThanOrEqual(now.getTime());
        if (mv.quantity < 0) expect(plan.batches[mv.batch]!.expiryDate >= today).toBe(true);
      }
      const expired = plan.batches.filter((b, i) => b.expiryDate < today && balance[i]! > 0);
      expect(expired).toHaveLength(1);
      expect(expired[0]!.expiryDate).toBe(addDays(today, -EXPIRED.daysAgo));
      const soon = plan.batches.filter(
        (b, i) => b.expiryDate >= today && b.expiryDate < addDays(today, 90) && balance[i]! > 0,
      );
      expect(soon).toHaveLength(Object.keys(EXPIRING).length);
    },
  );
});

describe('a seed that fails', () => {
  it('leaves nothing behind, the pharmacy included', async () => {
    const fresh = await buildTestApp();
    try {
      await fresh.database.query(`create function demo_fail() returns trigger language plpgsql as $$
        begin raise exception 'stock ledger refused'; end $$`);
      await fresh.database.query(
        'create trigger demo_fail before insert on stock_ledger for each statement execute function demo_fail()',
      );
      const failed = (await seedDemoIfEmpty(fresh.database, () => undefined).catch(
        (e: unknown) => e,
      )) as Error;
      expect(String((failed.cause as Error | undefined)?.message ?? failed.message)).toMatch(
        /stock ledger refused/,
      );
      const { rows: left } = await fresh.database.query<{ n: number }>(
        `select (select count(*) from hospitals) + (select count(*) from users) + (select count(*) from medicines)
              + (select count(*) from stores) + (select count(*) from stock_batches) as n`,
      );
      expect(Number(left[0]!.n)).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
