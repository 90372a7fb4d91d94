// Stopping the runner while pg-boss is still talking to the database. pg-boss's own cron worker,
// once its fetch returns, inserts the jobs it fetched and then marks them completed without waiting
// for that: a CI run of the whole suite once ended with "Cannot use a pool after calling end on the
// pool" as an unhandled rejection (which ends a Node process), the app's pool having been closed
// between the two. `stop()` now returns only once pg-boss's statements are done, those that the
// finished ones started in turn included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { loadConfig } from '../../config';
import { openTestDatabase } from '../../test/harness';
import type { BossDb } from './jobs.db';
import { jobRunnerOptions } from './jobs.options';
import { JobRunner } from './jobs.runner';

const quiet = { info() {}, warn() {}, error() {} };

describe('JobRunner.stop', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it('waits for the statements pg-boss started, and those they start in turn, before it returns', async () => {
    const runner = new JobRunner(database, jobRunnerOptions(loadConfig({ NODE_ENV: 'test' }), quiet));
    await runner.install();
    await runner.start();
    const db = runner.pgBoss.getDb() as BossDb;
    const settled: string[] = [];
    // As pg-boss's cron worker does: a fetch, then a statement nobody waits for once it returns.
    void db.executeSql('select pg_sleep(0.2)', []).then(() => {
      settled.push('fetch');
      db.executeSql('select pg_sleep(0.2)', []).then(
        () => settled.push('complete'),
        (err: unknown) => settled.push(`complete failed: ${String(err)}`),
      );
    });
    await runner.stop();
    expect(settled).toEqual(['fetch', 'complete']);
  });
});
