// The lab's dashboard figure: orders at the active hospital that the lab still has work on, those
// waiting for a sample and those whose samples are in (their results are still to be reported).
import { sql } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';

const KEYS = ['pendingLabOrders'] as const satisfies readonly DashboardCardKey[];

export const labFigures: DashboardSource = {
  keys: KEYS,
  async load(ctx, wanted, hospital) {
    if (!hospital || !wanted.has('pendingLabOrders')) return {};
    const [r] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from lab_orders
           where hospital_id = ${hospital.id} and status in ('awaiting_sample', 'collected')`,
    );
    return { pendingLabOrders: r?.n ?? 0 };
  },
};
