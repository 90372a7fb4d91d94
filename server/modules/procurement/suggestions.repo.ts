// What reorder suggestions are made of, for every (receiving store, medicine) of a hospital at once:
// usable stock, what open orders still bring, how much was used in the last 30 and 90 days at the
// hospital's clock, and the supplier to buy from. One query for the whole list.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export interface SuggestionRow {
  medicine_id: string;
  medicine_name: string;
  strength: string;
  form: string;
  store_id: string;
  store_name: string;
  reorder_level: number;
  pack_size: number;
  on_hand: number;
  on_order_packs: number;
  on_order_units: number;
  used30: number;
  used90: number;
  supplier_id: string | null;
  supplier_name: string | null;
  lead_time_days: number | null;
  last_price_minor: string | null;
}

/**
 * Stock leaving a store to be used: dispensed, sold, issued to a ward; online orders cancelled
 * before collection come back as `return` rows and are netted off. Transfers between receiving
 * stores, write-offs, supplier returns and count adjustments are not use (ADR 12).
 */
const CONSUMPTION = sql`(l.kind in ('dispense', 'sale', 'return')
  or (l.kind = 'transfer_out' and l.reference_type = 'ward_request'))`;

/**
 * The (store, medicine) pairs at or under the medicine's reorder level. The figures are each
 * worked out once for the hospital (materialized), not again for every pair, whatever the
 * planner's statistics say. A store is considered for
 * a medicine when it is the pharmacy (where medicines are dispensed) or has held a batch of it.
 */
export async function suggestionRows(
  db: Executor,
  hospitalId: string,
  storeId: string | undefined,
): Promise<SuggestionRow[]> {
  const rows = await queryRows<SuggestionRow>(
    db,
    sql`with h as (select time_zone from hospitals where id = ${hospitalId}),
         today as (select (now() at time zone (select time_zone from h))::date as d),
         since as (
           select (((select d from today) - 29)::timestamp at time zone (select time_zone from h)) as d30,
                  (((select d from today) - 89)::timestamp at time zone (select time_zone from h)) as d90),
         st as (
           select id, name, kind from stores
            where hospital_id = ${hospitalId} and active and kind in ('main', 'pharmacy')
              ${storeId ? sql`and id = ${storeId}` : sql``}),
         stock as materialized (
           select b.store_id, b.medicine_id,
                  coalesce(sum(b.on_hand) filter (where not stock_expired(b.expiry_date, b.hospital_id)), 0)::int as on_hand
             from stock_batches b
            where b.hospital_id = ${hospitalId}
            group by b.store_id, b.medicine_id),
         used as materialized (
           select l.store_id, l.medicine_id,
                  coalesce(-sum(l.quantity) filter (where l.occurred_at >= (select d30 from since)), 0)::int as used30,
                  (-sum(l.quantity))::int as used90
             from stock_ledger l
            where l.hospital_id = ${hospitalId} and l.occurred_at >= (select d90 from since) and ${CONSUMPTION}
            group by l.store_id, l.medicine_id),
         ordered as materialized (
           select o.store_id, l.medicine_id,
                  sum(greatest(0, l.packs_ordered - l.packs_received))::int as packs,
                  sum(greatest(0, l.packs_ordered - l.packs_received) * l.pack_size)::int as units
             from purchase_orders o join purchase_order_lines l on l.order_id = o.id
            where o.hospital_id = ${hospitalId} and o.status in ('submitted', 'approved', 'partly_received')
              -- an approved order whose revision waits for approval: the revision counts, not both
              and not exists (select 1 from purchase_orders n where n.supersedes_id = o.id and n.status = 'submitted')
            group by o.store_id, l.medicine_id),
         sup as materialized (
           select distinct on (si.medicine_id) si.medicine_id, s.id, s.name, s.lead_time_days, si.last_price_minor
             from supplier_items si join suppliers s on s.id = si.supplier_id
            where s.hospital_id = ${hospitalId} and s.active
            order by si.medicine_id, si.preferred desc, si.last_price_minor is null, si.updated_at desc, s.name)
        select m.id as medicine_id, m.generic_name || coalesce(' (' || m.brand_name || ')', '') as medicine_name,
               m.strength, m.form, st.id as store_id, st.name as store_name, m.reorder_level, m.pack_size,
               coalesce(k.on_hand, 0) as on_hand,
               coalesce(o.packs, 0) as on_order_packs, coalesce(o.units, 0) as on_order_units,
               greatest(coalesce(u.used30, 0), 0) as used30, greatest(coalesce(u.used90, 0), 0) as used90,
               sup.id as supplier_id, sup.name as supplier_name, sup.lead_time_days, sup.last_price_minor
          from medicines m
          cross join st
          left join stock k on k.store_id = st.id and k.medicine_id = m.id
          left join used u on u.store_id = st.id and u.medicine_id = m.id
          left join ordered o on o.store_id = st.id and o.medicine_id = m.id
          left join sup on sup.medicine_id = m.id
         where m.hospital_id = ${hospitalId} and m.active and m.reorder_level > 0
           and (st.kind = 'pharmacy' or k.medicine_id is not null)
           and coalesce(k.on_hand, 0) <= m.reorder_level
         order by medicine_name, m.strength, m.form, st.name`,
  );
  return rows.map((r) => ({
    ...r,
    reorder_level: Number(r.reorder_level),
    pack_size: Number(r.pack_size),
    on_hand: Number(r.on_hand),
    on_order_packs: Number(r.on_order_packs),
    on_order_units: Number(r.on_order_units),
    used30: Number(r.used30),
    used90: Number(r.used90),
    lead_time_days: r.lead_time_days === null ? null : Number(r.lead_time_days),
  }));
}
