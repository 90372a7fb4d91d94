import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogPage, Patient, TimelinePage } from '../../../contracts/patients';
import { addMembership, createPatientUser, createUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { patientRecordReads } from './patients.record.repo';
import { auditRows, desk, randomPhone, register, registerExisting, type Desk } from './patients.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string | undefined>) =>
  t.app.inject({ method: 'GET', url, headers });
const patch = (url: string, headers: Record<string, string | undefined>, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url, headers, payload: payload as object });

/** A signed-up patient registered at the desk's hospital, with their own session. */
async function portalPatient(d: Desk) {
  const { user, patient } = await createPatientUser(t.database.db);
  const asked = { givenName: patient.givenName, familyName: patient.familyName, email: user.email };
  const reg = await registerExisting(t, d, asked);
  expect(reg.statusCode).toBe(201);
  return {
    id: patient.id,
    mrn: reg.json().mrn as string,
    headers: await sessionHeaders(t.database.db, user),
    asked,
  };
}

describe('GET /api/patients/:id', () => {
  it('staff read a patient registered at their hospital, with the MRN there and the safety data', async () => {
    const d = await desk(t);
    const p = await register(t, d, {
      givenName: 'Kiran',
      bloodGroup: 'O-',
      allergies: [{ substance: 'Latex' }],
    });
    const nurse = await desk(t, 'nurse', d.hospital);
    const res = await get(`/api/patients/${p.id}`, nurse.headers);
    expect(res.statusCode).toBe(200);
    const body = Patient.parse(res.json());
    expect(body).toMatchObject({ id: p.id, mrn: p.mrn, bloodGroup: 'O-' });
    expect(body.allergies.map((x) => x.substance)).toEqual(['Latex']);
  });

  it('staff of hospital B get 404 for a patient registered only at hospital A, even as admin', async () => {
    const a = await desk(t);
    const b = await desk(t, 'hospital_admin');
    const p = await register(t, a);
    const res = await get(`/api/patients/${p.id}`, b.headers);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    // Same person with a role at both hospitals, acting at B: still 404.
    const both = await createUser(t.database.db);
    await addMembership(t.database.db, both, a.hospital, 'doctor');
    await addMembership(t.database.db, both, b.hospital, 'doctor');
    expect(
      (await get(`/api/patients/${p.id}`, await sessionHeaders(t.database.db, both, b.hospital))).statusCode,
    ).toBe(404);
    expect(
      (await get(`/api/patients/${p.id}`, await sessionHeaders(t.database.db, both, a.hospital))).statusCode,
    ).toBe(200);
  });

  it('once registered at two hospitals, each sees its own MRN and both see the same allergies', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const details = {
      givenName: 'Anil',
      familyName: `Menon ${Date.now()}`,
      dateOfBirth: '1979-11-02',
      phone: randomPhone(),
    };
    const p = await register(t, a, { ...details, allergies: [{ substance: 'Sulfa', severity: 'moderate' }] });
    expect((await registerExisting(t, b, details)).statusCode).toBe(201);
    const atB = Patient.parse((await get(`/api/patients/${p.id}`, b.headers)).json());
    expect(atB.mrn).toBe(`${b.hospital.code}-000001`);
    expect(atB.registrations.map((r) => r.hospitalId)).toEqual([b.hospital.id]);
    expect(atB.allergies.map((x) => x.substance)).toEqual(['Sulfa']);
  });

  it('a patient sees their own record with every registration, and 404 for anyone else', async () => {
    const a = await desk(t);
    const me = await portalPatient(a);
    const other = await register(t, a);
    const own = await get(`/api/patients/${me.id}`, me.headers);
    expect(own.statusCode).toBe(200);
    const body = Patient.parse(own.json());
    expect(body.mrn).toBeNull();
    expect(body.registrations).toEqual([
      expect.objectContaining({ hospitalId: a.hospital.id, hospitalName: a.hospital.name, mrn: me.mrn }),
    ]);
    expect((await get(`/api/patients/${other.id}`, me.headers)).statusCode).toBe(404);
    expect((await get('/api/patients/0190a6f0-0000-7000-8000-000000000000', me.headers)).statusCode).toBe(
      404,
    );
  });

  it('GET /api/patients/me returns the signed-in patient; staff without a patient record are refused', async () => {
    const a = await desk(t);
    const me = await portalPatient(a);
    const res = await get('/api/patients/me', me.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(me.id);
    expect((await get('/api/patients/me', a.headers)).statusCode).toBe(403);
  });

  it('reads that arrive together share one statement yet each gets its own record, scope and audit row', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const ours = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        register(t, a, { givenName: `Batch${i}`, allergies: [{ substance: `S${i}` }] }),
      ),
    );
    const theirs = await Promise.all(Array.from({ length: 4 }, () => register(t, b)));
    const self = await portalPatient(a);
    const unknown = '01925e5c-7b9a-7c1e-8f3a-2b4c6d8e0f12';
    const asks = [
      ...ours.map((p) => ({ id: p.id, headers: a.headers })),
      ...theirs.map((p) => ({ id: p.id, headers: a.headers })),
      { id: unknown, headers: a.headers },
      { id: ours[3]!.id.toUpperCase(), headers: a.headers },
      { id: self.id, headers: self.headers },
      { id: ours[0]!.id, headers: self.headers },
    ];
    // Signed in already (the callers are cached), so the reads arrive together.
    await Promise.all([get('/api/auth/me', a.headers), get('/api/auth/me', self.headers)]);
    const before = patientRecordReads(t.database.db);
    const answers = await Promise.all(asks.map((q) => get(`/api/patients/${q.id}`, q.headers)));
    const after = patientRecordReads(t.database.db);
    // 16 reads of 14 distinct ids (one asked by two callers, one in capitals): far fewer statements.
    expect(after.keys - before.keys).toBe(14);
    expect(after.fetches - before.fetches).toBeLessThanOrEqual(3);
    expect(answers.map((r) => r.statusCode)).toEqual([
      ...ours.map(() => 200),
      404,
      404,
      404,
      404,
      404,
      200,
      200,
      404,
    ]);
    ours.forEach((p, i) => {
      const record = Patient.parse(answers[i]!.json());
      expect(record).toMatchObject({ id: p.id, givenName: `Batch${i}`, mrn: p.mrn });
      expect(record.allergies.map((x) => x.substance)).toEqual([`S${i}`]);
    });
    expect(Patient.parse(answers[13]!.json()).id).toBe(ours[3]!.id);
    expect(Patient.parse(answers[14]!.json()).id).toBe(self.id);
    // One read audit row for each record shown, none for a refusal.
    const audited = await auditRows(t, `action = 'patient.read' and patient_id = any($1::uuid[])`, [
      [...ours, ...theirs, self].map((p) => p.id),
    ]);
    expect(audited.map((r) => r.patient_id).sort()).toEqual(
      [...ours.map((p) => p.id), ours[3]!.id, self.id].sort(),
    );
  });

  it('records every read in the audit log, with role and hospital', async () => {
    const a = await desk(t);
    const me = await portalPatient(a);
    await get(`/api/patients/${me.id}`, a.headers);
    await get(`/api/patients/${me.id}`, a.headers);
    await get(`/api/patients/${me.id}`, me.headers);
    await get('/api/patients/me', me.headers);
    const reads = await auditRows(t, `action = 'patient.read' and patient_id = $1`, [me.id]);
    expect(reads.map((r) => [r.actor_role, r.hospital_id])).toEqual([
      ['receptionist', a.hospital.id],
      ['receptionist', a.hospital.id],
      ['patient', null],
      ['patient', null],
    ]);
    // A refused read is not a read of the record, but it is in the log as a refusal.
    const b = await desk(t);
    await get(`/api/patients/${me.id}`, b.headers);
    expect(await auditRows(t, `action = 'patient.read' and patient_id = $1`, [me.id])).toHaveLength(4);
    const denied = await auditRows(t, `outcome = 'denied' and hospital_id = $1`, [b.hospital.id]);
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('PATCH /api/patients/:id', () => {
  it('staff change demographics; the audit row holds only the changed fields, before and after', async () => {
    const a = await desk(t);
    const p = await register(t, a, { givenName: 'Asha', city: 'Pune' });
    const res = await patch(`/api/patients/${p.id}`, a.headers, {
      city: 'Mumbai',
      bloodGroup: 'A+',
      givenName: 'Asha',
    });
    expect(res.statusCode).toBe(200);
    expect(Patient.parse(res.json())).toMatchObject({ city: 'Mumbai', bloodGroup: 'A+', givenName: 'Asha' });
    const [ev] = await auditRows(t, `action = 'patient.updated' and patient_id = $1`, [p.id]);
    expect(ev!.before).toEqual({ city: 'Pune', bloodGroup: null });
    expect(ev!.after).toEqual({ city: 'Mumbai', bloodGroup: 'A+' });

    const cleared = await patch(`/api/patients/${p.id}`, a.headers, { city: null, bloodGroup: null });
    expect(cleared.json()).toMatchObject({ city: '', bloodGroup: null });
  });

  it('a patient changes their contact details but not clinical or identity fields, nor anyone else', async () => {
    const a = await desk(t);
    const me = await portalPatient(a);
    const phone = randomPhone();
    const ok = await patch(`/api/patients/${me.id}`, me.headers, {
      phone,
      city: 'Chennai',
      emergencyContactName: 'Ravi',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone, city: 'Chennai', emergencyContactName: 'Ravi' });
    const [ev] = await auditRows(t, `action = 'patient.updated' and patient_id = $1`, [me.id]);
    expect(ev!.actor_role).toBe('patient');

    for (const body of [
      { bloodGroup: 'AB+' },
      { dateOfBirth: '1990-01-01' },
      { givenName: 'Mallory' },
      { phone, insuranceProvider: 'X' },
    ]) {
      const res = await patch(`/api/patients/${me.id}`, me.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
    }
    const after = Patient.parse((await get(`/api/patients/${me.id}`, me.headers)).json());
    expect(after.bloodGroup).toBeNull();
    expect(after.insuranceProvider).toBeNull();

    const other = await register(t, a, { city: 'Delhi' });
    const res = await patch(`/api/patients/${other.id}`, me.headers, { city: 'Nowhere' });
    expect(res.statusCode).toBe(404);
    expect(Patient.parse((await get(`/api/patients/${other.id}`, a.headers)).json()).city).toBe('Delhi');
  });

  it('staff of another hospital get 404; roles without patients:update get 403', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const p = await register(t, a);
    expect((await patch(`/api/patients/${p.id}`, b.headers, { city: 'X' })).statusCode).toBe(404);
    const nurse = await desk(t, 'nurse', a.hospital);
    expect((await patch(`/api/patients/${p.id}`, nurse.headers, { city: 'X' })).statusCode).toBe(403);
  });
});

describe('timeline and access log', () => {
  it('the timeline shows what happened, newest first, scoped to the caller', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const me = await portalPatient(a);
    await registerExisting(t, b, me.asked);
    await patch(`/api/patients/${me.id}`, a.headers, { city: 'Kochi' });
    const doctor = await desk(t, 'doctor', a.hospital);
    await t.app.inject({
      method: 'POST',
      url: `/api/patients/${me.id}/allergies`,
      headers: doctor.headers,
      payload: { substance: 'Peanuts', severity: 'severe' },
    });

    const staff = TimelinePage.parse((await get(`/api/patients/${me.id}/timeline`, a.headers)).json());
    expect(staff.items.map((e) => e.action)).toEqual([
      'patient.allergy_recorded',
      'patient.updated',
      'patient.registered',
    ]);
    expect(staff.items.every((e) => e.hospitalId === a.hospital.id)).toBe(true);
    expect(staff.items[0]).toMatchObject({ actorRole: 'doctor', hospitalName: a.hospital.name });

    const own = TimelinePage.parse((await get(`/api/patients/${me.id}/timeline`, me.headers)).json());
    expect(own.items.map((e) => e.action)).toEqual([
      'patient.allergy_recorded',
      'patient.updated',
      'patient.registered',
      'patient.registered',
    ]);
    const paged = TimelinePage.parse(
      (await get(`/api/patients/${me.id}/timeline?limit=2`, me.headers)).json(),
    );
    expect(paged.items).toHaveLength(2);
    const rest = TimelinePage.parse(
      (await get(`/api/patients/${me.id}/timeline?limit=2&cursor=${paged.nextCursor}`, me.headers)).json(),
    );
    expect(rest.items.map((e) => e.seq)).toEqual(own.items.slice(2).map((e) => e.seq));

    const outsider = await desk(t);
    expect((await get(`/api/patients/${me.id}/timeline`, outsider.headers)).statusCode).toBe(404);
    const stranger = await portalPatient(outsider);
    expect((await get(`/api/patients/${me.id}/timeline`, stranger.headers)).statusCode).toBe(404);
  });

  it('the patient sees who opened their record; a hospital admin sees their hospital’s reads; others cannot', async () => {
    const a = await desk(t);
    const b = await desk(t);
    const me = await portalPatient(a);
    await registerExisting(t, b, me.asked);
    await get(`/api/patients/${me.id}`, a.headers);
    await get(`/api/patients/${me.id}`, b.headers);

    const log = AccessLogPage.parse((await get(`/api/patients/${me.id}/access-log`, me.headers)).json());
    expect(log.items.map((e) => [e.actorRole, e.hospitalName, e.opened])).toEqual([
      ['receptionist', b.hospital.name, 'patient'],
      ['receptionist', a.hospital.name, 'patient'],
    ]);
    expect(log.items[0]!.actorName).toMatch(/Test User/);

    const admin = await desk(t, 'hospital_admin', a.hospital);
    const adminLog = AccessLogPage.parse(
      (await get(`/api/patients/${me.id}/access-log`, admin.headers)).json(),
    );
    expect(adminLog.items.every((e) => e.hospitalId === a.hospital.id)).toBe(true);
    expect(adminLog.items.map((e) => e.opened)).toContain('patient');

    expect((await get(`/api/patients/${me.id}/access-log`, a.headers)).statusCode).toBe(403);
    const otherAdmin = await desk(t, 'hospital_admin');
    expect((await get(`/api/patients/${me.id}/access-log`, otherAdmin.headers)).statusCode).toBe(404);
    const stranger = await portalPatient(a);
    expect((await get(`/api/patients/${me.id}/access-log`, stranger.headers)).statusCode).toBe(404);
    // Reading the log is itself recorded (the reply lists the reads before it).
    const again = AccessLogPage.parse((await get(`/api/patients/${me.id}/access-log`, me.headers)).json());
    expect(again.items.slice(0, 2).map((e) => [e.actorRole, e.opened])).toEqual([
      ['hospital_admin', 'patient_access_log'],
      ['patient', 'patient_access_log'],
    ]);
  });
});
