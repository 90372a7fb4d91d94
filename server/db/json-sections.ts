// A patient's export (ADR 33): each module names the queries of its sections; this only writes the
// one statement they share. The database builds the JSON, so rows come out as plain objects keyed by
// the queries' column aliases, nested lists included, money (bigint) as numbers, dates as
// YYYY-MM-DD and times as ISO 8601 in the session's time zone (the export sets UTC).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from './client';

/** The rows of `query` as one JSON array in their order (`[]` when none): a section, or a list in a row. */
export const jsonRows = (query: SQL): SQL =>
  sql`coalesce((select json_agg(r) from (${query}) r), '[]'::json)`;

/** The one row of `query` as a JSON object, or null: a part of a row (a stay's discharge summary). */
export const jsonRow = (query: SQL): SQL => sql`(select row_to_json(r) from (${query}) r)`;

/** Every named query's rows, read in one statement: `{ name: [row, …] }`. */
export async function jsonSections(
  exec: Executor,
  sections: Record<string, SQL>,
): Promise<Record<string, unknown[]>> {
  const columns = Object.entries(sections).map(([name, q]) => sql`${jsonRows(q)} as ${sql.identifier(name)}`);
  const [row] = await queryRows<Record<string, unknown[]>>(exec, sql`select ${sql.join(columns, sql`, `)}`);
  return row ?? {};
}
