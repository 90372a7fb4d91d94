import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Patient } from '../../../contracts/patients';
import { createHospital, createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditRows, desk, randomPhone, register, registerExisting, uniq } from './patients.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const mrnNumber = (mrn: string) => Number(mrn.split('-').pop());

describe('POST /api/patients', () => {
  it('registers a patient with demographics, allergies and conditions, and the next MRN of the hospital', async () => {
    const d = await desk(t);
    const phone = randomPhone();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: d.headers,
      payload: {
        givenName: 'Priya',
        familyName: 'Sharma',
        dateOfBirth: '1988-04-12',
        sex: 'female',
        phone: phone.replace(/(\d{4})$/, ' $1'),
        email: 'Priya.Sharma@Example.org',
        addressLine: '12 MG Road',
        city: 'Bengaluru',
        postalCode: '560001',
        country: 'India',
        bloodGroup: 'B+',
        emergencyContactName: 'Raj Sharma',
        emergencyContactPhone: '+91 98765 43210',
        emergencyContactRelation: 'Husband',
        insuranceProvider: 'Star Health',
        insurancePolicyNumber: 'SH-1',
        allergies: [{ substance: 'Penicillin', reaction: 'Rash', severity: 'severe' }],
        conditions: [{ name: 'Type 2 diabetes', icd10Code: 'e11.9', onsetDate: '2015-01-01' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const body = Patient.parse(res.json());
    expect(body).toMatchObject({
      givenName: 'Priya',
      familyName: 'Sharma',
      phone,
      email: 'priya.sharma@example.org',
      bloodGroup: 'B+',
      emergencyContactPhone: '+919876543210',
      mrn: `${d.hospital.code}-000001`,
    });
    expect(body.registrations).toEqual([
      expect.objectContaining({ hospitalId: d.hospital.id, mrn: body.mrn }),
    ]);
    expect(body.allergies).toEqual([
      expect.objectContaining({ substance: 'Penicillin', severity: 'severe', status: 'active' }),
    ]);
    expect(body.conditions).toEqual([
      expect.objectContaining({ name: 'Type 2 diabetes', icd10Code: 'E11.9', status: 'active' }),
    ]);

    const events = await auditRows(t, 'patient_id = $1', [body.id]);
    expect(events.map((e) => e.action)).toEqual([
      'patient.created',
      'patient.registered',
      'patient.allergy_recorded',
      'patient.condition_recorded',
    ]);
    expect(events.every((e) => e.hospital_id === d.hospital.id && e.actor_role === 'receptionist')).toBe(
      true,
    );
  });

  it('numbers MRNs per hospital: two hospitals keep independent sequences', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const a1 = await register(t, a);
    const b1 = await register(t, b);
    const a2 = await register(t, a);
    expect(a1.mrn).toBe(`${a.hospital.code}-000001`);
    expect(a2.mrn).toBe(`${a.hospital.code}-000002`);
    expect(b1.mrn).toBe(`${b.hospital.code}-000001`);
  });

  it('gives 20 concurrent registrations at one hospital 20 distinct, gap-free MRNs', async () => {
    const d = await desk(t);
    const results = await Promise.all(Array.from({ length: 20 }, () => register(t, d)));
    const numbers = results.map((r) => mrnNumber(r.mrn)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('warns about a likely duplicate (same phone, or similar name with the same birth date) and registers on confirmation', async () => {
    const d = await desk(t);
    const phone = randomPhone();
    const first = await register(t, d, {
      givenName: 'Anita',
      familyName: 'Desai',
      dateOfBirth: '1990-02-03',
      phone,
    });

    const samePhone = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: d.headers,
      payload: { givenName: 'Someone', familyName: 'Else', phone },
    });
    expect(samePhone.statusCode).toBe(409);
    expect(samePhone.json().code).toBe('POSSIBLE_DUPLICATE');
    expect(samePhone.json().candidates).toEqual([
      {
        id: first.id,
        name: 'Anita Desai',
        mrn: first.mrn,
        dateOfBirth: '1990-02-03',
        phone: expect.stringMatching(/^\+91\*+\d{4}$/),
      },
    ]);
    expect(samePhone.json().candidates[0].phone).not.toBe(phone);

    const similar = { givenName: 'Anitha', familyName: 'Desai', dateOfBirth: '1990-02-03' };
    const nameDob = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: d.headers,
      payload: similar,
    });
    expect(nameDob.statusCode).toBe(409);
    expect(nameDob.json().candidates.map((c: { id: string }) => c.id)).toEqual([first.id]);

    // The same name with another birth date is a different person.
    const otherDob = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: d.headers,
      payload: { ...similar, dateOfBirth: '1991-02-03' },
    });
    expect(otherDob.statusCode).toBe(201);

    const before = await t.database.query('select count(*)::int as n from patients');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: d.headers,
      payload: { ...similar, confirmNotDuplicate: true },
    });
    expect(confirmed.statusCode).toBe(201);
    const after = await t.database.query('select count(*)::int as n from patients');
    expect(Number((after.rows[0] as { n: number }).n)).toBe(Number((before.rows[0] as { n: number }).n) + 1);
  });

  it('does not count patients registered only at another hospital as duplicates', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const phone = randomPhone();
    await register(t, a, { phone });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: b.headers,
      payload: { givenName: 'X', phone },
    });
    expect(res.statusCode).toBe(201);
  });

  it('a refused duplicate writes nothing and uses no MRN', async () => {
    const d = await desk(t);
    const phone = randomPhone();
    const first = await register(t, d, { phone });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: d.headers,
      payload: { givenName: 'Y', phone },
    });
    expect(refused.statusCode).toBe(409);
    const next = await register(t, d);
    expect(mrnNumber(next.mrn)).toBe(mrnNumber(first.mrn) + 1);
  });

  it('refuses roles without patients:create', async () => {
    for (const role of ['nurse', 'doctor', 'pharmacist'] as const) {
      const d = await desk(t, role);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/patients',
        headers: d.headers,
        payload: { givenName: 'Z' },
      });
      expect(res.statusCode, role).toBe(403);
    }
    const { user } = await createPatientUser(t.database.db);
    const h = await sessionHeaders(t.database.db, user);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: h,
      payload: { givenName: 'Z' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/patients/register-existing', () => {
  /** What the desk asks a patient who signed up alone: their name and e-mail. */
  const asked = (user: { email: string }, patient: { givenName: string; familyName: string }) => ({
    givenName: patient.givenName,
    familyName: patient.familyName,
    email: user.email,
  });

  it('registers a self-signed-up patient at the hospital, then answers 409 for a second time', async () => {
    const d = await desk(t);
    const { user, patient } = await createPatientUser(t.database.db);
    const first = await registerExisting(t, d, asked(user, patient));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      patientId: patient.id,
      hospitalId: d.hospital.id,
      mrn: `${d.hospital.code}-000001`,
    });
    const again = await registerExisting(t, d, asked(user, patient));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_REGISTERED');
    // The refused attempt did not use up a number.
    expect(mrnNumber((await register(t, d)).mrn)).toBe(2);

    const read = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patient.id}`,
      headers: d.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().mrn).toBe(`${d.hospital.code}-000001`);
  });

  it('answers 404 for a person nobody knows', async () => {
    const d = await desk(t);
    const res = await registerExisting(t, d, {
      givenName: 'Nobody',
      familyName: uniq(),
      email: `${uniq()}@example.org`,
    });
    expect(res.statusCode).toBe(404);
  });

  it('concurrent registrations of one patient at one hospital: exactly one wins', async () => {
    const d = await desk(t);
    const { user, patient } = await createPatientUser(t.database.db);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => registerExisting(t, d, asked(user, patient))),
    );
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const next = await register(t, d);
    expect(mrnNumber(next.mrn)).toBe(2);
  });

  it('uses the hospital code as MRN prefix', async () => {
    const hospital = await createHospital(t.database.db, { code: `CG${uniq().toUpperCase()}` });
    const d = await desk(t, 'hospital_admin', hospital);
    expect((await register(t, d)).mrn).toBe(`${hospital.code}-000001`);
  });
});
