// Per-hospital numbers that must never skip or repeat (MRNs, invoice and order numbers). Each series
// is a counter row per hospital; taking a number increments it inside the caller's transaction, so
// the row stays locked until that transaction ends: concurrent takers queue, a rollback gives the
// number back, and a committed number is never issued twice.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';

/** The next number (1, 2, …) of `series` at the hospital, in the caller's transaction. */
export async function nextNumber(tx: Tx, hospitalId: string, series: string): Promise<number> {
  const rows = await queryRows<{ value: number }>(
    tx,
    sql`insert into hospital_counters (hospital_id, name, value) values (${hospitalId}, ${series}, 1)
        on conflict (hospital_id, name) do update set value = hospital_counters.value + 1
        returning value`,
  );
  return Number(rows[0]!.value);
}
