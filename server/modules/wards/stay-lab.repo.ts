// A stay's lab orders (ADR 30), read by SQL from the lab's tables as admissions read consultations:
// the lab imports wards to hold the stay while it orders (stay-hold.ts), so wards does not import
// the lab back. The tests the stay's bill charges, at the price and tax each had when ordered, and
// the orders whose samples are still awaited, which hold up the discharge.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

export interface StayLabTest {
  serviceId: string;
  description: string;
  unitPriceMinor: number;
  taxRateBp: number;
}

/**
 * One entry per test of the stay's orders not cancelled, oldest order first, billed as the
 * price-list service it was billed as when ordered. Tests that cost nothing are left out.
 */
export function labTestsForBill(exec: Executor, admissionId: string): Promise<StayLabTest[]> {
  return queryRows<StayLabTest>(
    exec,
    sql`select i.service_id as "serviceId",
               'Lab: ' || i.code || ' - ' || i.name || ' (' || i.accession || ')' as description,
               i.unit_price_minor::float8 as "unitPriceMinor", coalesce(i.tax_rate_bp, 0) as "taxRateBp"
          from lab_orders o
          join lab_order_items i on i.order_id = o.id
         where o.admission_id = ${admissionId} and o.status <> 'cancelled' and i.status <> 'cancelled'
           and i.unit_price_minor > 0 and i.service_id is not null
         order by o.created_at, o.number, i.position`,
  );
}

/** The numbers of the stay's orders with a sample still to be taken, oldest first. */
export async function ordersAwaitingSample(exec: Executor, admissionId: string): Promise<string[]> {
  const rows = await queryRows<{ number: string }>(
    exec,
    sql`select number from lab_orders
         where admission_id = ${admissionId} and status = 'awaiting_sample'
         order by number`,
  );
  return rows.map((r) => r.number);
}
