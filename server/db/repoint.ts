// Moving a patient's rows to another patient record (a merge, ADR 14): each module names its own
// tables; this only writes the one statement they share.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from './client';

/**
 * Points the rows of `table` whose patient_id is `fromId` (and that match `where`) at `intoId`, and
 * says how many moved.
 */
export async function repointPatient(
  tx: Tx,
  table: string,
  m: { fromId: string; intoId: string },
  where: SQL = sql`true`,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with moved as (
          update ${sql.identifier(table)} set patient_id = ${m.intoId}
           where patient_id = ${m.fromId} and ${where} returning 1)
        select count(*)::int as n from moved`,
  );
  return row?.n ?? 0;
}

/** Moves each table's rows in turn (one connection: never side by side), counted by table. */
export async function repointPatientIn(
  tx: Tx,
  tables: readonly string[],
  m: { fromId: string; intoId: string },
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const table of tables) moved[table] = await repointPatient(tx, table, m);
  return moved;
}
