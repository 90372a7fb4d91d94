// A hot statement built by drizzle once, with `sql.placeholder(name)` where its values go: each run
// sends the same text with only the values filled in, instead of walking drizzle's SQL objects
// again (booking reads a doctor's facts on every request; see ADR 18).
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Positional } from './side-writes';

const dialect = new PgDialect();

/** `build()`'s text, made on first use; called with the placeholders' values, the statement to send. */
export function fixedStatement<V extends Record<string, unknown>>(
  build: () => SQL,
): (values: V) => Positional {
  let query: { sql: string; params: unknown[] } | undefined;
  return (values) => {
    query ??= dialect.sqlToQuery(build());
    return { text: query.sql, values: fillPlaceholders(query.params, values) };
  };
}
