// The lab's dashboard figure: orders at the active hospital that the lab still has work on, those
// waiting for a sample, those whose samples are in (their results are still to be reported), and
// those with a correction of a result waiting to be released (ADR 35): the worklist's "To do".
import { sql } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';
import { CORRECTING } from './orders.repo';

const KEYS = ['pendingLabOrders'] as const satisfies readonly DashboardCardKey[];

export const labFigures: DashboardSource = {
  keys: KEYS,
  async load(ctx, wanted, hospital) {
    if (!hospital || !wanted.has('pendingLabOrders')) return {};
    const [r] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from lab_orders o
           where o.hospital_id = ${hospital.id}
             and (o.status in ('awaiting_sample', 'collected') or ${CORRECTING})`,
    );
    return { pendingLabOrders: r?.n ?? 0 };
  },
};
