// Many rows into one table in one statement, one array parameter per column (unnest). drizzle's
// `insert().values()` binds one parameter per value: for the demo's thousands of stock rows that
// builds and parses tens of thousands of parameters, several times slower than this, and a statement
// takes at most 65,535 of them. Columns, types and value conversion still come from the drizzle table.
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../client';

/**
 * Inserts `rows` (every row with the same keys) in their order: `with ordinality … order by` keeps
 * it, which matters where a trigger works row by row (the stock ledger's balances). Column defaults
 * made in the app ($defaultFn, such as ids) are not applied: give those values.
 */
export async function insertRows<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first);
  const names = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`insertRows: ${k} is not a column of the table`);
    return sql.identifier(column.name);
  });
  const arrays = keys.map((k) => {
    const column = columns[k]!;
    const values = rows.map((r) => {
      const v = (r as Record<string, unknown>)[k];
      return v === null || v === undefined ? null : column.mapToDriverValue(v);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const list = sql.join(names, sql`, `);
  await tx.execute(
    sql`insert into ${table} (${list})
        select ${list} from unnest(${sql.join(arrays, sql`, `)}) with ordinality as t(${list}, seed_order)
        order by seed_order`,
  );
}
