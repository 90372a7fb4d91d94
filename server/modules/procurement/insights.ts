// What the hospital spends on purchase orders, month by month at its own clock: the value of the
// orders approved in each of the last 12 months (the current one included). Cancelled orders do
// not count, so an amended order counts once, by its revision in force.
import { sql } from 'drizzle-orm';
import type { ProcurementInsights } from '../../../contracts/procurement';
import { queryRows } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';

const MONTHS = 12;

export async function procurementInsights(ctx: Ctx): Promise<ProcurementInsights> {
  const hospitalId = requireHospital(ctx.actor);
  const rows = await queryRows<{ month: string; total_minor: string; currency: string }>(
    ctx.db,
    sql`with h as (select time_zone, currency from hospitals where id = ${hospitalId}),
         this_month as (select date_trunc('month', now() at time zone (select time_zone from h)) as m),
         months as (
           select generate_series((select m from this_month) - make_interval(months => ${MONTHS - 1}),
                                  (select m from this_month), interval '1 month') as m),
         spend as (
           select date_trunc('month', o.approved_at at time zone (select time_zone from h)) as m,
                  sum(o.total_minor) as total
             from purchase_orders o
            where o.hospital_id = ${hospitalId} and o.status <> 'cancelled' and o.approved_at is not null
              and o.approved_at >= ((select m from months order by m limit 1) at time zone (select time_zone from h))
            group by 1)
        select to_char(months.m, 'YYYY-MM') as month, coalesce(spend.total, 0)::bigint as total_minor,
               (select currency from h) as currency
          from months left join spend on spend.m = months.m
         order by months.m`,
  );
  return {
    currency: rows[0]!.currency,
    spendByMonth: rows.map((r) => ({ month: r.month, totalMinor: Number(r.total_minor) })),
  };
}
