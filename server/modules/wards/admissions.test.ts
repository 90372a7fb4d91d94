// Admissions: admit into a free bed, transfer, discharge, make the bed ready, with the bed board
// following each change; refusals change nothing; another hospital's ids are 404; and the database
// gives the last free bed to exactly one of 20 patients admitted at once through two app instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admission, BedBoard } from '../../../contracts/wards';
import { buildApp, type BuiltApp } from '../../app';
import { openDatabase } from '../../db/client';
import { LIVE_CHANNEL } from '../../platform/live/live';
import { createPatient, createStaff, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { waitForLockWaiters } from '../../test/lock-waits';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
});
afterAll(async () => t?.close());

const board = async () => (await call(t, 'GET', '/api/wards/board', s.nurse)).json<BedBoard>();
const bedOnBoard = (b: BedBoard, id: string) => b.wards.flatMap((w) => w.beds).find((x) => x.id === id);

describe('admissions', () => {
  it('admits, transfers and discharges, and the board follows each step', async () => {
    const { ward, beds } = await wardWithBeds(t, s, 2);
    const [first, second] = [beds[0]!.id, beds[1]!.id];
    const p = await patientAt(t, s);

    const admitted = await admit(t, s.reception, p.id, first);
    expect(admitted.statusCode).toBe(201);
    const a = admitted.json<Admission>();
    expect(a).toMatchObject({
      status: 'active',
      source: 'front_desk',
      patient: { id: p.id, mrn: p.mrn },
      bed: { bedId: first, wardId: ward.id, to: null },
    });
    let b = await board();
    expect(bedOnBoard(b, first)).toMatchObject({
      state: 'occupied',
      patient: { admissionId: a.id, mrn: p.mrn },
    });
    const w = b.wards.find((x) => x.id === ward.id)!;
    expect([w.free, w.freeByType]).toEqual([1, [{ bedType: 'standard', free: 1 }]]);

    const moved = await call(t, 'POST', `/api/wards/admissions/${a.id}/transfer`, s.nurse, { bedId: second });
    expect(moved.statusCode).toBe(200);
    const m = moved.json<Admission>();
    expect(m.bed?.bedId).toBe(second);
    expect(m.stays.map((x) => [x.bedId, x.endedBy])).toEqual([
      [first, 'transfer'],
      [second, null],
    ]);
    b = await board();
    expect(bedOnBoard(b, first)).toMatchObject({ state: 'cleaning', patient: null });
    expect(bedOnBoard(b, second)?.patient?.admissionId).toBe(a.id);

    const out = await call(
      t,
      'POST',
      `/api/wards/admissions/${a.id}/discharge`,
      s.nurse,
      summaryBody({ summary: 'Pneumonia, treated. Review in clinic in two weeks.' }),
    );
    expect(out.json<Admission>()).toMatchObject({
      status: 'discharged',
      bed: null,
      dischargeSummary: 'Pneumonia, treated. Review in clinic in two weeks.',
    });
    expect(bedOnBoard(await board(), second)).toMatchObject({ state: 'cleaning', patient: null });

    const again = await call(t, 'POST', `/api/wards/admissions/${a.id}/discharge`, s.nurse, summaryBody());
    expect([again.statusCode, again.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    const notYet = await admit(t, s.nurse, (await patientAt(t, s)).id, second);
    expect([notYet.statusCode, notYet.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    const ready = await call(t, 'POST', `/api/wards/beds/${second}/ready`, s.nurse, {});
    expect(ready.json()).toMatchObject({ state: 'available' });
    const twice = await call(t, 'POST', `/api/wards/beds/${second}/ready`, s.nurse, {});
    expect(twice.statusCode).toBe(409);
    expect(
      await count(t, `audit_events where entity_id = $1 and action like 'wards.admission.%'`, [a.id]),
    ).toBe(3);

    const read = await call(t, 'GET', `/api/wards/admissions/${a.id}`, s.nurse);
    expect(read.json<Admission>().stays).toHaveLength(2);
    const list = await call(t, 'GET', `/api/wards/admissions?status=all&patientId=${p.id}`, s.nurse);
    expect(list.json().items.map((x: Admission) => x.id)).toEqual([a.id]);
  });

  it('refuses a second admission of a patient, and a bed that is taken, changing nothing', async () => {
    const { beds } = await wardWithBeds(t, s, 3);
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
    const a = (await admit(t, s.nurse, p.id, beds[0]!.id)).json<Admission>();
    await admit(t, s.nurse, q.id, beds[1]!.id);
    const before = [await count(t, 'admissions'), await count(t, 'bed_occupancies')];

    const twice = await admit(t, s.nurse, p.id, beds[2]!.id);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'CONFLICT']);
    const taken = await admit(t, s.nurse, (await patientAt(t, s)).id, beds[0]!.id);
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'BED_OCCUPIED']);
    const onto = await call(t, 'POST', `/api/wards/admissions/${a.id}/transfer`, s.nurse, {
      bedId: beds[1]!.id,
    });
    expect([onto.statusCode, onto.json().code]).toEqual([409, 'BED_OCCUPIED']);

    expect([await count(t, 'admissions'), await count(t, 'bed_occupancies')]).toEqual(before);
    expect(bedOnBoard(await board(), beds[0]!.id)?.patient?.admissionId).toBe(a.id);
    expect(bedOnBoard(await board(), beds[2]!.id)?.state).toBe('available');
  });

  it('refuses beds out of service: inactive, in a closed room or ward, under maintenance', async () => {
    const { ward, roomId, beds } = await wardWithBeds(t, s, 3);
    const p = await patientAt(t, s);
    await call(t, 'PATCH', `/api/wards/beds/${beds[0]!.id}`, s.admin, { active: false });
    await call(t, 'PATCH', `/api/wards/beds/${beds[1]!.id}`, s.admin, { state: 'maintenance' });
    expect((await admit(t, s.nurse, p.id, beds[0]!.id)).json().code).toBe('RULE_VIOLATION');
    expect((await admit(t, s.nurse, p.id, beds[1]!.id)).json().code).toBe('INVALID_TRANSITION');
    await call(t, 'PATCH', `/api/wards/rooms/${roomId}`, s.admin, { active: false });
    expect((await admit(t, s.nurse, p.id, beds[2]!.id)).statusCode).toBe(422);
    await call(t, 'PATCH', `/api/wards/rooms/${roomId}`, s.admin, { active: true });
    await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { active: false });
    expect((await admit(t, s.nurse, p.id, beds[2]!.id)).statusCode).toBe(422);
    expect((await board()).wards.find((w) => w.id === ward.id)).toBeUndefined();
    expect(await count(t, 'admissions where patient_id = $1', [p.id])).toBe(0);
  });

  it('admits from a consultation only with one of the patient’s here, and refuses bad input', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const p = await patientAt(t, s);
    const before = await count(t, 'admissions');
    const bad: object[] = [
      { patientId: p.id, bedId: beds[0]!.id, source: 'consultation' },
      { patientId: p.id, bedId: beds[0]!.id, source: 'front_desk', consultationId: p.id },
      { patientId: p.id, bedId: beds[0]!.id, source: 'walk_in' },
      { patientId: 'nope', bedId: beds[0]!.id, source: 'emergency' },
      { patientId: p.id, bedId: beds[0]!.id, source: 'emergency', reason: 'a\u0000b' },
    ];
    for (const body of bad) {
      const res = await call(t, 'POST', '/api/wards/admissions', s.nurse, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknown = await call(t, 'POST', '/api/wards/admissions', s.nurse, {
      patientId: p.id,
      bedId: beds[0]!.id,
      source: 'consultation',
      consultationId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'NOT_FOUND']);
    const discharge = await call(t, 'POST', `/api/wards/admissions/${p.id}/discharge`, s.nurse, {
      summary: '',
    });
    expect(discharge.statusCode).toBe(400);
    expect(await count(t, 'admissions')).toBe(before);
  });

  it("answers 404 for another hospital's patients, beds and admissions, and 403 without the permission", async () => {
    const other = await site(t);
    const theirs = await wardWithBeds(t, other, 2);
    const mine = await wardWithBeds(t, s, 1);
    const stranger = await createPatient(t.database.db, { hospital: other.hospital });
    const local = await patientAt(t, s);
    const theirAdmission = (await admit(t, other.nurse, stranger.id, theirs.beds[0]!.id)).json<Admission>();

    expect((await admit(t, s.nurse, stranger.id, mine.beds[0]!.id)).statusCode).toBe(404);
    expect((await admit(t, s.nurse, local.id, theirs.beds[1]!.id)).statusCode).toBe(404);
    for (const [method, url, body] of [
      ['GET', `/api/wards/admissions/${theirAdmission.id}`, undefined],
      ['POST', `/api/wards/admissions/${theirAdmission.id}/transfer`, { bedId: mine.beds[0]!.id }],
      ['POST', `/api/wards/admissions/${theirAdmission.id}/discharge`, summaryBody()],
    ] as const) {
      const res = await call(t, method, url, s.nurse, body);
      expect(res.statusCode, url).toBe(404);
    }
    expect(bedOnBoard(await board(), theirs.beds[0]!.id)).toBeUndefined();

    const pharmacist = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'pharmacist'),
      s.hospital,
    );
    const refused = await admit(t, pharmacist, local.id, mine.beds[0]!.id);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(await count(t, 'admissions where patient_id = $1', [local.id])).toBe(0);
  });

  it('announces every bed change on the hospital’s live topic, on commit', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const client = await t.database.connectDedicated('wards test listener');
    const heard: string[] = [];
    client.on('notification', (n) => heard.push(JSON.parse(n.payload ?? '{}').t as string));
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    try {
      await admit(t, s.nurse, (await patientAt(t, s)).id, beds[0]!.id);
      await expect.poll(() => heard.filter((x) => x === `beds:${s.hospital.id}`).length).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('20 admissions into the last free bed through two app instances: one wins, 19 BED_OCCUPIED', async () => {
    const other: BuiltApp = await buildApp({
      config: { ...t.config, JOBS_ENABLED: false },
      database: t.database,
    });
    try {
      const { beds } = await wardWithBeds(t, s, 1);
      const bedId = beds[0]!.id;
      const people = await Promise.all(Array.from({ length: 20 }, () => patientAt(t, s)));
      const replies = await Promise.all(
        people.map((p, i) => admit(t, i % 2 ? s.nurse : s.reception, p.id, bedId, i % 2 ? other.app : t.app)),
      );
      expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(replies.filter((r) => r.statusCode !== 201).map((r) => [r.statusCode, r.json().code])).toEqual(
        Array(19).fill([409, 'BED_OCCUPIED']),
      );
      expect(await count(t, 'bed_occupancies where bed_id = $1', [bedId])).toBe(1);
      const ids = people.map((p) => p.id);
      expect(await count(t, 'admissions where patient_id = any($1::uuid[])', [ids])).toBe(1);
      expect(bedOnBoard(await board(), bedId)?.state).toBe('occupied');
    } finally {
      await other.app.close();
    }
  });

  it('20 admissions queued behind a stay that is then rolled back: one wins, 19 BED_OCCUPIED, no deadlock', async () => {
    // A writer that has put a stay in the bed but not committed (a transfer that will fail, say)
    // makes every admission into the bed wait for it. When it rolls back, the waiting admissions
    // must not wait on each other's uncommitted stays in circles, which PostgreSQL breaks by
    // refusing one as a deadlock a second later (a CI run met those, as 500s, in an 18 s race).
    // Each instance with its own pool of 10, as two processes would have.
    const pool = await openDatabase({ url: t.database.url, poolSize: 10 });
    const other: BuiltApp = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: pool });
    const held = await t.database.connectDedicated('test: a stay in flight');
    try {
      const { beds } = await wardWithBeds(t, s, 1);
      const bedId = beds[0]!.id;
      const people = await Promise.all(Array.from({ length: 21 }, () => patientAt(t, s)));
      await held.query('begin');
      const { rows } = await held.query<{ id: string }>(
        `insert into admissions (id, hospital_id, patient_id, source)
         values (gen_random_uuid(), $1, $2, 'front_desk') returning id`,
        [s.hospital.id, people[0]!.id],
      );
      await held.query(
        `insert into bed_occupancies (id, hospital_id, admission_id, bed_id, daily_rate_minor)
         values (gen_random_uuid(), $1, $2, $3, 0)`,
        [s.hospital.id, rows[0]!.id, bedId],
      );
      const replies = Promise.all(
        people.slice(1).map((p, i) => admit(t, s.nurse, p.id, bedId, i % 2 ? other.app : t.app)),
      );
      await waitForLockWaiters(t.database, 20);
      await held.query('rollback');
      const answers = (await replies).map((r) => [r.statusCode, r.json().code]);
      expect(answers.filter(([status]) => status === 201)).toHaveLength(1);
      expect(answers.filter(([status]) => status !== 201)).toEqual(Array(19).fill([409, 'BED_OCCUPIED']));
      expect(await count(t, 'bed_occupancies where bed_id = $1', [bedId])).toBe(1);
      expect(bedOnBoard(await board(), bedId)?.state).toBe('occupied');
    } finally {
      await held.end();
      await other.app.close();
      await pool.close();
    }
  });

  it('admitting a patient who holds a reservation of another bed while it is being cancelled: both go through', async () => {
    // Cancelling locks the reserved bed and then the reservation; admitting, which consumes the
    // reservation and frees its bed, must take them in the same order, or the two wait for each
    // other and PostgreSQL fails one as a deadlock a second later.
    const { beds } = await wardWithBeds(t, s, 2);
    const [into, reserved] = [beds[0]!.id, beds[1]!.id];
    const p = await patientAt(t, s);
    const made = await call(t, 'POST', '/api/wards/reservations', s.nurse, {
      bedId: reserved,
      patientId: p.id,
      until: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'Step-down bed',
    });
    expect(made.statusCode, made.body).toBe(201);
    const reservationId = made.json<{ id: string }>().id;
    const cancel = await t.database.connectDedicated('test: a cancel in flight');
    try {
      await cancel.query('begin');
      await cancel.query('select id from beds where id = $1 for update', [reserved]);
      const reply = admit(t, s.nurse, p.id, into);
      await waitForLockWaiters(t.database, 1);
      const locked = await cancel
        .query('select id from bed_reservations where id = $1 for update', [reservationId])
        .then(
          () => 'locked',
          (e: Error) => e.message,
        );
      await cancel.query(locked === 'locked' ? 'commit' : 'rollback');
      expect(locked).toBe('locked');
      const answer = await reply;
      expect(answer.statusCode, answer.body).toBe(201);
    } finally {
      await cancel.end();
    }
    expect(await count(t, "bed_reservations where id = $1 and status = 'consumed'", [reservationId])).toBe(1);
    expect(bedOnBoard(await board(), reserved)?.state).toBe('available');
  });
});
