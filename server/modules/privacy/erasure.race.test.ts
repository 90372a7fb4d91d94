// Decisions racing for one erasure request, and requests racing for one patient: the test holds the
// row they all need, lines the requests up behind it, then lets go. Exactly one wins; the others
// are told it is decided (or pending), and the erasure happens once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { privacyKit, type Staff } from './erasure.test-helpers';

let t: TestApp;
let admins: Staff[];
beforeAll(async () => {
  t = await buildTestApp();
  const first = await staff('hospital_admin');
  admins = [first, await staff('hospital_admin', first.hospital)];
});
afterAll(async () => t?.close());
const { call, count, rows, staff, patient, requestErasure } = privacyKit(() => t);

type Reply = Awaited<ReturnType<typeof call>>;

/** Sends the calls while the test holds `lockSql`'s rows, waits until all are queued, lets go. */
async function racing(lockSql: string, params: unknown[], calls: (() => Promise<Reply>)[]): Promise<Reply[]> {
  const held = await t.database.connectDedicated('test: a decision in flight');
  try {
    await held.query('begin');
    await held.query(lockSql, params);
    const replies = Promise.all(calls.map((c) => c()));
    await waitForLockWaiters(t.database, calls.length);
    await held.query('commit');
    return await replies;
  } finally {
    await held.end();
  }
}

const lockRequest = 'select id from erasure_requests where id = $1 for update';
const action =
  (id: string, what: string, headers: object, body: object = {}) =>
  () =>
    call('POST', `/api/erasure-requests/${id}/${what}`, headers, body);

describe('racing decisions', () => {
  it('two admins complete one request at once: one erases, the other is told it is decided', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await patient(admins[0]!.hospital);
      const made = await requestErasure(p);
      const replies = await racing(
        lockRequest,
        [made.id],
        [action(made.id, 'complete', admins[0]!.headers), action(made.id, 'complete', admins[1]!.headers)],
      );
      expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.statusCode === 409)!.json().code).toBe('ALREADY_DECIDED');
      expect(
        await count(`audit_events where action = 'erasure.completed' and entity_id = $1`, [made.id]),
      ).toBe(1);
      const [row] = await rows<{ status: string; erased: Record<string, number> }>(
        'select status, erased from erasure_requests where id = $1',
        [made.id],
      );
      expect(row!.status).toBe('completed');
      expect(row!.erased).toMatchObject({ patients: 1, accountsClosed: 1 });
    }
  });

  it('complete against cancel, and against refuse: exactly one decision stands', async () => {
    for (const other of ['cancel', 'refuse'] as const) {
      const p = await patient(admins[0]!.hospital);
      const made = await requestErasure(p);
      const replies = await racing(
        lockRequest,
        [made.id],
        [
          action(made.id, 'complete', admins[0]!.headers),
          other === 'cancel'
            ? action(made.id, 'cancel', p.headers)
            : action(made.id, 'refuse', admins[1]!.headers, { note: 'Records must be kept.' }),
        ],
      );
      const codes = replies.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(replies.find((r) => r.statusCode !== 200)!.json().code).toBe('ALREADY_DECIDED');
      const winner = codes[0] === 200 ? 'completed' : other === 'cancel' ? 'cancelled' : 'refused';
      const [row] = await rows<{ status: string }>('select status from erasure_requests where id = $1', [
        made.id,
      ]);
      expect(row!.status).toBe(winner);
      // Erased if and only if the complete won.
      const [record] = await rows<{ given_name: string }>('select given_name from patients where id = $1', [
        p.id,
      ]);
      expect(record!.given_name).toBe(winner === 'completed' ? 'Erased' : 'Test');
    }
  });
});

describe('racing requests', () => {
  it('a patient asking twice at once gets one request and ERASURE_PENDING', async () => {
    const p = await patient(admins[0]!.hospital);
    const ask = () => call('POST', '/api/erasure-requests', p.headers, { reason: 'Please' });
    const replies = await racing('select id from patients where id = $1 for update', [p.id], [ask, ask]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.statusCode === 409)!.json().code).toBe('ERASURE_PENDING');
    expect(await count(`erasure_requests where patient_id = $1`, [p.id])).toBe(1);
  });
});
