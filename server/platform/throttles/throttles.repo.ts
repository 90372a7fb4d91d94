// Counters shared by every app instance: failed sign-ins per key (lockout) and fixed-window request
// counts (rate limits), in one table so that all instances see the same numbers.
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { throttles } from './throttles.tables';

/** When the key is locked out, until when; else null. */
export async function lockedUntil(exec: Executor, key: string): Promise<Date | null> {
  const [row] = await exec
    .select({ lockedUntil: throttles.lockedUntil })
    .from(throttles)
    .where(and(eq(throttles.key, key), gt(throttles.lockedUntil, sql`now()`)));
  return row?.lockedUntil ?? null;
}

/**
 * Counts a failure against a key within a window, atomically; when the count reaches `max` the key
 * is locked for `lockMinutes`. Returns the new count.
 */
export async function recordFailure(
  exec: Executor,
  key: string,
  max: number,
  lockMinutes: number,
): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    exec,
    sql`
    insert into throttles as t (key, count, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      count = case when t.window_start < now() - make_interval(mins => ${lockMinutes}) then 1 else t.count + 1 end,
      window_start = case when t.window_start < now() - make_interval(mins => ${lockMinutes}) then now() else t.window_start end
    returning count`,
  );
  const count = Number(rows[0]?.count ?? 0);
  if (count >= max) {
    await exec
      .update(throttles)
      .set({
        lockedUntil: sql`now() + make_interval(mins => ${lockMinutes})`,
        count: 0,
        windowStart: sql`now()`,
      })
      .where(eq(throttles.key, key));
  }
  return count;
}

export async function clearThrottle(exec: Executor, key: string): Promise<void> {
  await exec.delete(throttles).where(eq(throttles.key, key));
}

/** Increments a fixed-window counter; returns the count in this window and ms until it resets. */
export async function hitWindow(
  exec: Executor,
  key: string,
  windowMs: number,
): Promise<{ count: number; ttl: number }> {
  const rows = await queryRows<{ count: number; ttl: number }>(
    exec,
    sql`
    insert into throttles as t (key, count, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      count = case when t.window_start <= now() - make_interval(secs => ${windowMs / 1000}) then 1 else t.count + 1 end,
      window_start = case when t.window_start <= now() - make_interval(secs => ${windowMs / 1000}) then now() else t.window_start end
    returning count, greatest(0, extract(epoch from (window_start + make_interval(secs => ${windowMs / 1000}) - now())) * 1000)::int as ttl`,
  );
  const row = rows[0]!;
  return { count: Number(row.count), ttl: Number(row.ttl) };
}

/** Deletes counters whose window and lock ended more than a day ago; returns how many went. */
export async function purgeStaleThrottles(exec: Executor): Promise<number> {
  const rows = await exec
    .delete(throttles)
    .where(
      and(
        lt(throttles.windowStart, sql`now() - interval '1 day'`),
        or(isNull(throttles.lockedUntil), lt(throttles.lockedUntil, sql`now()`)),
      ),
    )
    .returning({ key: throttles.key });
  return rows.length;
}
