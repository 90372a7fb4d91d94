// The clinical module's dashboard figure: a doctor's consultations still open (written but not
// closed) at the active hospital — the reviews waiting for them.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';

export const clinicalFigures: DashboardSource = {
  keys: ['pendingReviews'],
  async load(ctx, wanted, hospital) {
    if (!wanted.has('pendingReviews') || !hospital) return {};
    const [r] = await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from consultations
           where hospital_id = ${hospital.id} and doctor_user_id = ${ctx.actor.userId} and status = 'open'`,
    );
    return { pendingReviews: Number(r?.n ?? 0) };
  },
};
