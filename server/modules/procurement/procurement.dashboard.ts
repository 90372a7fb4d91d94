// The procurement module's dashboard figure: orders on their way (submitted for approval, approved
// and not yet fully received) at the active hospital.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';

export const procurementFigures: DashboardSource = {
  keys: ['openPurchaseOrders'],
  async load(ctx, wanted, hospital) {
    if (!wanted.has('openPurchaseOrders') || !hospital) return {};
    const [r] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from purchase_orders
           where hospital_id = ${hospital.id} and status in ('submitted', 'approved', 'partly_received')`,
    );
    return { openPurchaseOrders: Number(r?.n ?? 0) };
  },
};
