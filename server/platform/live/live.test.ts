// The live hub against a real PostgreSQL: a notice reaches the subscribers of its topic only, once
// its transaction commits and never if it rolls back; one LISTEN connection serves every
// subscriber; when that connection is killed the hub reconnects, tells subscribers to read
// everything again, and delivers later notices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { openTestDatabase } from '../../test/harness';
import { until } from '../jobs/jobs.testing';
import { LIVE_LISTENER_NAME, LiveHub, publish, type LiveNotice } from './live';

let database: Database;
let hub: LiveHub;
beforeAll(async () => {
  database = await openTestDatabase();
  hub = new LiveHub(database, { warn() {} });
});
afterAll(async () => {
  await hub?.stop();
  await database?.close();
});

const listeners = async () =>
  Number(
    (
      await database.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where application_name = $1 and datname = current_database()',
        [LIVE_LISTENER_NAME],
      )
    ).rows[0]!.n,
  );

describe('LiveHub', () => {
  it('delivers a committed notice to its topic’s subscribers only; a rolled-back one never', async () => {
    const a: LiveNotice[] = [];
    const b: LiveNotice[] = [];
    const stopA = await hub.subscribe('t:a', (n) => a.push(n));
    const stopB = await hub.subscribe('t:b', (n) => b.push(n));
    const stopA2 = await hub.subscribe('t:a', (n) => a.push(n));
    expect(hub.listening).toBe(true);
    expect(await listeners()).toBe(1);
    await expect(
      database.db.transaction(async (tx) => {
        await publish(tx, 't:a', 'rolled back');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await database.db.transaction((tx) => publish(tx, 't:a', 'x1'));
    await until(() => a.length === 2, 'two subscribers of t:a');
    expect(a).toEqual([
      { topic: 't:a', payload: 'x1' },
      { topic: 't:a', payload: 'x1' },
    ]);
    expect(b).toEqual([]);
    stopA();
    stopA2();
    stopB();
    expect(hub.size).toBe(0);
  });

  it('reconnects after losing its connection, asks for a resync, and delivers again', async () => {
    const heard: LiveNotice[] = [];
    const stop = await hub.subscribe('t:c', (n) => heard.push(n));
    await database.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()',
      [LIVE_LISTENER_NAME],
    );
    await until(() => heard.some((n) => n.resync), 'the resync after reconnecting');
    expect(hub.listening).toBe(true);
    await database.db.transaction((tx) => publish(tx, 't:c', 'after'));
    await until(() => heard.some((n) => n.payload === 'after'), 'a notice after reconnecting');
    stop();
  });

  it('refuses a payload PostgreSQL would refuse', async () => {
    await expect(database.db.transaction((tx) => publish(tx, 't:d', 'x'.repeat(8000)))).rejects.toThrow(
      /too large/,
    );
  });
});
