// The pharmacy's dashboard figures for the active hospital, read live, in one query. Its takings
// today (pharmacySalesToday) are billing's: what the pharmacy's invoices came to, less credits.
import { sql } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';

const KEYS = [
  'pendingPharmacyOrders',
  'lowStockItems',
  'expiringBatches',
  'inventoryItems',
  'recentPrescriptions',
] as const satisfies readonly DashboardCardKey[];

/** How far ahead "expiring soon" looks on the dashboard (the alerts page shows 30/60/90). */
const EXPIRING_DAYS = 30;
/** "Recent" prescriptions: written into the pharmacy's queue in the last week and not yet done. */
const RECENT_DAYS = 7;

export const pharmacyFigures: DashboardSource = {
  keys: KEYS,
  async load(ctx, wanted, hospital) {
    if (!KEYS.some((k) => wanted.has(k))) return {};
    if (!hospital) {
      // A patient: their own prescriptions of the last 90 days, wherever written.
      if (!wanted.has('recentPrescriptions') || !ctx.actor.patientId) return {};
      const [r] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from prescriptions
             where patient_id = ${ctx.actor.patientId} and created_at > now() - interval '90 days'`,
      );
      return { recentPrescriptions: Number(r?.n ?? 0) };
    }
    const id = hospital.id;
    const [r] = await queryRows<Record<(typeof KEYS)[number], number>>(
      ctx.db,
      sql`with today as (select (now() at time zone ${hospital.timeZone})::date as d)
          select
            (select count(*) from pharmacy_orders
              where hospital_id = ${id} and status in ('awaiting_verification', 'approved'))::int as "pendingPharmacyOrders",
            (select count(*) from medicines m
              where m.hospital_id = ${id} and m.active and m.reorder_level > 0
                and coalesce((select sum(b.on_hand) from stock_batches b
                               where b.medicine_id = m.id and not stock_expired(b.expiry_date, b.hospital_id)), 0)
                    <= m.reorder_level)::int as "lowStockItems",
            (select count(*) from stock_batches b
              where b.hospital_id = ${id} and b.on_hand > 0
                and b.expiry_date - (select d from today) < ${EXPIRING_DAYS})::int as "expiringBatches",
            (select count(distinct b.medicine_id) from stock_batches b
              where b.hospital_id = ${id} and b.on_hand > 0)::int as "inventoryItems",
            (select count(*) from prescriptions
              where hospital_id = ${id} and status in ('open', 'partly_dispensed')
                and created_at > now() - make_interval(days => ${RECENT_DAYS}))::int as "recentPrescriptions"`,
    );
    const out: Partial<Record<DashboardCardKey, number>> = {};
    for (const k of KEYS) if (wanted.has(k)) out[k] = Number(r?.[k] ?? 0);
    return out;
  },
};
