// The cache of callers is only as good as the notices that clear it: against a real PostgreSQL
// listener, a notice drops the named user at once, a load that overlapped a notice is not kept, and
// while the listener is down nothing is cached at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { openTestDatabase } from '../../test/harness';
import { until } from '../jobs/jobs.testing';
import { LISTENER_NAME, PRINCIPAL_CHANNEL, PrincipalCache } from './principal-cache';

const quiet = { warn() {} };
let database: Database;
let cache: PrincipalCache<string>;

beforeAll(async () => {
  database = await openTestDatabase();
  cache = new PrincipalCache<string>(60_000);
  await cache.start(database, quiet);
});
afterAll(async () => {
  await cache?.stop();
  await database?.close();
});

const listeners = async () =>
  Number(
    (
      await database.query<{ n: string }>(
        `select count(*)::text as n from pg_stat_activity
          where datname = current_database() and application_name = $1`,
        [LISTENER_NAME],
      )
    ).rows[0]!.n,
  );

const notify = (payload: string) => database.query('select pg_notify($1, $2)', [PRINCIPAL_CHANNEL, payload]);

describe('PrincipalCache', () => {
  it('drops the user a notice names, and everyone on "*"', async () => {
    cache.set('t:a', 'user-a', 'A', cache.beginLoad());
    cache.set('s:a', 'user-a', 'A2', cache.beginLoad());
    cache.set('t:b', 'user-b', 'B', cache.beginLoad());
    expect([cache.get('t:a'), cache.get('s:a'), cache.get('t:b')]).toEqual(['A', 'A2', 'B']);
    await notify('user-a');
    await until(() => cache.get('t:a') === undefined && cache.get('s:a') === undefined, 'user-a dropped');
    expect(cache.get('t:b')).toBe('B');
    await notify('*');
    await until(() => cache.size === 0, 'everything dropped');
  });

  it('does not keep what was loaded while a change was being announced', async () => {
    const since = cache.beginLoad(); // a request starts loading user-c from the database...
    await notify('user-c'); // ...a change to user-c commits meanwhile...
    await until(() => cache.beginLoad() !== since, 'the notice to arrive');
    cache.set('t:c', 'user-c', 'stale', since); // ...and the load, perhaps from before it, ends
    expect(cache.get('t:c')).toBeUndefined();
  });

  it('sync() returns only once the notices committed before it have been applied', async () => {
    for (let i = 0; i < 20; i++) {
      cache.set('t:h', 'user-h', 'H', cache.beginLoad());
      await notify('user-h'); // committed on another connection
      await cache.sync(); // no polling: the barrier alone must make the drop visible
      expect(cache.get('t:h')).toBeUndefined();
    }
  });

  it('lets writes that finish together share one marker, and each still sees what committed before it', async () => {
    const users = Array.from({ length: 10 }, (_, i) => `user-s${i}`);
    for (const u of users) cache.set(`t:${u}`, u, 'S', cache.beginLoad());
    await Promise.all(users.map((u) => notify(u)));
    const before = cache.markersSent;
    await Promise.all(users.map(() => cache.sync()));
    expect(cache.markersSent - before).toBe(1);
    for (const u of users) expect(cache.get(`t:${u}`)).toBeUndefined();
    // A sync called after that marker went out sends its own.
    await cache.sync();
    expect(cache.markersSent - before).toBe(2);
  });

  it('expires entries after its time to live', () => {
    const now = Date.now();
    cache.set('t:d', 'user-d', 'D', cache.beginLoad(), now);
    expect(cache.get('t:d', now + 59_000)).toBe('D');
    expect(cache.get('t:d', now + 60_001)).toBeUndefined();
  });

  it('caches nothing while its listener is down, and resumes once it is back', async () => {
    cache.set('t:e', 'user-e', 'E', cache.beginLoad());
    await database.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = $1`,
      [LISTENER_NAME],
    );
    await until(() => cache.get('t:e') === undefined, 'the cache to go off');
    cache.set('t:f', 'user-f', 'F', cache.beginLoad());
    // Either still down (nothing kept) or already back (kept): never a value from before the loss.
    expect(cache.get('t:e')).toBeUndefined();
    await until(
      () => {
        cache.set('t:g', 'user-g', 'G', cache.beginLoad());
        return cache.get('t:g') === 'G';
      },
      'the listener to come back',
      { timeoutMs: 10_000 },
    );
  });

  it('comes back with one listener, however many ways pg reports the loss', async () => {
    // pg reports a terminated connection twice (the server's message, then the socket's end):
    // each once started a reconnect, and the second listener lived on unowned.
    await database.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name = $1`,
      [LISTENER_NAME],
    );
    await until(() => {
      cache.set('t:x', 'user-x', 'X', cache.beginLoad());
      return cache.get('t:x') === undefined;
    }, 'the cache to go off');
    await until(
      () => {
        cache.set('t:i', 'user-i', 'I', cache.beginLoad());
        return cache.get('t:i') === 'I';
      },
      'the listener to come back',
      { timeoutMs: 10_000 },
    );
    await new Promise((r) => setTimeout(r, 1500)); // past every retry the loss could have scheduled
    expect(await listeners()).toBe(1);
  });

  it('leaves no listener behind when stopped while it connects', async () => {
    const other = new PrincipalCache<string>(60_000);
    const starting = other.start(database, quiet);
    await other.stop();
    await starting;
    await new Promise((r) => setTimeout(r, 200));
    expect(await listeners()).toBe(1); // the suite's own cache only
  });
});
