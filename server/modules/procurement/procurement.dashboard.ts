// The procurement module's dashboard figures at the active hospital, in one query: orders on their
// way (submitted, approved, not yet fully received), orders waiting for an admin's approval, and
// deliveries due (approved, not fully received, expected within a week at the hospital's clock, or
// overdue).
import { sql } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';

const KEYS = [
  'openPurchaseOrders',
  'purchaseOrdersAwaitingApproval',
  'deliveriesDue',
] as const satisfies readonly DashboardCardKey[];

/** How far ahead "due" looks, in days. */
const DUE_WITHIN_DAYS = 7;

export const procurementFigures: DashboardSource = {
  keys: KEYS,
  async load(ctx, wanted, hospital) {
    if (!hospital || !KEYS.some((k) => wanted.has(k))) return {};
    const [r] = await queryRows<Record<(typeof KEYS)[number], number>>(
      ctx.db,
      sql`select
            count(*) filter (where status in ('submitted', 'approved', 'partly_received'))::int as "openPurchaseOrders",
            count(*) filter (where status = 'submitted')::int as "purchaseOrdersAwaitingApproval",
            count(*) filter (where status in ('approved', 'partly_received') and expected_on is not null
                               and expected_on <= (now() at time zone ${hospital.timeZone})::date + ${DUE_WITHIN_DAYS}::int
                            )::int as "deliveriesDue"
            from purchase_orders
           where hospital_id = ${hospital.id} and status in ('submitted', 'approved', 'partly_received')`,
    );
    const out: Partial<Record<DashboardCardKey, number>> = {};
    for (const k of KEYS) if (wanted.has(k)) out[k] = Number(r?.[k] ?? 0);
    return out;
  },
};
