// Read models over batches and the ledger: lists, alerts, valuation and the pharmacist's charts.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export const medicineName = sql`m.generic_name || ' ' || m.strength || ' ' || m.form || coalesce(' (' || m.brand_name || ')', '')`;

/** Expiry as the one rule (stock_expired) and the days left, in the hospital's time zone. */
const EXPIRY = sql`
  case when stock_expired(b.expiry_date, b.hospital_id) then 'expired'
       when b.expiry_date - (now() at time zone h.time_zone)::date < 30 then 'expiring_30'
       when b.expiry_date - (now() at time zone h.time_zone)::date < 60 then 'expiring_60'
       when b.expiry_date - (now() at time zone h.time_zone)::date < 90 then 'expiring_90'
       else 'ok' end`;

export interface BatchListRow {
  id: string;
  store_id: string;
  store_name: string;
  medicine_id: string;
  medicine_name: string;
  batch_number: string;
  expiry_date: string;
  expiry: string;
  on_hand: number;
  reserved: number;
  unit_cost_minor: number;
  received_at: string;
  total: number;
}

export async function listBatches(
  exec: Executor,
  hospitalId: string,
  f: { storeId?: string; medicineId?: string; includeEmpty?: boolean },
  limit: number,
  offset: number,
): Promise<BatchListRow[]> {
  const where: SQL[] = [sql`b.hospital_id = ${hospitalId}`];
  if (f.storeId) where.push(sql`b.store_id = ${f.storeId}`);
  if (f.medicineId) where.push(sql`b.medicine_id = ${f.medicineId}`);
  if (!f.includeEmpty) where.push(sql`b.on_hand > 0`);
  return queryRows<BatchListRow>(
    exec,
    sql`select b.id, b.store_id, s.name as store_name, b.medicine_id, ${medicineName} as medicine_name,
               b.batch_number, to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date, ${EXPIRY} as expiry,
               b.on_hand, b.reserved, b.unit_cost_minor, b.received_at, count(*) over () as total
          from stock_batches b join stores s on s.id = b.store_id join medicines m on m.id = b.medicine_id
          join hospitals h on h.id = b.hospital_id
         where ${sql.join(where, sql` and `)}
         order by b.expiry_date, m.generic_name, b.id
         limit ${limit} offset ${offset}`,
  );
}

export interface LedgerListRow {
  id: string;
  occurred_at: string;
  kind: string;
  store_id: string;
  store_name: string;
  batch_id: string;
  batch_number: string;
  medicine_id: string;
  medicine_name: string;
  quantity: number;
  balance_after: number;
  reason: string | null;
  reference_type: string | null;
  reference_id: string | null;
  actor_user_id: string | null;
  total: number;
}

export async function listLedger(
  exec: Executor,
  hospitalId: string,
  f: { batchId?: string; medicineId?: string; storeId?: string; kind?: string; ids?: string[] },
  limit: number,
  offset: number,
): Promise<LedgerListRow[]> {
  const where: SQL[] = [sql`l.hospital_id = ${hospitalId}`];
  if (f.batchId) where.push(sql`l.batch_id = ${f.batchId}`);
  if (f.medicineId) where.push(sql`l.medicine_id = ${f.medicineId}`);
  if (f.storeId) where.push(sql`l.store_id = ${f.storeId}`);
  if (f.kind) where.push(sql`l.kind = ${f.kind}`);
  if (f.ids) where.push(sql`l.id = any(${sql.param(f.ids)}::uuid[])`);
  return queryRows<LedgerListRow>(
    exec,
    sql`select l.id, l.occurred_at, l.kind, l.store_id, s.name as store_name, l.batch_id, b.batch_number,
               l.medicine_id, ${medicineName} as medicine_name, l.quantity, l.balance_after, l.reason,
               l.reference_type, l.reference_id, l.actor_user_id, count(*) over () as total
          from stock_ledger l join stores s on s.id = l.store_id join stock_batches b on b.id = l.batch_id
          join medicines m on m.id = l.medicine_id
         where ${sql.join(where, sql` and `)}
         order by l.occurred_at desc, l.id desc
         limit ${limit} offset ${offset}`,
  );
}

export interface LowStockRow {
  medicine_id: string;
  medicine_name: string;
  on_hand: number;
  reorder_level: number;
}

/** Active medicines whose usable stock across the hospital is at or under their reorder level. */
export async function lowStock(exec: Executor, hospitalId: string): Promise<LowStockRow[]> {
  return queryRows<LowStockRow>(
    exec,
    sql`select * from (
          select m.id as medicine_id, ${medicineName} as medicine_name, m.reorder_level,
                 coalesce((select sum(b.on_hand) from stock_batches b
                            where b.medicine_id = m.id and not stock_expired(b.expiry_date, b.hospital_id)), 0)::int as on_hand
            from medicines m
           where m.hospital_id = ${hospitalId} and m.active and m.reorder_level > 0) x
         where x.on_hand <= x.reorder_level
         order by x.on_hand::float / greatest(x.reorder_level, 1), x.medicine_name`,
  );
}

export interface ExpiryRow {
  batch_id: string;
  store_id: string;
  store_name: string;
  medicine_id: string;
  medicine_name: string;
  batch_number: string;
  expiry_date: string;
  days_left: number;
  on_hand: number;
  value_minor: number;
}

/** Batches holding stock that expire within `days` (and, with `expired`, those already expired). */
export async function expiringBatches(
  exec: Executor,
  hospitalId: string,
  days: number,
  which: 'expiring' | 'expired',
): Promise<ExpiryRow[]> {
  const cond =
    which === 'expired'
      ? sql`stock_expired(b.expiry_date, b.hospital_id)`
      : sql`not stock_expired(b.expiry_date, b.hospital_id)
            and b.expiry_date - (now() at time zone h.time_zone)::date < ${days}`;
  return queryRows<ExpiryRow>(
    exec,
    sql`select b.id as batch_id, b.store_id, s.name as store_name, b.medicine_id, ${medicineName} as medicine_name,
               b.batch_number, to_char(b.expiry_date, 'YYYY-MM-DD') as expiry_date,
               (b.expiry_date - (now() at time zone h.time_zone)::date)::int as days_left,
               b.on_hand, (b.on_hand * b.unit_cost_minor)::bigint as value_minor
          from stock_batches b join stores s on s.id = b.store_id join medicines m on m.id = b.medicine_id
          join hospitals h on h.id = b.hospital_id
         where b.hospital_id = ${hospitalId} and b.on_hand > 0 and ${cond}
         order by b.expiry_date, m.generic_name`,
  );
}

/** Today's date in the hospital's time zone. */
export async function hospitalToday(exec: Executor, hospitalId: string): Promise<string> {
  const [row] = await queryRows<{ today: string }>(
    exec,
    sql`select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today from hospitals where id = ${hospitalId}`,
  );
  return row!.today;
}

export interface ValuationRowDb {
  medicine_id: string;
  medicine_name: string;
  store_id: string;
  store_name: string;
  on_hand: number;
  value_minor: number;
}

/** Stock held and its value at cost, by medicine and store (expired stock included: it is still held). */
export async function valuation(
  exec: Executor,
  hospitalId: string,
  storeId?: string,
): Promise<ValuationRowDb[]> {
  return queryRows<ValuationRowDb>(
    exec,
    sql`select b.medicine_id, ${medicineName} as medicine_name, b.store_id, s.name as store_name,
               sum(b.on_hand)::int as on_hand, sum(b.on_hand * b.unit_cost_minor)::bigint as value_minor
          from stock_batches b join stores s on s.id = b.store_id join medicines m on m.id = b.medicine_id
         where b.hospital_id = ${hospitalId} and b.on_hand > 0 ${storeId ? sql`and b.store_id = ${storeId}` : sql``}
         group by b.medicine_id, medicine_name, b.store_id, s.name
         order by value_minor desc, medicine_name`,
  );
}

/** The value of stock held at the end of each of the last `days` days, rebuilt from the ledger. */
export async function valueByDay(exec: Executor, hospitalId: string, days: number) {
  return queryRows<{ day: string; value_minor: number }>(
    exec,
    sql`with h as (select time_zone from hospitals where id = ${hospitalId}),
         days as (select generate_series((now() at time zone (select time_zone from h))::date - ${days - 1}::int,
                                         (now() at time zone (select time_zone from h))::date, '1 day')::date as day)
        select to_char(d.day, 'YYYY-MM-DD') as day,
               coalesce((select sum(l.quantity * l.unit_cost_minor) from stock_ledger l
                          where l.hospital_id = ${hospitalId}
                            and (l.occurred_at at time zone (select time_zone from h))::date <= d.day), 0)::bigint as value_minor
          from days d order by d.day`,
  );
}

/** Most dispensed and sold over the last `days` days. */
export async function topMedicines(exec: Executor, hospitalId: string, days: number, limit: number) {
  return queryRows<{ medicine_id: string; medicine_name: string; quantity: number }>(
    exec,
    sql`select l.medicine_id, ${medicineName} as medicine_name, (-sum(l.quantity))::int as quantity
          from stock_ledger l join medicines m on m.id = l.medicine_id
         where l.hospital_id = ${hospitalId} and l.kind in ('dispense', 'sale')
           and l.occurred_at > now() - make_interval(days => ${days})
         group by l.medicine_id, medicine_name
         order by quantity desc limit ${limit}`,
  );
}

/** Every batch whose on-hand differs from the sum of its ledger rows (hospitium verify-stock). */
export async function ledgerDifferences(exec: Executor) {
  return queryRows<{
    batch_id: string;
    batch_number: string;
    medicine_name: string;
    on_hand: number;
    ledger: number;
  }>(
    exec,
    sql`select b.id as batch_id, b.batch_number, ${medicineName} as medicine_name, b.on_hand,
               coalesce(sum(l.quantity), 0)::int as ledger
          from stock_batches b join medicines m on m.id = b.medicine_id
          left join stock_ledger l on l.batch_id = b.id
         group by b.id, b.batch_number, m.generic_name, m.strength, m.form, m.brand_name
        having b.on_hand <> coalesce(sum(l.quantity), 0)
         order by m.generic_name, b.batch_number`,
  );
}
