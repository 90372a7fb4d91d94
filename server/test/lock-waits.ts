// For race tests that line requests up behind a transaction the test holds open: waits until
// `n` sessions of the test's database are waiting for a lock (a row, a transaction, an advisory
// lock), so that the test lets go only once every request is queued.
import { expect } from 'vitest';
import type { Database } from '../db/client';

export async function waitForLockWaiters(database: Database, n: number): Promise<void> {
  const watch = await database.connectDedicated('test: lock watch');
  try {
    const waiting = async () =>
      (
        await watch.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        )
      ).rows[0]!.n;
    await expect.poll(waiting, { timeout: 15_000 }).toBe(n);
  } finally {
    await watch.end();
  }
}
