// Consent decisions: recorded by staff (saying how they were given) and by the patient in the portal,
// read as every purpose's standing decision and the whole history, at every hospital; refused for
// bad input (nothing written) and for anyone who may not reach the patient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentEntry, ConsentOverview } from '../../../contracts/privacy';
import { createPlatformAdmin, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { privacyKit } from './erasure.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, count, staff, patient, audit } = privacyKit(() => t);

const consents = (patientId: string) => `/api/patients/${patientId}/consents`;

describe('recording consent', () => {
  it('staff record a decision with how it was given, at their hospital; the patient in the portal', async () => {
    const desk = await staff('receptionist');
    const p = await patient(desk.hospital);

    const byStaff = await call('POST', consents(p.id), desk.headers, {
      purpose: 'research',
      decision: 'granted',
      method: 'written',
      note: 'Signed form <b>R-12</b>',
    });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    expect(ConsentEntry.parse(byStaff.json())).toMatchObject({
      purpose: 'research',
      decision: 'granted',
      method: 'written',
      note: 'Signed form <b>R-12</b>',
      hospitalName: desk.hospital.name,
    });
    expect(byStaff.json().recordedByName).toMatch(/^Test User/);

    const bySelf = await call('POST', consents(p.id), p.headers, {
      purpose: 'contact',
      decision: 'withdrawn',
    });
    expect(bySelf.statusCode, bySelf.body).toBe(201);
    expect(bySelf.json()).toMatchObject({ method: 'portal', hospitalName: null, note: '' });

    const stored = await t.database.query<{ method: string; hospital_id: string | null }>(
      'select method, hospital_id from patient_consents where patient_id = $1 order by recorded_at',
      [p.id],
    );
    expect(stored.rows).toEqual([
      { method: 'written', hospital_id: desk.hospital.id },
      { method: 'portal', hospital_id: null },
    ]);
    const events = await audit(`action = 'consent.recorded' and patient_id = $1`, [p.id]);
    expect(events.map((e) => [e.actor_role, e.hospital_id, e.entity_id])).toEqual([
      ['receptionist', desk.hospital.id, byStaff.json().id],
      ['patient', null, bySelf.json().id],
    ]);
    expect(events[0]!.after).toEqual({
      purpose: 'research',
      decision: 'granted',
      method: 'written',
      note: 'Signed form <b>R-12</b>',
    });
  });

  it('refuses a method from the patient, none from staff, an unknown purpose and extra fields; writes nothing', async () => {
    const desk = await staff('doctor');
    const p = await patient(desk.hospital);
    const fromPatient = await call('POST', consents(p.id), p.headers, {
      purpose: 'research',
      decision: 'granted',
      method: 'verbal',
    });
    expect(fromPatient.statusCode).toBe(400);
    expect(fromPatient.json().errors).toEqual([expect.objectContaining({ path: 'body.method' })]);
    const fromStaff = await call('POST', consents(p.id), desk.headers, {
      purpose: 'research',
      decision: 'granted',
    });
    expect(fromStaff.statusCode).toBe(400);
    expect(fromStaff.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'body.method' })],
    });
    for (const body of [
      { purpose: 'marketing', decision: 'granted', method: 'written' },
      { purpose: 'research', decision: 'maybe', method: 'written' },
      { purpose: 'research', decision: 'granted', method: 'portal' },
      { purpose: 'research', decision: 'granted', method: 'written', hospitalId: desk.hospital.id },
      { purpose: 'research', decision: 'granted', method: 'written', recordedBy: p.userId },
      { purpose: 'research', decision: 'granted', method: 'written', note: 'x'.repeat(501) },
      { purpose: 'research', decision: 'granted', method: 'written', note: 'a\u202Eb' },
    ]) {
      const res = await call('POST', consents(p.id), desk.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count('patient_consents where patient_id = $1', [p.id])).toBe(0);
    expect(await count(`audit_events where action = 'consent.recorded' and patient_id = $1`, [p.id])).toBe(0);
  });

  it("answers 404 for a patient of another hospital and for another patient's id, and writes nothing", async () => {
    const desk = await staff('receptionist');
    const elsewhere = await staff('receptionist');
    const p = await patient(desk.hospital);
    const other = await patient(desk.hospital);
    const body = { purpose: 'treatment', decision: 'granted', method: 'verbal' };
    expect((await call('POST', consents(p.id), elsewhere.headers, body)).statusCode).toBe(404);
    expect((await call('GET', consents(p.id), elsewhere.headers)).statusCode).toBe(404);
    const asOther = await call('POST', consents(p.id), other.headers, {
      purpose: 'treatment',
      decision: 'granted',
    });
    expect(asOther.statusCode).toBe(404);
    expect((await call('GET', consents(p.id), other.headers)).statusCode).toBe(404);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', consents(nobody), desk.headers)).statusCode).toBe(404);
    expect(await count('patient_consents where patient_id = $1', [p.id])).toBe(0);
  });

  it('refuses roles without the permission with 403', async () => {
    const desk = await staff('receptionist');
    const p = await patient(desk.hospital);
    const nurse = await staff('nurse', desk.hospital);
    const officer = await staff('procurement_officer', desk.hospital);
    const root = { headers: await sessionHeaders(t.database.db, await createPlatformAdmin(t.database.db)) };
    const body = { purpose: 'treatment', decision: 'granted', method: 'verbal' };
    expect((await call('POST', consents(p.id), nurse.headers, body)).statusCode).toBe(403);
    expect((await call('GET', consents(p.id), nurse.headers)).statusCode).toBe(200);
    expect((await call('GET', consents(p.id), officer.headers)).statusCode).toBe(403);
    expect((await call('POST', consents(p.id), root.headers, body)).statusCode).toBe(403);
    expect((await call('GET', consents(p.id), root.headers)).statusCode).toBe(403);
    expect(await count('patient_consents where patient_id = $1', [p.id])).toBe(0);
  });
});

describe('the consent overview', () => {
  it('lists every purpose with its newest decision and the history newest first, from every hospital', async () => {
    const first = await staff('receptionist');
    const second = await staff('hospital_admin');
    const p = await patient(first.hospital);
    await t.database.query(
      `insert into patient_registrations (id, patient_id, hospital_id, mrn) values (gen_random_uuid(), $1, $2, $3)`,
      [p.id, second.hospital.id, `M-${p.id.slice(0, 8)}`],
    );
    const record = async (headers: object, body: object) => {
      const res = await call('POST', consents(p.id), headers, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as ConsentEntry;
    };
    const a = await record(first.headers, { purpose: 'research', decision: 'granted', method: 'verbal' });
    const b = await record(p.headers, {
      purpose: 'research',
      decision: 'withdrawn',
      note: 'Changed my mind',
    });
    const c = await record(second.headers, { purpose: 'treatment', decision: 'granted', method: 'written' });

    for (const who of [first, second, p]) {
      const res = await call('GET', consents(p.id), who.headers);
      expect(res.statusCode, res.body).toBe(200);
      const overview = ConsentOverview.parse(res.json());
      expect(overview.current).toEqual([
        { purpose: 'treatment', decision: 'granted', recordedAt: c.recordedAt },
        { purpose: 'record_sharing', decision: null, recordedAt: null },
        { purpose: 'research', decision: 'withdrawn', recordedAt: b.recordedAt },
        { purpose: 'contact', decision: null, recordedAt: null },
      ]);
      expect(overview.history.map((h) => h.id)).toEqual([c.id, b.id, a.id]);
      expect(overview.history.map((h) => h.hospitalName)).toEqual([
        second.hospital.name,
        null,
        first.hospital.name,
      ]);
    }
    // Each look is in the patient's access log: by whom, and at which hospital.
    const reads = await audit(`action = 'consent.listed' and patient_id = $1`, [p.id]);
    expect(reads.map((r) => [r.actor_role, r.hospital_id])).toEqual([
      ['receptionist', first.hospital.id],
      ['hospital_admin', second.hospital.id],
      ['patient', null],
    ]);
  });

  it('shows a patient never asked every purpose undecided', async () => {
    const p = await patient();
    const res = await call('GET', consents(p.id), p.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      current: ['treatment', 'record_sharing', 'research', 'contact'].map((purpose) => ({
        purpose,
        decision: null,
        recordedAt: null,
      })),
      history: [],
    });
  });
});
