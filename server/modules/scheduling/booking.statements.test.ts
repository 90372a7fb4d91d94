// Booking is the front desk's busiest write and costs two statements (ADR 18): one reads the doctor,
// their hours and the patient; one writes the appointment with its audit row, its notice and the
// notice's job riding along. These tests fail if a round trip creeps back in, or if the writes
// riding along could outlive a refused booking.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHospital, createPatient, type AuthHeaders } from '../../test/factories';
import { bookingFactsBatch, bookingFactsReads } from './booking-facts.repo';
import { appointmentWritesSent } from './scheduling.repo';
import { buildTestApp, type TestApp } from '../../test/harness';
import { at, clinicWithHours, doctorAt, hours, key, type Clinic } from './scheduling.test-helpers';

let t: TestApp;
/** The statements the app's pool sends while `recording` is on, in order. */
const sent: string[] = [];
let recording = false;
const wrapped = new WeakSet<pg.PoolClient>();

beforeAll(async () => {
  // No job runner: its polls would mix with the request's statements.
  t = await buildTestApp({ JOBS_ENABLED: 'false' });
  t.database.pool.on('acquire', (client: pg.PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      const q = args[0] as string | { text?: string };
      if (recording) sent.push(typeof q === 'string' ? q : (q.text ?? ''));
      return query(...args);
    };
  });
});
afterAll(async () => t?.close());

const book = (c: Clinic, headers: AuthHeaders, startsAt: string, patientId: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/appointments',
    headers: headers as Record<string, string>,
    payload: { idempotencyKey: key(), doctorId: c.doctor.id, startsAt, patientId },
  });

const count = async (text: string, params: unknown[]) =>
  Number(
    (await t.database.query<{ n: number }>(`select count(*)::int as n from ${text}`, params)).rows[0]!.n,
  );

/** The audit sealer works beside requests, on the same pool: not the booking's statements. */
const isSealer = (s: string) => /^\s*select (audit_seal|chain_seq)/.test(s);

describe('a booking by the front desk', () => {
  it('is two statements: the facts read, then one write carrying its audit row, notice and job', async () => {
    const { c, day } = await clinicWithHours(t);
    const patient = await createPatient(t.database.db, {
      hospital: c.hospital,
      values: { phone: '+919812345678' },
    });
    await book(c, c.reception, at(c, day, '09:00'), patient.id); // warms the caches of the caller

    sent.length = 0;
    recording = true;
    const res = await book(c, c.reception, at(c, day, '09:15'), patient.id);
    recording = false;
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;

    const statements = sent.filter((s) => !isSealer(s));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/join doctor_profiles d on d\.id = k\.doctor_id/);
    expect(statements[1]).toMatch(/insert into "audit_events"/);
    expect(statements[1]).toMatch(/insert into "notification_deliveries"/);
    expect(statements[1]).toMatch(/INSERT INTO pgboss\.job/);
    expect(statements[1]).toMatch(/insert into "appointments"/);

    // What rode along is there: the audit row, the SMS delivery and its job.
    expect(
      await count(`audit_events where action = 'appointment.booked' and entity_id = $1 and patient_id = $2`, [
        id,
        patient.id,
      ]),
    ).toBe(1);
    const { rows: deliveries } = await t.database.query<{ id: string; channel: string; status: string }>(
      `select id, channel, status from notification_deliveries where idempotency_key = $1`,
      [`appointment-booked:${id}`],
    );
    expect(deliveries.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['email', 'skipped'],
      ['sms', 'queued'],
    ]);
    const sms = deliveries.find((d) => d.channel === 'sms')!;
    expect(await count(`pgboss.job where name = 'notify.sms' and data->>'deliveryId' = $1`, [sms.id])).toBe(
      1,
    );
  });

  it('writes nothing that rode along when the slot is taken', async () => {
    const { c, day } = await clinicWithHours(t);
    const [first, second] = await Promise.all([
      createPatient(t.database.db, { hospital: c.hospital, values: { phone: '+919812345601' } }),
      createPatient(t.database.db, { hospital: c.hospital, values: { phone: '+919812345602' } }),
    ]);
    expect((await book(c, c.reception, at(c, day, '10:00'), first.id)).statusCode).toBe(201);
    const before = {
      audit: await count(`audit_events where action = 'appointment.booked' and patient_id = $1`, [second.id]),
      deliveries: await count(`notification_deliveries where recipient = $1`, ['+919812345602']),
      jobs: await count(`pgboss.job where name = 'notify.sms' and data->>'to' = $1`, ['+919812345602']),
    };

    const res = await book(c, c.reception, at(c, day, '10:00'), second.id);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('SLOT_TAKEN');

    expect({
      audit: await count(`audit_events where action = 'appointment.booked' and patient_id = $1`, [second.id]),
      deliveries: await count(`notification_deliveries where recipient = $1`, ['+919812345602']),
      jobs: await count(`pgboss.job where name = 'notify.sms' and data->>'to' = $1`, ['+919812345602']),
    }).toEqual(before);
    expect(before).toEqual({ audit: 0, deliveries: 0, jobs: 0 });
  });
});

describe('bookings that arrive together', () => {
  it('read their facts in shared statements, each booking answered with its own doctor, patient and slot', async () => {
    const { c, day } = await clinicWithHours(t);
    const second = await doctorAt(t, c.hospital);
    await hours(t, c, day, { doctor: second });
    // A doctor of another hospital (the desk cannot book them) and one not approved.
    const elsewhere = await doctorAt(t, await createHospital(t.database.db));
    const unapproved = await doctorAt(t, c.hospital);
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [unapproved.id]);
    const patients = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createPatient(t.database.db, {
          hospital: c.hospital,
          values: { phone: `+9198123457${String(i).padStart(2, '0')}` },
        }),
      ),
    );
    // Six bookings of each of two doctors from 09:15, and one each for the two who cannot be booked.
    /** The n-th 15-minute slot from 09:00. */
    const slot = (n: number) => {
      const m = 9 * 60 + 15 * n;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    const wanted = patients.map((p, i) => ({
      doctorId: (i % 2 ? second : c.doctor).id,
      startsAt: at(c, day, slot(1 + Math.floor(i / 2))),
      patientId: p.id,
    }));
    const send = (doctorId: string, startsAt: string, patientId: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/appointments',
        headers: c.reception as Record<string, string>,
        payload: { idempotencyKey: key(), doctorId, startsAt, patientId },
      });
    // Warms the caller's cache.
    const warm = await send(second.id, at(c, day, '09:00'), patients[11]!.id);
    expect(warm.statusCode).toBe(201);
    const before = bookingFactsReads(t.database.db);
    const writesBefore = { ...appointmentWritesSent(t.database.db) };

    sent.length = 0;
    recording = true;
    const [answers, other, pending] = await Promise.all([
      Promise.all(wanted.map((w) => send(w.doctorId, w.startsAt, w.patientId))),
      send(elsewhere.id, at(c, day, '09:00'), patients[0]!.id),
      send(unapproved.id, at(c, day, '09:00'), patients[1]!.id),
    ]);
    recording = false;

    const after = bookingFactsReads(t.database.db);
    expect(after.keys - before.keys).toBe(14);
    expect(after.fetches - before.fetches).toBeLessThanOrEqual(3);
    // The twelve writes went out together, four to a statement at most, none of them run again.
    const writesAfter = appointmentWritesSent(t.database.db);
    expect(writesAfter.writes - writesBefore.writes).toBe(12);
    expect(writesAfter.statements - writesBefore.statements).toBeLessThanOrEqual(6);
    expect(writesAfter.alone - writesBefore.alone).toBe(0);
    // Each statement inserts each table's rows once, however many bookings it carries (ADR 26).
    const inserts = (s: string, table: RegExp) => s.split(table).length - 1;
    const shared = sent.filter((s) => inserts(s, /insert into "appointments"/) > 0);
    expect(shared.length).toBe(writesAfter.statements - writesBefore.statements);
    for (const s of shared) {
      for (const table of [
        /insert into "appointments"/,
        /insert into "audit_events"/,
        /INSERT INTO pgboss\.job/,
      ])
        expect(inserts(s, table), String(table)).toBe(1);
      expect(inserts(s, /insert into "notification_deliveries"/)).toBe(1);
    }
    for (const [i, res] of answers.entries()) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        doctorId: wanted[i]!.doctorId,
        patientId: wanted[i]!.patientId,
        startsAt: wanted[i]!.startsAt,
        status: 'booked',
      });
    }
    expect(other.statusCode).toBe(404);
    expect(pending.statusCode).toBe(422);
    expect(pending.json<{ code: string }>().code).toBe('DOCTOR_NOT_APPROVED');
    const { rows } = await t.database.query<{ doctor: string; patient: string; starts: Date }>(
      `select doctor_profile_id as doctor, patient_id as patient, starts_at as starts
         from appointments where patient_id = any($1::uuid[]) and id <> $2`,
      [patients.map((p) => p.id), warm.json<{ id: string }>().id],
    );
    expect(rows.map((r) => [r.doctor, r.patient, r.starts.toISOString()]).sort()).toEqual(
      wanted.map((w) => [w.doctorId, w.patientId, w.startsAt]).sort(),
    );
    // Every booking has its own audit row, SMS delivery and SMS job.
    const ids = answers.map((a) => a.json<{ id: string }>().id);
    expect(
      await count(`audit_events where action = 'appointment.booked' and entity_id = any($1::text[])`, [ids]),
    ).toBe(12);
    expect(
      await count(
        `notification_deliveries d join pgboss.job j on j.name = 'notify.sms' and j.data->>'deliveryId' = d.id::text
          where d.channel = 'sms' and d.idempotency_key = any($1::text[])`,
        [ids.map((id) => `appointment-booked:${id}`)],
      ),
    ).toBe(12);
  });
});

describe('the shared facts read', () => {
  it('keeps one plan whatever the size of the batch, instead of planning each run anew', async () => {
    // Prepared on one connection, as the pool's statement cache does (ADR 16). PostgreSQL plans a
    // prepared statement five times for its values, then keeps a generic plan unless those cost
    // less. With the keys as arrays to unnest, each batch size looked cheaper planned for itself,
    // and every run was planned again (0.6 ms a batch in the booking bench).
    const { c } = await clinicWithHours(t);
    const patient = await createPatient(t.database.db, { hospital: c.hospital });
    const client = await t.database.pool.connect();
    try {
      for (let size = 1; size <= 12; size++) {
        const keys = Array.from({ length: size }, (_, i) => {
          const day = `2027-01-${String(10 + i).padStart(2, '0')}`;
          return `${c.doctor.id} ${day} ${day} ${patient.id}`;
        });
        const { text, values } = bookingFactsBatch(keys);
        const { rows } = await client.query({ name: 'facts_plan_test', text, values });
        expect(rows).toHaveLength(size);
      }
      const { rows: plans } = await client.query<{ generic: string; custom: string }>(
        `select generic_plans as generic, custom_plans as custom
           from pg_prepared_statements where name = 'facts_plan_test'`,
      );
      expect(Number(plans[0]!.custom)).toBeLessThanOrEqual(5);
      expect(Number(plans[0]!.generic)).toBeGreaterThanOrEqual(7);
    } finally {
      // (A connection left with a statement of its own would be dropped, not reused.)
      client.release(true);
    }
  });
});

describe('bookings written together', () => {
  it('each stand or fall on their own: a taken slot in the batch refuses only its own booking', async () => {
    const { c, day } = await clinicWithHours(t);
    const patients = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        createPatient(t.database.db, {
          hospital: c.hospital,
          values: { phone: `+9198123458${String(i).padStart(2, '0')}` },
        }),
      ),
    );
    expect((await book(c, c.reception, at(c, day, '09:00'), patients[3]!.id)).statusCode).toBe(201);
    const before = { ...appointmentWritesSent(t.database.db) };

    // Two patients for 10:00, the third for 09:00 (taken), the fourth for 11:00, all at once.
    const answers = await Promise.all([
      book(c, c.reception, at(c, day, '10:00'), patients[0]!.id),
      book(c, c.reception, at(c, day, '10:00'), patients[1]!.id),
      book(c, c.reception, at(c, day, '09:00'), patients[2]!.id),
      book(c, c.reception, at(c, day, '11:00'), patients[3]!.id),
    ]);

    const after = appointmentWritesSent(t.database.db);
    expect(after.writes - before.writes).toBe(4);
    // They met in one statement, which the database refused; each then ran alone.
    expect(after.alone - before.alone).toBe(4);
    const codes = answers.map((r) => (r.statusCode === 201 ? 201 : r.json<{ code: string }>().code));
    expect(codes.slice(0, 2).sort()).toEqual([201, 'SLOT_TAKEN']);
    expect(codes.slice(2)).toEqual(['SLOT_TAKEN', 201]);

    const loser = patients[codes[0] === 201 ? 1 : 0]!;
    const { rows } = await t.database.query<{ patient: string; starts: Date }>(
      `select patient_id as patient, starts_at as starts from appointments where patient_id = any($1::uuid[])`,
      [patients.map((p) => p.id)],
    );
    const held = (time: string, p: { id: string }) => [p.id, at(c, day, time)];
    expect(rows.map((r) => [r.patient, r.starts.toISOString()]).sort()).toEqual(
      [
        held('10:00', patients[codes[0] === 201 ? 0 : 1]!),
        held('09:00', patients[3]!),
        held('11:00', patients[3]!),
      ].sort(),
    );
    // The refused bookings left nothing riding along; each booked one has its audit row and SMS job.
    for (const [i, p] of patients.entries()) {
      const booked = p === loser || i === 2 ? 0 : i === 3 ? 2 : 1;
      expect(
        await count(`audit_events where action = 'appointment.booked' and patient_id = $1`, [p.id]),
      ).toBe(booked);
      expect(
        await count(`pgboss.job where name = 'notify.sms' and data->>'to' = $1`, [
          `+9198123458${String(i).padStart(2, '0')}`,
        ]),
      ).toBe(booked);
    }
  });
});
