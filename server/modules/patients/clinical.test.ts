import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Allergy, Condition, Patient } from '../../../contracts/patients';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditRows, desk, register, type Desk } from './patients.test-helpers';

let t: TestApp;
let front: Desk;
let doctor: Desk;
beforeAll(async () => {
  t = await buildTestApp();
  front = await desk(t);
  doctor = await desk(t, 'doctor', front.hospital);
});
afterAll(async () => t?.close());

const send = (
  method: 'POST' | 'PATCH',
  url: string,
  d: Desk | { headers: Record<string, string | undefined> },
  payload: object,
) => t.app.inject({ method, url, headers: d.headers, payload });

describe('allergies', () => {
  it('a doctor records an allergy and changes its status; nothing is deleted and each step is audited', async () => {
    const p = await register(t, front);
    const added = await send('POST', `/api/patients/${p.id}/allergies`, doctor, {
      substance: 'Aspirin',
      reaction: 'Hives',
    });
    expect(added.statusCode).toBe(201);
    const allergy = Allergy.parse(added.json());
    expect(allergy).toMatchObject({
      substance: 'Aspirin',
      reaction: 'Hives',
      severity: 'unknown',
      status: 'active',
    });

    const changed = await send('PATCH', `/api/patients/${p.id}/allergies/${allergy.id}`, doctor, {
      status: 'inactive',
      severity: 'mild',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'inactive', severity: 'mild', reaction: 'Hives' });

    const [ev] = await auditRows(t, `action = 'patient.allergy_updated' and patient_id = $1`, [p.id]);
    expect(ev!.before).toEqual({ substance: 'Aspirin', status: 'active', severity: 'unknown' });
    expect(ev!.after).toEqual({ substance: 'Aspirin', status: 'inactive', severity: 'mild' });

    const wrong = await send('PATCH', `/api/patients/${p.id}/allergies/${allergy.id}`, doctor, {
      status: 'entered_in_error',
    });
    expect(wrong.statusCode).toBe(200);
    const frozen = await send('PATCH', `/api/patients/${p.id}/allergies/${allergy.id}`, doctor, {
      status: 'active',
    });
    expect(frozen.statusCode).toBe(422);
    expect(frozen.json().code).toBe('RULE_VIOLATION');

    const record = Patient.parse(
      (await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: doctor.headers })).json(),
    );
    expect(record.allergies).toEqual([
      expect.objectContaining({ id: allergy.id, status: 'entered_in_error' }),
    ]);
  });

  it('nurses may record; receptionists, patients and other hospitals may not', async () => {
    const p = await register(t, front);
    const nurse = await desk(t, 'nurse', front.hospital);
    expect(
      (await send('POST', `/api/patients/${p.id}/allergies`, nurse, { substance: 'Iodine' })).statusCode,
    ).toBe(201);
    expect(
      (await send('POST', `/api/patients/${p.id}/allergies`, front, { substance: 'Iodine' })).statusCode,
    ).toBe(403);
    const elsewhere = await desk(t, 'doctor');
    expect(
      (await send('POST', `/api/patients/${p.id}/allergies`, elsewhere, { substance: 'Iodine' })).statusCode,
    ).toBe(404);
    const { user, patient } = await createPatientUser(t.database.db);
    const self = { headers: await sessionHeaders(t.database.db, user) };
    expect(
      (await send('POST', `/api/patients/${patient.id}/allergies`, self, { substance: 'Iodine' })).statusCode,
    ).toBe(403);
  });

  it("answers 404 for another patient's allergy id under this patient's URL, and changes nothing", async () => {
    const p = await register(t, front);
    const q = await register(t, front);
    const theirs = Allergy.parse(
      (await send('POST', `/api/patients/${q.id}/allergies`, doctor, { substance: 'Nuts' })).json(),
    );
    const res = await send('PATCH', `/api/patients/${p.id}/allergies/${theirs.id}`, doctor, {
      status: 'inactive',
    });
    expect(res.statusCode).toBe(404);
    const record = Patient.parse(
      (await t.app.inject({ method: 'GET', url: `/api/patients/${q.id}`, headers: doctor.headers })).json(),
    );
    expect(record.allergies[0]!.status).toBe('active');
  });
});

describe('conditions', () => {
  it('records a condition with an ICD-10 code and resolves it', async () => {
    const p = await register(t, front);
    const added = await send('POST', `/api/patients/${p.id}/conditions`, doctor, {
      name: 'Asthma',
      icd10Code: 'j45.909',
      onsetDate: '2010-06-01',
    });
    expect(added.statusCode).toBe(201);
    const condition = Condition.parse(added.json());
    expect(condition).toMatchObject({
      name: 'Asthma',
      icd10Code: 'J45.909',
      onsetDate: '2010-06-01',
      status: 'active',
    });

    const resolved = await send('PATCH', `/api/patients/${p.id}/conditions/${condition.id}`, doctor, {
      status: 'resolved',
      icd10Code: null,
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', icd10Code: null, onsetDate: '2010-06-01' });
    const [ev] = await auditRows(t, `action = 'patient.condition_updated' and patient_id = $1`, [p.id]);
    expect(ev!.before).toEqual({ name: 'Asthma', status: 'active', icd10Code: 'J45.909' });
  });

  it('refuses malformed ICD-10 codes, future onsets and a new entry already marked in error', async () => {
    const p = await register(t, front);
    for (const body of [
      { name: 'X', icd10Code: '45J' },
      { name: 'X', icd10Code: 'J45.' },
      { name: 'X', icd10Code: 'J45.12345' },
      { name: 'X', onsetDate: '2999-01-01' },
      { name: 'X', status: 'entered_in_error' },
      { name: 'X', status: 'cured' },
    ]) {
      const res = await send('POST', `/api/patients/${p.id}/conditions`, doctor, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const record = Patient.parse(
      (await t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: doctor.headers })).json(),
    );
    expect(record.conditions).toEqual([]);
  });
});
