// A patient in care is not erased: checked in, with the doctor, in an open consultation or admitted,
// the admin's complete is refused with PATIENT_IN_CARE and nothing changes (the request waits, the
// name and the account stay). Beds reserved for the patient are let go by an erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/harness';
import { wardWithBeds } from '../wards/wards.test-helpers';
import { privacyKit, type PortalPatient, type Staff } from './erasure.test-helpers';

let t: TestApp;
let admin: Staff;
let doctor: Staff;
let profileId: string;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await staff('hospital_admin');
  doctor = await staff('doctor', admin.hospital);
  profileId = (
    await rows<{ id: string }>('select id from doctor_profiles where user_id = $1', [doctor.userId])
  )[0]!.id;
});
afterAll(async () => t?.close());
const { call, count, rows, staff, patient, requestErasure } = privacyKit(() => t);

const complete = (id: string) => call('POST', `/api/erasure-requests/${id}/complete`, admin.headers, {});

/** An appointment of the patient with the doctor, `hours` from now, in `status`. */
async function appointment(p: PortalPatient, status: string, hours: number) {
  await t.database.query(
    `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, status,
                               booked_by, idempotency_key, request_hash)
     values (gen_random_uuid(), $1, $2, $3, now() + make_interval(hours => $5), now() + make_interval(hours => $5, mins => 15),
             $4, $6, gen_random_uuid()::text, 'h')`,
    [admin.hospital.id, profileId, p.id, status, hours, p.userId],
  );
}

/** The refusal changed nothing: the request waits, the record keeps its name, the account works. */
async function expectRefusedInCare(p: PortalPatient, requestId: string) {
  const res = await complete(requestId);
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json().code).toBe('PATIENT_IN_CARE');
  expect((await call('GET', `/api/erasure-requests/${requestId}`, p.headers)).json()).toMatchObject({
    status: 'pending',
    erased: null,
  });
  const [row] = await rows<{ given_name: string; user_id: string | null }>(
    'select given_name, user_id from patients where id = $1',
    [p.id],
  );
  expect(row).toEqual({ given_name: 'Test', user_id: p.userId });
  expect(await count(`audit_events where action = 'erasure.completed' and entity_id = $1`, [requestId])).toBe(
    0,
  );
}

describe('a patient in care', () => {
  it('in an open consultation: refused until the doctor closes it', async () => {
    const p = await patient(admin.hospital);
    const opened = await call('POST', '/api/consultations', doctor.headers, { patientId: p.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const made = await requestErasure(p);
    await expectRefusedInCare(p, made.id);

    const closed = await call('POST', `/api/consultations/${opened.json().id}/close`, doctor.headers, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await complete(made.id)).statusCode).toBe(200);
  });

  it('checked in, or with the doctor: refused, and the booking is not cancelled', async () => {
    for (const [i, status] of ['checked_in', 'in_consultation'].entries()) {
      const p = await patient(admin.hospital);
      await appointment(p, status, i);
      await appointment(p, 'booked', 48 + i);
      const made = await requestErasure(p);
      await expectRefusedInCare(p, made.id);
      expect(await count(`appointments where patient_id = $1 and status = 'booked'`, [p.id])).toBe(1);
    }
  });

  it('admitted: refused until discharged', async () => {
    const p = await patient(admin.hospital);
    const { rows: stays } = await t.database.query<{ id: string }>(
      `insert into admissions (id, hospital_id, patient_id, source) values (gen_random_uuid(), $1, $2, 'front_desk')
       returning id`,
      [admin.hospital.id, p.id],
    );
    const made = await requestErasure(p);
    await expectRefusedInCare(p, made.id);

    await t.database.query(
      `update admissions set status = 'discharged', discharged_at = now() where id = $1`,
      [stays[0]!.id],
    );
    expect((await complete(made.id)).statusCode).toBe(200);
    expect(await count(`admissions where patient_id = $1`, [p.id])).toBe(1);
  });
});

describe('what an erasure ends', () => {
  it('lets a reserved bed go and cancels coming bookings; past ones stay', async () => {
    const p = await patient(admin.hospital);
    const { beds } = await wardWithBeds(t, {
      ...admin,
      admin: admin.headers,
      nurse: admin.headers,
      reception: admin.headers,
    });
    const reserved = await call('POST', '/api/wards/reservations', admin.headers, {
      bedId: beds[0]!.id,
      patientId: p.id,
      until: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      reason: 'Knee replacement on Tuesday',
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    expect(
      (await rows<{ state: string }>('select state from beds where id = $1', [beds[0]!.id]))[0]!.state,
    ).toBe('reserved');
    await appointment(p, 'booked', 72);
    await appointment(p, 'completed', -72);

    const made = await requestErasure(p);
    const res = await complete(made.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().erased).toMatchObject({ bedReservations: 1, appointmentsCancelled: 1 });
    const [reservation] = await rows<{ status: string; end_reason: string }>(
      'select status, end_reason from bed_reservations where id = $1',
      [reserved.json().id],
    );
    expect(reservation!.status).toBe('cancelled');
    expect(
      (await rows<{ state: string }>('select state from beds where id = $1', [beds[0]!.id]))[0]!.state,
    ).toBe('available');
    const statuses = await rows<{ status: string }>(
      'select status from appointments where patient_id = $1 order by starts_at',
      [p.id],
    );
    expect(statuses.map((a) => a.status)).toEqual(['completed', 'cancelled']);
  });
});
