// How many rows a data-changing statement touched, in one round trip: erasure steps (ADR 33) say
// how many of each kind they changed or deleted.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from './client';

/** Runs an UPDATE or DELETE (without its own RETURNING) and says how many rows it changed. */
export async function countChanged(exec: Executor, statement: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`with changed as (${statement} returning 1) select count(*)::int as n from changed`,
  );
  return row?.n ?? 0;
}
