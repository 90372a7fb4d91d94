// A dedicated connection (a listener, a backup's snapshot) may be dropped by the server at any time:
// an operator's pg_terminate_backend, a restart, a dropped database. That must never crash the
// process, even in the moment between the connection coming up and its owner listening for errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../platform/jobs/jobs.testing';
import { openTestDatabase } from '../test/harness';
import type { Database } from './client';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('connectDedicated', () => {
  it('gives a connection that the server may drop while nobody listens to it', async () => {
    const client = await database.connectDedicated('test: dropped while idle');
    let crashed: unknown = null;
    const onUncaught = (err: unknown) => {
      crashed = err;
    };
    // vitest records an uncaught exception as a failed run; catching it here names the cause too.
    process.prependListener('uncaughtException', onUncaught);
    try {
      await database.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and application_name = 'test: dropped while idle'`,
      );
      await until(async () => {
        try {
          await client.query('select 1');
          return false;
        } catch (err) {
          return err instanceof Error;
        }
      }, 'the connection to be gone');
    } finally {
      process.removeListener('uncaughtException', onUncaught);
    }
    expect(crashed).toBeNull();
    await expect(client.query('select 1')).rejects.toThrow();
  });
});
