// When PostgreSQL gives up on a statement because of other work running at the same moment (a
// deadlock, a serialization failure, a lock or a statement waited on too long), the caller gets 503
// with Retry-After and a sentence to act on, not a 500. The errors are real: each is provoked on
// the test database with two sessions, then thrown from a route as a service would let it through.
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { installProblemHandlers } from './problem';

let t: TestApp;
let app: FastifyInstance;
const caught = new Map<string, unknown>();

async function refused(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('the database did not refuse it');
}

/** Two sessions each holding one advisory lock and asking for the other's: one of them is refused. */
async function deadlock(a: pg.Client, b: pg.Client): Promise<unknown> {
  await a.query('begin');
  await b.query('begin');
  await a.query('select pg_advisory_xact_lock(910001)');
  await b.query('select pg_advisory_xact_lock(910002)');
  const results = await Promise.allSettled([
    a.query('select pg_advisory_xact_lock(910002)'),
    b.query('select pg_advisory_xact_lock(910001)'),
  ]);
  await a.query('rollback');
  await b.query('rollback');
  const failed = results.find((r) => r.status === 'rejected');
  if (!failed) throw new Error('no deadlock');
  return failed.reason;
}

/** Two serializable transactions that each read what the other writes: the second to commit is refused. */
async function serializationFailure(a: pg.Client, b: pg.Client): Promise<unknown> {
  await a.query('create table test_skew (n int)');
  try {
    for (const c of [a, b]) {
      await c.query('begin isolation level serializable');
      await c.query('select count(*) from test_skew');
    }
    await a.query('insert into test_skew values (1)');
    await b.query('insert into test_skew values (2)');
    await a.query('commit');
    return await refused(() => b.query('commit'));
  } finally {
    await b.query('rollback').catch(() => undefined);
    await a.query('drop table test_skew');
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  const a = await t.database.connectDedicated('test: session a');
  const b = await t.database.connectDedicated('test: session b');
  try {
    caught.set('40P01', await deadlock(a, b));
    caught.set('40001', await serializationFailure(a, b));
    await a.query('select pg_advisory_lock(910003)');
    caught.set(
      '55P03',
      await refused(() => b.query("set lock_timeout = '50ms'; select pg_advisory_lock(910003)")),
    );
    await a.query('select pg_advisory_unlock(910003)');
    caught.set('42P01', await refused(() => a.query('select * from secret_table')));
    caught.set('57014', await refused(() => b.query("set statement_timeout = '50ms'; select pg_sleep(2)")));
  } finally {
    await a.end();
    await b.end();
  }
  app = Fastify();
  installProblemHandlers(app, async () => undefined);
  app.get<{ Params: { state: string } }>('/fails/:state', async (req) => {
    throw caught.get(req.params.state);
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the database refusing a statement for concurrent work', () => {
  it.each([
    ['40P01', 'a deadlock', /same moment/],
    ['40001', 'a serialization failure', /same moment/],
    ['55P03', 'a lock waited on too long', /same moment/],
    ['57014', 'a statement timeout', /too long/],
  ])('%s (%s) answers 503 with Retry-After, asking to try again', async (state, _what, detail) => {
    expect((caught.get(state) as { code?: string }).code).toBe(state);
    const res = await app.inject({ method: 'GET', url: `/fails/${state}` });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      detail: expect.stringMatching(detail),
    });
    expect(res.json().detail).toMatch(/Try again/);
  });

  it('any other database error is still a 500 that says nothing of it', async () => {
    const res = await app.inject({ method: 'GET', url: '/fails/42P01' });
    expect([res.statusCode, res.json().code]).toEqual([500, 'INTERNAL']);
    expect(res.body).not.toContain('secret_table');
  });
});
