// Closing a consultation: the prescription written into the pharmacy's queue exactly once, the
// record final but for addenda, and the appointment it came from completed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../../contracts/clinical';
import { createStaff, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { localDateOf } from '../scheduling/local-time';
import { takeToken } from '../scheduling/queue.repo';
import { consultationHelpers } from './consultations.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, count, setup, walkIn, medicines } = consultationHelpers(() => t);

describe('closing', () => {
  it('closes: one pharmacy prescription with the lines, final record, addenda only', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const { para, syrup } = await medicines(s);
    await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      diagnoses: [{ code: 'J06.9', primary: true }],
    });
    const lines = [
      { medicineId: para.id, dose: 1, frequency: 'TDS', durationDays: 5, route: 'oral' },
      {
        medicineId: syrup.id,
        dose: 10,
        doseUnit: 'ml',
        frequency: 'HS',
        durationDays: 7,
        route: 'oral',
        quantity: 2,
      },
    ];
    // A bad line refuses the close and leaves it open.
    const bad = await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
      prescription: { lines: [{ ...lines[1], quantity: undefined }] },
    });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', `/api/consultations/${c.id}`, s.doctor.headers)).json().status).toBe('open');

    const res = await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
      prescription: { lines },
    });
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json() as Consultation;
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.prescription.map((l) => [l.medicineId, l.quantity])).toEqual([
      [para.id, 15],
      [syrup.id, 2],
    ]);
    const { rows } = await t.database.query<{
      id: string;
      source: string;
      prescriber_name: string;
      prescriber_user_id: string;
      status: string;
      notes: string;
    }>('select * from prescriptions where patient_id = $1', [s.patient.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: closed.prescriptionId,
      source: 'consultation',
      prescriber_name: 'Asha Rao',
      prescriber_user_id: s.doctor.userId,
      status: 'open',
      notes: 'Diagnosis: J06.9 Acute upper respiratory infection, unspecified',
    });
    // It is in the pharmacy's queue.
    const queue = await call('GET', `/api/prescriptions?status=open&patientId=${s.patient.id}`, s.ph.headers);
    expect(queue.json().items.map((p: { id: string }) => p.id)).toEqual([closed.prescriptionId]);
    expect(queue.json().items[0].lines[0]).toMatchObject({
      quantityPrescribed: 15,
      directions: '1 tablet three times a day (TDS) for 5 days, oral.',
    });
    expect(await count(`audit_events where entity_id = $1 and action = 'consultation.closed'`, [c.id])).toBe(
      1,
    );

    // Final: no change, no second close, no second prescription.
    const url = `/api/consultations/${c.id}`;
    const patch = await call('PATCH', url, s.doctor.headers, { notes: 'late' });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('INVALID_TRANSITION');
    expect(
      (await call('POST', `${url}/close`, s.doctor.headers, { prescription: { lines } })).statusCode,
    ).toBe(409);
    expect((await call('POST', `${url}/prescription`, s.doctor.headers, { lines })).statusCode).toBe(409);
    expect(await count('prescriptions where patient_id = $1', [s.patient.id])).toBe(1);
    expect((await call('GET', url, s.doctor.headers)).json().notes).toBe('');

    const add = await call('POST', `${url}/addenda`, s.doctor.headers, { text: 'Called: fever gone.' });
    expect(add.statusCode).toBe(201);
    expect(add.json().addenda).toMatchObject([{ text: 'Called: fever gone.', authorName: 'Asha Rao' }]);
    expect((await call('POST', `${url}/addenda`, s.doctor.headers, { text: '   ' })).statusCode).toBe(400);
    expect((await call('POST', `${url}/addenda`, s.nurse, { text: 'x' })).statusCode).toBe(403);

    const open = await walkIn(s);
    expect(
      (await call('POST', `/api/consultations/${open.id}/addenda`, s.doctor.headers, { text: 'x' }))
        .statusCode,
    ).toBe(409);
    // Closing without a prescription writes none.
    expect((await call('POST', `/api/consultations/${open.id}/close`, s.doctor.headers)).statusCode).toBe(
      200,
    );
    expect(await count('prescriptions where patient_id = $1', [s.patient.id])).toBe(1);
  });

  it('from a checked-in appointment: one consultation, and closing completes the appointment', async () => {
    const s = await setup();
    const today = localDateOf(Date.now(), s.hospital.timeZone);
    const start = new Date(Date.now() - 60_000);
    const { rows } = await t.database.query<{ id: string }>(
      `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, booked_by, idempotency_key, request_hash, walk_in)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'x', true) returning id`,
      [
        s.hospital.id,
        s.doctor.profileId,
        s.patient.id,
        start,
        new Date(start.getTime() + 600_000),
        s.doctor.userId,
        `k-${Date.now()}`,
      ],
    );
    const appointmentId = rows[0]!.id;
    const booked = await call('POST', '/api/consultations', s.doctor.headers, { appointmentId });
    expect(booked.statusCode).toBe(409); // not checked in yet
    expect(booked.json().code).toBe('APPOINTMENT_NOT_CHECKED_IN');
    const token = await t.database.db.transaction((tx) =>
      takeToken(tx, s.hospital.id, s.doctor.profileId, today),
    );
    await t.database.query(
      `update appointments set status = 'checked_in', queue_date = $2, token = $3, checked_in_at = now() where id = $1`,
      [appointmentId, today, token],
    );
    // Another doctor's appointment is not theirs to open.
    const other = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'doctor'),
      s.hospital,
    );
    expect([404, 409]).toContain(
      (await call('POST', '/api/consultations', other, { appointmentId })).statusCode,
    );

    const first = await call('POST', '/api/consultations', s.doctor.headers, { appointmentId });
    expect(first.statusCode, first.body).toBe(201);
    const again = await call('POST', '/api/consultations', s.doctor.headers, { appointmentId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await count('consultations where appointment_id = $1', [appointmentId])).toBe(1);
    const status = async () =>
      (
        await t.database.query<{ status: string }>('select status from appointments where id = $1', [
          appointmentId,
        ])
      ).rows[0]!.status;
    expect(await status()).toBe('in_consultation');

    const closed = await call('POST', `/api/consultations/${first.json().id}/close`, s.doctor.headers, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await status()).toBe('completed');
  });
});
