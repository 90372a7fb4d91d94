// Billing's dashboard figures. Revenue today (the hospital admin's card): what invoices issued
// today charged less what credit notes issued today took back, on the hospital's clock (shown as
// 0 on a day when credits exceed it). Unpaid bills: final invoices still owing something, at the
// active hospital for the front desk, or the patient's own at every hospital.
import { sql } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';

const KEYS = ['revenueToday', 'unpaidBills'] as const satisfies readonly DashboardCardKey[];
const OWING = sql`status = 'final' and total_minor - credited_minor - paid_minor > 0`;

export const billingFigures: DashboardSource = {
  keys: KEYS,
  async load(ctx, wanted, hospital) {
    if (!KEYS.some((k) => wanted.has(k))) return {};
    if (!hospital) {
      if (!wanted.has('unpaidBills') || !ctx.actor.patientId) return {};
      const [r] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from invoices where patient_id = ${ctx.actor.patientId} and ${OWING}`,
      );
      return { unpaidBills: Number(r?.n ?? 0) };
    }
    const id = hospital.id;
    const [r] = await queryRows<{ revenueToday: string; unpaidBills: number }>(
      ctx.db,
      sql`with today as (select (now() at time zone ${hospital.timeZone})::date as d)
          select greatest(0,
                   coalesce((select sum(total_minor) from invoices
                              where hospital_id = ${id} and status in ('final', 'cancelled')
                                and issued_on = (select d from today)), 0)
                 - coalesce((select sum(amount_minor) from credit_notes
                              where hospital_id = ${id} and issued_on = (select d from today)), 0)
                 )::bigint as "revenueToday",
                 (select count(*) from invoices where hospital_id = ${id} and ${OWING})::int as "unpaidBills"`,
    );
    const out: Partial<Record<DashboardCardKey, number>> = {};
    if (wanted.has('revenueToday')) out.revenueToday = Number(r?.revenueToday ?? 0);
    if (wanted.has('unpaidBills')) out.unpaidBills = Number(r?.unpaidBills ?? 0);
    return out;
  },
};
