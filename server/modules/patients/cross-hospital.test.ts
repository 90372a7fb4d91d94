// A hospital registers a person another hospital already knows only from what its front desk can
// see and ask (name, e-mail, date of birth, phone), never from a bare id: an id copied or guessed
// must not pull a record into a hospital, nor tell a real id from a random one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Patient, RegistrationResult } from '../../../contracts/patients';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditRows, desk, randomPhone, register, uniq } from './patients.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const post = (url: string, headers: Record<string, string | undefined>, payload?: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** A person registered at hospital A only, with the details a front desk would ask for. */
async function knownAtA() {
  const a = await desk(t);
  const details = {
    givenName: 'Meera',
    familyName: `Krishnan ${uniq()}`,
    dateOfBirth: '1987-03-14',
    phone: randomPhone(),
  };
  const p = await register(t, a, { ...details, allergies: [{ substance: 'Penicillin' }] });
  return { a, p, details };
}

describe('pulling a patient into another hospital by id', () => {
  it('is impossible, and a real id answers exactly as a random one', async () => {
    const { p } = await knownAtA();
    const b = await desk(t);
    const real = await post(`/api/patients/${p.id}/register`, b.headers);
    const random = await post('/api/patients/01900000-0000-7000-8000-000000000000/register', b.headers);
    expect(real.statusCode).toBe(404);
    expect(random.statusCode).toBe(404);
    const strip = (r: typeof real) => {
      const { requestId: _r, instance: _i, detail: _d, ...rest } = r.json() as Record<string, unknown>;
      return rest;
    };
    expect(strip(real)).toEqual(strip(random));
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: b.headers })).statusCode,
    ).toBe(404);
  });
});

describe('POST /api/patients/register-existing', () => {
  it('registers a person known elsewhere from name, date of birth and phone, and audits it', async () => {
    const { a, p, details } = await knownAtA();
    const b = await desk(t);
    const res = await post('/api/patients/register-existing', b.headers, details);
    expect(res.statusCode).toBe(201);
    const reg = RegistrationResult.parse(res.json());
    expect(reg).toMatchObject({
      patientId: p.id,
      hospitalId: b.hospital.id,
      mrn: `${b.hospital.code}-000001`,
    });
    const atB = Patient.parse(
      (await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: b.headers })).json(),
    );
    expect(atB.allergies.map((x) => x.substance)).toEqual(['Penicillin']); // safety data travels
    expect(atB.registrations.map((r) => r.hospitalId)).toEqual([b.hospital.id]); // A's MRN does not
    const audited = await auditRows(
      t,
      `action = 'patient.registered' and patient_id = $1 and hospital_id = $2`,
      [p.id, b.hospital.id],
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_role).toBe('receptionist');
    expect((await post('/api/patients/register-existing', b.headers, details)).json().code).toBe(
      'ALREADY_REGISTERED',
    );
    expect(a.hospital.id).not.toBe(b.hospital.id);
  });

  it('finds nobody when a detail is wrong, changes nothing, and audits the refusal', async () => {
    const { p, details } = await knownAtA();
    const b = await desk(t);
    for (const wrong of [
      { ...details, phone: randomPhone() },
      { ...details, dateOfBirth: '1987-03-15' },
      { ...details, givenName: 'Zubair', familyName: 'Ahmed' },
    ]) {
      const res = await post('/api/patients/register-existing', b.headers, wrong);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    const regs = await t.database.query('select 1 from patient_registrations where patient_id = $1', [p.id]);
    expect(regs.rows).toHaveLength(1);
    const refused = await auditRows(
      t,
      `action = 'POST /api/patients/register-existing' and outcome = 'denied' and hospital_id = $1`,
      [b.hospital.id],
    );
    expect(refused).toHaveLength(3);
  });

  it('registers someone who signed up alone, by their e-mail and name', async () => {
    const { user, patient } = await createPatientUser(t.database.db);
    const b = await desk(t);
    const res = await post('/api/patients/register-existing', b.headers, {
      givenName: patient.givenName,
      familyName: patient.familyName,
      email: user.email.toUpperCase(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().patientId).toBe(patient.id);
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/patients/me',
      headers: await sessionHeaders(t.database.db, user),
    });
    expect(own.json().registrations.map((r: { hospitalId: string }) => r.hospitalId)).toEqual([
      b.hospital.id,
    ]);
  });

  it('refuses a hospital or patient named in the body, and too few details', async () => {
    const { p, details } = await knownAtA();
    const b = await desk(t);
    for (const payload of [
      { ...details, hospitalId: b.hospital.id },
      { ...details, patientId: p.id },
      { givenName: details.givenName, familyName: details.familyName, phone: details.phone },
    ]) {
      const res = await post('/api/patients/register-existing', b.headers, payload);
      expect(res.statusCode).toBe(400);
    }
  });
});

describe('registering a new patient who is already known elsewhere', () => {
  it('answers KNOWN_ELSEWHERE without disclosing them, unless told they are someone else', async () => {
    const { details } = await knownAtA();
    const c = await desk(t);
    const res = await post('/api/patients', c.headers, details);
    expect(res.statusCode).toBe(409);
    const body = res.json() as Record<string, unknown>;
    expect(body.code).toBe('KNOWN_ELSEWHERE');
    expect(JSON.stringify(body)).not.toMatch(/candidates|mrn|Penicillin/i);
    expect(
      (await post('/api/patients', c.headers, { ...details, confirmNotDuplicate: true })).statusCode,
    ).toBe(201);
  });
});
