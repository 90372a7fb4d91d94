// A FHIR date parameter as a condition in SQL, for the providers that filter in the database.
import { sql, type SQL } from 'drizzle-orm';
import { dateBounds, type DateRange } from './fhir.params';

/** `column` within what the date parameter names (`ne`: outside it); a timestamptz column. */
export function dateCondition(column: SQL, r: DateRange): SQL {
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const b = dateBounds(r);
  if (!b) return sql`(${column} < ${at(r.from)} or ${column} >= ${at(r.to)})`;
  const conds = [sql`true`];
  if (b.from) conds.push(sql`${column} >= ${at(b.from)}`);
  if (b.to) conds.push(sql`${column} < ${at(b.to)}`);
  return sql`(${sql.join(conds, sql` and `)})`;
}

/** Every interval a date parameter names (two for a range), as one condition; null for none. */
export function datesCondition(column: SQL, ranges: readonly DateRange[] | undefined): SQL | null {
  if (!ranges || ranges.length === 0) return null;
  return sql`(${sql.join(
    ranges.map((r) => dateCondition(column, r)),
    sql` and `,
  )})`;
}
