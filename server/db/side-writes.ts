// Writes that ride along with another statement, as data-modifying CTEs (`with w0 as (insert …)
// insert …`): one round trip instead of one each. Being one statement, they commit or fail
// together even outside a transaction. They all see the statement's snapshot, so none may depend
// on another's rows: give them the ids they need up front (ADR 18).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from './client';

/** `exec.with(…)` holding `writes`: follow it with the statement they ride along with. */
export function withWrites(exec: Executor, writes: readonly SQLWrapper[]) {
  return exec.with(...writes.map((w, i) => exec.$with(`side_write_${i}`, {}).as(w.getSQL())));
}

/**
 * A statement written for positional parameters (`$1`, `$2`, … as another library sends it) as a
 * drizzle SQL that can be composed with others: each placeholder becomes a parameter of its own.
 */
export function positionalSql(text: string, values: readonly unknown[]): SQL {
  const parts: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    const n = Number(m[1]);
    if (n < 1 || n > values.length) throw new Error(`positionalSql: $${n} has no value`);
    parts.push(sql.raw(text.slice(last, m.index)), sql`${sql.param(values[n - 1] ?? null)}`);
    last = m.index + m[0].length;
  }
  parts.push(sql.raw(text.slice(last)));
  return sql.join(parts);
}
