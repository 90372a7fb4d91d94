// Bed reservations: a bed held for a named patient shows on the board with who and until when,
// admitting them consumes it, anybody else is refused (409 BED_RESERVED) unless overridden with a
// reason (audited); cancelling and expiry free the bed (reads treat a lapsed one as gone before the
// job marks it); refusals change nothing; another hospital's ids are 404, other roles 403; and of
// reservations and admissions racing for one bed the database lets only one through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnReservations, Reservation } from '../../../contracts/bed-reservations';
import type { Admission, BedBoard } from '../../../contracts/wards';
import { buildApp, type BuiltApp } from '../../app';
import { LIVE_CHANNEL } from '../../platform/live/live';
import { createPatientUser, createStaff, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { expireReservations } from './reservations.service';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const later = (ms: number) => new Date(Date.now() + ms).toISOString();
const board = async () => (await call(t, 'GET', '/api/wards/board', s.nurse)).json<BedBoard>();
const onBoard = (b: BedBoard, id: string) => b.wards.flatMap((w) => w.beds).find((x) => x.id === id);

function reserve(headers: AuthHeaders, body: object, app = t.app) {
  return app.inject({
    method: 'POST',
    url: '/api/wards/reservations',
    headers: headers as Record<string, string>,
    payload: body,
  });
}
const held = (bedId: string, patientId: string, extra: object = {}) => ({
  bedId,
  patientId,
  until: later(24 * HOUR),
  reason: 'Knee replacement tomorrow',
  ...extra,
});
const statusOf = async (id: string) =>
  (await t.database.query<{ status: string }>('select status from bed_reservations where id = $1', [id]))
    .rows[0]!.status;
const audits = (action: string, entityId: string) =>
  count(t, 'audit_events where action = $1 and entity_id = $2', [action, entityId]);

describe('bed reservations', () => {
  it('holds the bed for the named patient, who is admitted into it, consuming it', async () => {
    const { ward, beds } = await wardWithBeds(t, s, 2);
    const bedId = beds[0]!.id;
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];

    const made = await reserve(s.reception, held(bedId, p.id));
    expect(made.statusCode, made.body).toBe(201);
    const r = made.json<Reservation>();
    expect(r).toMatchObject({
      status: 'active',
      bedId,
      patient: { id: p.id, mrn: p.mrn },
      admissionId: null,
    });
    const b = await board();
    expect(onBoard(b, bedId)).toMatchObject({
      state: 'reserved',
      patient: null,
      reservation: {
        id: r.id,
        patientId: p.id,
        mrn: p.mrn,
        until: r.until,
        reason: 'Knee replacement tomorrow',
      },
    });
    expect(b.wards.find((w) => w.id === ward.id)?.free).toBe(1);
    expect(await audits('wards.reservation.created', r.id)).toBe(1);

    // Somebody else is refused, and nothing changes.
    const before = [await count(t, 'admissions'), await count(t, 'bed_occupancies')];
    const other = await admit(t, s.nurse, q.id, bedId);
    expect([other.statusCode, other.json().code]).toEqual([409, 'BED_RESERVED']);
    expect([await count(t, 'admissions'), await count(t, 'bed_occupancies')]).toEqual(before);
    expect(await statusOf(r.id)).toBe('active');

    const named = await admit(t, s.nurse, p.id, bedId);
    expect(named.statusCode, named.body).toBe(201);
    const a = named.json<Admission>();
    const rows = await t.database.query('select status, admission_id from bed_reservations where id = $1', [
      r.id,
    ]);
    expect(rows.rows[0]).toEqual({ status: 'consumed', admission_id: a.id });
    expect(onBoard(await board(), bedId)).toMatchObject({ state: 'occupied', reservation: null });
    expect(await audits('wards.reservation.consumed', r.id)).toBe(1);
    const listed = await call(t, 'GET', '/api/wards/reservations', s.nurse);
    expect(listed.json().items.map((x: Reservation) => x.id)).not.toContain(r.id);
  });

  it('lets an override with a reason admit someone else, ending the reservation, audited', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const bedId = beds[0]!.id;
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
    const r = (await reserve(s.reception, held(bedId, p.id))).json<Reservation>();

    const res = await call(t, 'POST', '/api/wards/admissions', s.nurse, {
      patientId: q.id,
      bedId,
      source: 'emergency',
      overrideReservation: 'Cardiac arrest, no other monitored bed',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Admission>();
    const row = await t.database.query('select status, end_reason from bed_reservations where id = $1', [
      r.id,
    ]);
    expect(row.rows[0]).toEqual({
      status: 'cancelled',
      end_reason: 'Cardiac arrest, no other monitored bed',
    });
    const trail = await t.database.query<{ patient_id: string; after: { admissionId: string } }>(
      `select patient_id, after from audit_events where action = 'wards.reservation.overridden' and entity_id = $1`,
      [r.id],
    );
    expect(trail.rows).toEqual([
      { patient_id: p.id, after: expect.objectContaining({ admissionId: a.id, reason: expect.any(String) }) },
    ]);
    const admitted = await t.database.query<{ after: { overrideReservation: string } }>(
      `select after from audit_events where action = 'wards.admission.created' and entity_id = $1`,
      [a.id],
    );
    expect(admitted.rows[0]!.after.overrideReservation).toBe('Cardiac arrest, no other monitored bed');
    // An empty reason is no override.
    const { beds: more } = await wardWithBeds(t, s, 1);
    await reserve(s.reception, held(more[0]!.id, (await patientAt(t, s)).id));
    const empty = await call(t, 'POST', '/api/wards/admissions', s.nurse, {
      patientId: (await patientAt(t, s)).id,
      bedId: more[0]!.id,
      source: 'front_desk',
      overrideReservation: ' ',
    });
    expect(empty.statusCode).toBe(400);
  });

  it('cancels to free the bed; a transfer takes a bed reserved for the patient, not for another', async () => {
    const { beds } = await wardWithBeds(t, s, 3);
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
    const r = (await reserve(s.nurse, held(beds[0]!.id, p.id))).json<Reservation>();
    const locked = await call(t, 'PATCH', `/api/wards/beds/${beds[0]!.id}`, s.admin, {
      state: 'maintenance',
    });
    expect([locked.statusCode, locked.json().code]).toEqual([409, 'INVALID_TRANSITION']);

    const cancelled = await call(t, 'POST', `/api/wards/reservations/${r.id}/cancel`, s.reception, {
      reason: 'Surgery postponed',
    });
    expect(cancelled.json<Reservation>()).toMatchObject({
      status: 'cancelled',
      endReason: 'Surgery postponed',
    });
    expect(onBoard(await board(), beds[0]!.id)).toMatchObject({ state: 'available', reservation: null });
    const twice = await call(t, 'POST', `/api/wards/reservations/${r.id}/cancel`, s.reception, {});
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await audits('wards.reservation.cancelled', r.id)).toBe(1);

    // Q lies in bed 0; bed 1 is reserved for Q (a step-down), bed 2 for P.
    const a = (await admit(t, s.nurse, q.id, beds[0]!.id)).json<Admission>();
    const mine = (await reserve(s.nurse, held(beds[1]!.id, q.id))).json<Reservation>();
    await reserve(s.nurse, held(beds[2]!.id, p.id));
    const url = `/api/wards/admissions/${a.id}/transfer`;
    const wrong = await call(t, 'POST', url, s.nurse, { bedId: beds[2]!.id });
    expect([wrong.statusCode, wrong.json().code]).toEqual([409, 'BED_RESERVED']);
    const moved = await call(t, 'POST', url, s.nurse, { bedId: beds[1]!.id });
    expect(moved.json<Admission>().bed?.bedId).toBe(beds[1]!.id);
    expect(await statusOf(mine.id)).toBe('consumed');
  });

  it('refuses bad input, busy beds and a second reservation of the patient, changing nothing', async () => {
    const { beds } = await wardWithBeds(t, s, 3);
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
    await admit(t, s.nurse, q.id, beds[1]!.id);
    await call(t, 'PATCH', `/api/wards/beds/${beds[2]!.id}`, s.admin, { state: 'maintenance' });
    const before = await count(t, 'bed_reservations');
    const bed = beds[0]!.id;
    const bad: [object, number, string][] = [
      [{ bedId: bed, patientId: p.id }, 400, 'VALIDATION_FAILED'],
      [held(bed, p.id, { until: 'tomorrow' }), 400, 'VALIDATION_FAILED'],
      [held(bed, p.id, { from: later(3 * HOUR), until: later(2 * HOUR) }), 400, 'VALIDATION_FAILED'],
      [held(bed, p.id, { colour: 'blue' }), 400, 'VALIDATION_FAILED'],
      [held(bed, p.id, { reason: 'a\u0000b' }), 400, 'VALIDATION_FAILED'],
      [held('nope', p.id), 400, 'VALIDATION_FAILED'],
      [held(bed, p.id, { from: later(-2 * HOUR) }), 422, 'IN_THE_PAST'],
      [held(bed, p.id, { until: later(-HOUR) }), 422, 'IN_THE_PAST'],
      [held(bed, p.id, { until: later(8 * 24 * HOUR) }), 422, 'RULE_VIOLATION'],
      [held(beds[1]!.id, p.id), 409, 'BED_OCCUPIED'],
      [held(beds[2]!.id, p.id), 409, 'INVALID_TRANSITION'],
      [held(bed, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code] of bad) {
      const res = await reserve(s.reception, body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await count(t, 'bed_reservations')).toBe(before);

    const first = await reserve(s.reception, held(bed, p.id));
    expect(first.statusCode).toBe(201);
    const { beds: others } = await wardWithBeds(t, s, 1);
    const again = await reserve(s.reception, held(others[0]!.id, p.id));
    expect([again.statusCode, again.json().code]).toEqual([409, 'CONFLICT']);
    expect(onBoard(await board(), others[0]!.id)?.state).toBe('available');
    expect(await count(t, 'bed_reservations')).toBe(before + 1);
  });

  it('answers 404 for another hospital and 403 without the permission; a patient sees only their own', async () => {
    const other = await site(t);
    const theirs = await wardWithBeds(t, other, 1);
    const mine = await wardWithBeds(t, s, 2);
    const stranger = await patientAt(t, other);
    const theirReservation = (
      await reserve(other.reception, held(theirs.beds[0]!.id, stranger.id))
    ).json<Reservation>();
    const local = await patientAt(t, s);

    expect((await reserve(s.reception, held(theirs.beds[0]!.id, local.id))).statusCode).toBe(404);
    expect((await reserve(s.reception, held(mine.beds[0]!.id, stranger.id))).statusCode).toBe(404);
    const cancel = await call(
      t,
      'POST',
      `/api/wards/reservations/${theirReservation.id}/cancel`,
      s.nurse,
      {},
    );
    expect(cancel.statusCode).toBe(404);
    const list = await call(t, 'GET', '/api/wards/reservations?status=all', s.nurse);
    expect(list.json().items.map((x: Reservation) => x.id)).not.toContain(theirReservation.id);
    expect(await statusOf(theirReservation.id)).toBe('active');

    const pharmacist = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'pharmacist'),
      s.hospital,
    );
    const refused = await reserve(pharmacist, held(mine.beds[0]!.id, local.id));
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);

    const { user, patient } = await createPatientUser(t.database.db, { hospital: s.hospital });
    const own = await sessionHeaders(t.database.db, user);
    const r = (await reserve(s.reception, held(mine.beds[1]!.id, patient.id))).json<Reservation>();
    for (const url of ['/api/wards/board', '/api/wards/reservations']) {
      expect((await call(t, 'GET', url, own)).statusCode, url).toBe(403);
    }
    expect((await reserve(own, held(mine.beds[0]!.id, patient.id))).statusCode).toBe(403);
    const theirOwn = (await call(t, 'GET', '/api/me/bed-reservations', own)).json<OwnReservations>();
    expect(theirOwn.items).toEqual([
      expect.objectContaining({
        id: r.id,
        bedLabel: 'B-2',
        reason: 'Knee replacement tomorrow',
        timeZone: s.hospital.timeZone,
      }),
    ]);
    expect((await call(t, 'GET', '/api/me/bed-reservations', s.nurse)).statusCode).toBe(403);
  });

  it('treats a lapsed reservation as gone at once; the job marks it expired, audited, once', async () => {
    const { beds } = await wardWithBeds(t, s, 2);
    const bedId = beds[0]!.id;
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
    const r = (await reserve(s.reception, held(bedId, p.id))).json<Reservation>();
    await t.database.query(
      `update bed_reservations set starts_at = now() - interval '2 hours', expires_at = now() - interval '1 minute'
        where id = $1`,
      [r.id],
    );
    expect(onBoard(await board(), bedId)).toMatchObject({ state: 'available', reservation: null });
    const all = (await call(t, 'GET', `/api/wards/reservations?status=all&bedId=${bedId}`, s.nurse)).json();
    expect(all.items).toEqual([expect.objectContaining({ id: r.id, status: 'expired' })]);
    expect(await statusOf(r.id)).toBe('active'); // not marked yet

    const marked = await Promise.all([expireReservations(t.database.db), expireReservations(t.database.db)]);
    expect(marked[0]! + marked[1]!).toBeGreaterThanOrEqual(1);
    expect(await statusOf(r.id)).toBe('expired');
    expect(await count(t, `beds where id = $1 and state = 'available'`, [bedId])).toBe(1);
    const trail = await t.database.query(
      `select actor_user_id from audit_events where action = 'wards.reservation.expired' and entity_id = $1`,
      [r.id],
    );
    expect(trail.rows).toEqual([{ actor_user_id: null }]);
    expect((await admit(t, s.nurse, q.id, bedId)).statusCode).toBe(201);

    // A lapsed one, not yet marked, does not stop a new reservation for the same patient.
    const stale = (await reserve(s.reception, held(beds[1]!.id, p.id))).json<Reservation>();
    await t.database.query(
      `update bed_reservations set starts_at = now() - interval '2 hours', expires_at = now() - interval '1 minute'
        where id = $1`,
      [stale.id],
    );
    expect((await reserve(s.reception, held(beds[1]!.id, p.id))).statusCode).toBe(201);
    expect(await statusOf(stale.id)).toBe('expired');
  });

  it('announces each reservation change on the hospital’s live topic', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const client = await t.database.connectDedicated('reservations test listener');
    const heard: string[] = [];
    client.on('notification', (n) => heard.push(JSON.parse(n.payload ?? '{}').t as string));
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    try {
      const r = (
        await reserve(s.reception, held(beds[0]!.id, (await patientAt(t, s)).id))
      ).json<Reservation>();
      await call(t, 'POST', `/api/wards/reservations/${r.id}/cancel`, s.reception, {});
      await expect.poll(() => heard.filter((x) => x === `beds:${s.hospital.id}`).length).toBe(2);
    } finally {
      await client.end();
    }
  });
});

describe('reservations under concurrency', () => {
  let other: BuiltApp;
  beforeAll(async () => {
    other = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
  });
  afterAll(async () => other?.app.close());

  it('of 10 overlapping reservations of one bed through two instances, one succeeds', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const people = await Promise.all(Array.from({ length: 10 }, () => patientAt(t, s)));
    const replies = await Promise.all(
      people.map((p, i) =>
        reserve(i % 2 ? s.nurse : s.reception, held(beds[0]!.id, p.id), i % 2 ? other.app : t.app),
      ),
    );
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.statusCode !== 201).map((r) => [r.statusCode, r.json().code])).toEqual(
      Array(9).fill([409, 'BED_RESERVED']),
    );
    expect(await count(t, `bed_reservations where bed_id = $1 and status = 'active'`, [beds[0]!.id])).toBe(1);
  });

  it('a reservation and an admission racing for one bed: exactly one gets it', async () => {
    const { beds } = await wardWithBeds(t, s, 6);
    for (const bed of beds) {
      const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
      const [r, a] = await Promise.all([
        reserve(s.reception, held(bed.id, p.id)),
        admit(t, s.nurse, q.id, bed.id, other.app),
      ]);
      const outcome = [r.statusCode, a.statusCode === 201 ? 201 : a.json().code];
      // Either the reservation came first (the admission is refused) or the admission did.
      expect([
        [201, 'BED_RESERVED'],
        [409, 201],
      ]).toContainEqual(outcome);
      if (r.statusCode === 409) expect(r.json().code).toBe('BED_OCCUPIED');
    }
  });

  it('the database itself refuses two overlapping active reservations of one bed', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const [p, q] = [await patientAt(t, s), await patientAt(t, s)];
    const insert = (patientId: string, from: string, to: string) =>
      t.database.query(
        `insert into bed_reservations (id, hospital_id, bed_id, patient_id, starts_at, expires_at)
         values (gen_random_uuid(), $1, $2, $3, now() + $4::interval, now() + $5::interval)`,
        [s.hospital.id, beds[0]!.id, patientId, from, to],
      );
    await insert(p.id, '1 hour', '5 hours');
    await expect(insert(q.id, '4 hours', '6 hours')).rejects.toMatchObject({
      constraint: 'bed_reservations_bed_no_overlap',
    });
    await insert(q.id, '5 hours', '6 hours'); // touching, not overlapping
  });
});
