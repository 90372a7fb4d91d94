// Completing an erasure: the person's name and contact details leave the record (and search), their
// portal account is closed and every credential of it stops working, their identity proofs and the
// addresses notices went to are gone; clinical and financial rows stay, pointing at the anonymous
// record. Someone who is also staff keeps their account; someone registered nowhere is erased at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Patient } from '../../../contracts/patients';
import { ErasureRequest } from '../../../contracts/privacy';
import { until } from '../../platform/jobs/jobs.testing';
import { createPatient, sessionHeaders, TEST_PASSWORD } from '../../test/factories';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import { documentsKit, form, PDF } from '../documents/documents.test-support';
import { privacyKit, uniq, type PortalPatient, type Staff } from './erasure.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, count, rows, staff, patient, requestErasure, audit } = privacyKit(() => t);
const docs = documentsKit(() => t);

/** A patient with every detail filled in, an allergy, and a password account (for a bearer token). */
async function detailedPatient(admin: Staff) {
  const p = await patient(admin.hospital);
  const word = `zq${uniq()}`;
  const phone = `+9198${String(Date.now()).slice(-8)}`;
  await t.database.query(
    `update patients set given_name = 'Meera', family_name = $2, date_of_birth = '1984-02-29', phone = $3,
            email = $4, address_line = '4 Lake View', city = 'Pune', postal_code = '411001', country = 'IN',
            emergency_contact_name = 'Ravi', emergency_contact_phone = '+919800000001',
            emergency_contact_relation = 'brother', insurance_provider = 'Star', blood_group = 'O+',
            sex = 'female' where id = $1`,
    [p.id, word, phone, `meera.${word}@example.org`],
  );
  await t.database.query(
    `insert into patient_allergies (id, patient_id, substance, severity) values (gen_random_uuid(), $1, 'Penicillin', 'severe')`,
    [p.id],
  );
  // An MRN as hospitals write them, which search reads as one.
  const mrn = `ER-${String(Date.now()).slice(-9)}`;
  await t.database.query('update patient_registrations set mrn = $2 where patient_id = $1', [p.id, mrn]);
  return { ...p, word, phone, mrn };
}

/** A closed walk-in consultation, a draft invoice, a future booking and an online order with an address. */
async function historyOf(p: PortalPatient, hospital: Staff['hospital']) {
  const doctor = await staff('doctor', hospital);
  const opened = await call('POST', '/api/consultations', doctor.headers, { patientId: p.id });
  expect(opened.statusCode, opened.body).toBe(201);
  const closed = await call('POST', `/api/consultations/${opened.json().id}/close`, doctor.headers, {});
  expect(closed.statusCode, closed.body).toBe(200);
  const [profile] = await rows<{ id: string }>('select id from doctor_profiles where user_id = $1', [
    doctor.userId,
  ]);
  const inserts: [string, unknown[]][] = [
    [
      `insert into invoices (id, hospital_id, status, source, patient_id, currency)
       values (gen_random_uuid(), $1, 'draft', 'manual', $2, 'INR')`,
      [hospital.id, p.id],
    ],
    [
      `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, booked_by,
                                 idempotency_key, request_hash)
       values (gen_random_uuid(), $1, $3, $2, now() + interval '3 days', now() + interval '3 days 15 minutes', $4, 'k1', 'h')`,
      [hospital.id, p.id, profile!.id, p.userId],
    ],
    [
      `insert into pharmacy_orders (id, hospital_id, number, patient_id, status, fulfilment, delivery_address,
                                    needs_prescription, idempotency_key, request_hash, currency, net_minor, tax_minor, total_minor)
       values (gen_random_uuid(), $1, 'ORD-000001', $2, 'completed', 'delivery', '4 Lake View, Pune', false, 'k1', 'h', 'INR', 0, 0, 0)`,
      [hospital.id, p.id],
    ],
  ];
  for (const [text, params] of inserts) await t.database.query(text, params);
}

let admin: Staff;

describe('completing an erasure', () => {
  it('anonymises the record and closes the account; clinical and financial rows stay', async () => {
    admin = await staff('hospital_admin');
    const p = await detailedPatient(admin);
    await historyOf(p, admin.hospital);
    const bearer = await bearerHeaders(t, p.email, TEST_PASSWORD);
    expect((await call('GET', '/api/auth/me', bearer)).statusCode).toBe(200);
    const idProof = await docs.upload(
      p.headers,
      p.id,
      form({ kind: 'id' }, [{ filename: 'passport.pdf', content: PDF }]),
    );
    const letter = await docs.upload(
      p.headers,
      p.id,
      form({ kind: 'other' }, [{ filename: 'letter.pdf', content: PDF }]),
    );
    expect([idProof.statusCode, letter.statusCode]).toEqual([201, 201]);
    const [idKey] = await rows<{ storage_key: string }>('select storage_key from documents where id = $1', [
      idProof.json().id,
    ]);
    // A refused request first: the patient is told by e-mail and in the app.
    const first = await requestErasure(p);
    await call('POST', `/api/erasure-requests/${first.id}/refuse`, admin.headers, {
      note: 'Not yet, sorry.',
    });
    await t.smtp.waitFor(p.email);
    await until(async () => (await count('notifications where user_id = $1', [p.userId])) > 0, 'the notice');

    const made = await requestErasure(p);
    const res = await call('POST', `/api/erasure-requests/${made.id}/complete`, admin.headers, {
      note: 'Done',
    });
    expect(res.statusCode, res.body).toBe(200);
    const done = ErasureRequest.parse(res.json());
    expect(done).toMatchObject({
      status: 'completed',
      decisionNote: 'Done',
      patient: { id: p.id, name: 'Erased patient', mrn: p.mrn },
    });
    expect(done.erased).toMatchObject({
      patients: 1,
      accountsClosed: 1,
      identityDocuments: 1,
      appointmentsCancelled: 1,
      orderAddresses: 1,
      notices: 1,
      preferences: 0,
      bedReservations: 0,
    });
    expect(done.erased!.sessions).toBeGreaterThanOrEqual(1);
    expect(done.erased!.apiTokens).toBeGreaterThanOrEqual(1);
    expect(done.erased!.deliveries).toBeGreaterThanOrEqual(2);
    const [stored] = await rows<{ erased: unknown }>('select erased from erasure_requests where id = $1', [
      made.id,
    ]);
    expect(stored!.erased).toEqual(done.erased);

    // The record: nothing that says who they were; what care needs stays.
    const record = Patient.parse((await call('GET', `/api/patients/${p.id}`, admin.headers)).json());
    expect(record).toMatchObject({
      givenName: 'Erased',
      familyName: 'patient',
      dateOfBirth: null,
      phone: null,
      email: null,
      addressLine: '',
      city: '',
      postalCode: '',
      country: '',
      emergencyContactName: null,
      emergencyContactPhone: null,
      emergencyContactRelation: null,
      insuranceProvider: null,
      insurancePolicyNumber: null,
      bloodGroup: 'O+',
      sex: 'female',
      mrn: p.mrn,
    });
    expect(record.allergies.map((a) => a.substance)).toEqual(['Penicillin']);
    for (const q of [p.word, 'Meera', p.phone.slice(-8)]) {
      const found = await call('GET', `/api/patients?q=${encodeURIComponent(q)}`, admin.headers);
      expect(found.json().items, q).toEqual([]);
    }
    const byMrn = await call('GET', `/api/patients?q=${encodeURIComponent(p.mrn!)}`, admin.headers);
    expect(byMrn.json().items).toEqual([expect.objectContaining({ id: p.id, givenName: 'Erased' })]);
    expect(await count('patient_name_words where word = $1', [p.word])).toBe(0);

    // The account: closed, and every way in ends now.
    expect((await call('GET', '/api/auth/me', p.headers)).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/me', bearer)).statusCode).toBe(401);
    const signIn = await call('POST', '/api/auth/sign-in', {}, { email: p.email, password: TEST_PASSWORD });
    expect(signIn.statusCode).toBe(401);
    const [user] = await rows<{ email: string; full_name: string; status: string }>(
      'select email, full_name, status from users where id = $1',
      [p.userId],
    );
    expect(user).toEqual({
      email: `erased-${p.userId}@erased.invalid`,
      full_name: 'Erased',
      status: 'erased',
    });
    expect(await count('sessions where user_id = $1', [p.userId])).toBe(0);
    expect(await count('refresh_tokens where user_id = $1', [p.userId])).toBe(0);

    // What the law keeps stays, and points at the anonymous record.
    expect(await count('consultations where patient_id = $1', [p.id])).toBe(1);
    expect(await count('invoices where patient_id = $1', [p.id])).toBe(1);
    expect(await count(`appointments where patient_id = $1 and status = 'cancelled'`, [p.id])).toBe(1);
    expect(await count('pharmacy_orders where patient_id = $1 and delivery_address is null', [p.id])).toBe(1);
    expect(await count(`documents where patient_id = $1`, [p.id])).toBe(1);
    const file = path.join(docs.filesRoot(), idKey!.storage_key);
    await until(() => !fs.existsSync(file), 'the identity proof’s file to go');
    expect(await count('notifications where user_id = $1', [p.userId])).toBe(0);
    expect(await count(`notification_deliveries where user_id = $1 and recipient <> ''`, [p.userId])).toBe(0);
    expect(await count(`notification_deliveries where user_id = $1`, [p.userId])).toBeGreaterThanOrEqual(2);
    // Nor does the job queue, which keeps sent notices' payloads (address, text) for days.
    const named = [`%${p.email}%`, '%Meera%'];
    expect(
      (await count(`pgboss.job where data::text ilike any($1::text[])`, [named])) +
        (await count(`pgboss.archive where data::text ilike any($1::text[])`, [named])),
    ).toBe(0);
    expect(
      await count(`pgboss.job where data->>'deliveryId' is not null and name like 'notify.%'`, []),
    ).toBeGreaterThan(0);

    // The audit row says what was erased, never who.
    const [event] = await audit(`action = 'erasure.completed' and entity_id = $1`, [made.id]);
    expect(event).toMatchObject({
      actor_role: 'hospital_admin',
      hospital_id: admin.hospital.id,
      patient_id: p.id,
    });
    expect(event!.after).toEqual({ status: 'completed', erased: done.erased });
    for (const secret of [p.word, 'Meera', p.phone, p.email, 'Lake View']) {
      expect(JSON.stringify(event)).not.toContain(secret);
    }
  });

  it('keeps the account of a patient who is also staff; only the record and its link are erased', async () => {
    const nurse = await staff('nurse', admin.hospital);
    const record = await createPatient(t.database.db, { hospital: admin.hospital, user: nurse.user });
    const asPatient = await sessionHeaders(t.database.db, nurse.user);
    const made = await requestErasure({ headers: asPatient });
    const res = await call('POST', `/api/erasure-requests/${made.id}/complete`, admin.headers, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().erased).toMatchObject({ accountsKept: 1, patients: 1 });
    expect(res.json().erased.accountsClosed).toBeUndefined();

    const me = await call('GET', '/api/auth/me', nurse.headers);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: nurse.user.email }, patientId: null });
    const [row] = await rows<{ user_id: string | null; given_name: string }>(
      'select user_id, given_name from patients where id = $1',
      [record.id],
    );
    expect(row).toEqual({ user_id: null, given_name: 'Erased' });
  });

  it('erases a patient registered nowhere at once, decided by nobody', async () => {
    const p = await patient();
    const made = await requestErasure(p);
    expect(made).toMatchObject({
      status: 'completed',
      decidedByName: null,
      patient: { name: 'Erased patient' },
    });
    expect(made.decidedAt).not.toBeNull();
    expect(made.erased).toMatchObject({ patients: 1, accountsClosed: 1 });
    expect((await call('GET', '/api/auth/me', p.headers)).statusCode).toBe(401);
    const events = await audit(`patient_id = $1 and action like 'erasure.%'`, [p.id]);
    expect(events.map((e) => [e.action, e.actor_role])).toEqual([
      ['erasure.requested', 'patient'],
      ['erasure.completed', 'patient'],
    ]);
    expect(
      await count(
        `notification_deliveries where template = 'privacy.erasure_requested'
                         and created_at > now() - interval '1 minute' and user_id = $1`,
        [p.userId],
      ),
    ).toBe(0);
  });

  it('withdraws a doctor application the person made, so an erased person can never be approved', async () => {
    const p = await patient(admin.hospital);
    await t.database.query(
      `insert into doctor_profiles (id, user_id, hospital_id, specialty, registration_number, qualifications, bio)
       values (gen_random_uuid(), $1, $2, 'Cardiology', 'MCI-77311', 'MBBS', 'Twenty years in Pune')`,
      [p.userId, admin.hospital.id],
    );
    const pending = async () =>
      (await call('GET', '/api/doctors?status=pending', admin.headers)).json().items as { userId: string }[];
    expect((await pending()).some((d) => d.userId === p.userId)).toBe(true);
    const made = await requestErasure(p);
    const res = await call('POST', `/api/erasure-requests/${made.id}/complete`, admin.headers, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().erased).toMatchObject({ doctorApplications: 1, accountsClosed: 1 });
    expect((await pending()).some((d) => d.userId === p.userId)).toBe(false);
    const [profile] = await rows<{ status: string; registration_number: string; bio: string }>(
      'select status, registration_number, bio from doctor_profiles where user_id = $1',
      [p.userId],
    );
    expect(profile).toEqual({ status: 'rejected', registration_number: '', bio: '' });
  });
});
