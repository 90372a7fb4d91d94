// Billing's dashboard figures, on the hospital's clock. Revenue today (the hospital admin's card):
// what invoices issued today charged less what credit notes issued today took back. Pharmacy
// sales today (the pharmacist's card): the same for the pharmacy's invoices only (counter sales,
// prescriptions dispensed, online orders). Both are shown as 0 on a day when credits exceed them. Unpaid bills: final
// invoices still owing something, at the active hospital for the front desk, or the patient's own
// at every hospital.
import { sql, type SQL } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import { queryRows } from '../../db/client';
import type { DashboardSource } from '../module';
import { PHARMACY_SOURCES } from './invoices.read';

const KEYS = [
  'revenueToday',
  'pharmacySalesToday',
  'unpaidBills',
] as const satisfies readonly DashboardCardKey[];
const OWING = sql`status = 'final' and total_minor - credited_minor - paid_minor > 0`;

/** Invoiced today less credited today, of the invoices that `which` admits (`i` is the invoice). */
function invoicedToday(hospitalId: string, which: SQL): SQL {
  return sql`greatest(0,
      coalesce((select sum(i.total_minor) from invoices i
                 where i.hospital_id = ${hospitalId} and i.status in ('final', 'cancelled')
                   and i.issued_on = (select d from today) and ${which}), 0)
    - coalesce((select sum(c.amount_minor) from credit_notes c join invoices i on i.id = c.invoice_id
                 where c.hospital_id = ${hospitalId} and c.issued_on = (select d from today) and ${which}), 0)
    )::bigint`;
}

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
    const pharmacy = sql`i.source = any(${sql.param([...PHARMACY_SOURCES])}::text[])`;
    const [r] = await queryRows<Record<(typeof KEYS)[number], string | number>>(
      ctx.db,
      sql`with today as (select (now() at time zone ${hospital.timeZone})::date as d)
          select ${invoicedToday(id, sql`true`)} as "revenueToday",
                 ${invoicedToday(id, pharmacy)} as "pharmacySalesToday",
                 (select count(*) from invoices where hospital_id = ${id} and ${OWING})::int as "unpaidBills"`,
    );
    const out: Partial<Record<DashboardCardKey, number>> = {};
    for (const k of KEYS) if (wanted.has(k)) out[k] = Number(r?.[k] ?? 0);
    return out;
  },
};
