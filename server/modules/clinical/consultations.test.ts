// Consultations through the API: who may open, read and write them; bad input refused with nothing
// changed; vitals with BMI and coded diagnoses; and the doctor's count of visits still to close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../../contracts/clinical';
import {
  createHospital,
  createPatient,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { consultationHelpers } from './consultations.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, count, setup, walkIn } = consultationHelpers(() => t);

describe('opening and reading', () => {
  it('opens a walk-in consultation for a patient registered here, and no one else', async () => {
    const s = await setup();
    const c = await walkIn(s);
    expect(c).toMatchObject({
      status: 'open',
      patientId: s.patient.id,
      doctorName: 'Asha Rao',
      canEdit: true,
      appointmentId: null,
      allergies: [{ substance: 'Amoxicillin', reaction: 'Hives', severity: 'severe' }],
    });
    expect(await count(`audit_events where entity_id = $1 and action = 'consultation.opened'`, [c.id])).toBe(
      1,
    );

    const elsewhere = await createPatient(t.database.db, { hospital: await createHospital(t.database.db) });
    const notHere = await call('POST', '/api/consultations', s.doctor.headers, { patientId: elsewhere.id });
    expect(notHere.statusCode).toBe(404);
    const both = await call('POST', '/api/consultations', s.doctor.headers, {
      patientId: s.patient.id,
      appointmentId: s.patient.id,
    });
    expect(both.statusCode).toBe(400);
    expect(await count('consultations where patient_id = $1', [elsewhere.id])).toBe(0);
  });

  it('lets clinical staff here read it, refuses other roles, and hides it from another hospital', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const url = `/api/consultations/${c.id}`;
    const nurseRead = await call('GET', url, s.nurse);
    expect(nurseRead.statusCode).toBe(200);
    expect(nurseRead.json().canEdit).toBe(false);
    expect((await call('PATCH', url, s.nurse, { notes: 'x' })).statusCode).toBe(403);
    expect((await call('GET', url, s.receptionist)).statusCode).toBe(403);
    expect((await call('GET', url, s.ph.headers)).statusCode).toBe(403);
    expect((await call('GET', url, s.patient.headers)).statusCode).toBe(403);
    expect((await call('POST', '/api/consultations', s.nurse, { patientId: s.patient.id })).statusCode).toBe(
      403,
    );

    // Another doctor here reads it but may not write in it.
    const other = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'doctor'),
      s.hospital,
    );
    expect((await call('GET', url, other)).statusCode).toBe(200);
    const refused = await call('PATCH', url, other, { notes: 'not mine' });
    expect(refused.statusCode).toBe(403);

    // A doctor of another hospital: as if it did not exist.
    const far = await createHospital(t.database.db);
    const farDoctor = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, far, 'doctor'),
      far,
    );
    expect((await call('GET', url, farDoctor)).statusCode).toBe(404);
    expect((await call('PATCH', url, farDoctor, { notes: 'x' })).statusCode).toBe(404);
    expect((await call('GET', `/api/patients/${s.patient.id}/visits`, farDoctor)).statusCode).toBe(404);
    expect((await call('GET', `${url}/prescription.pdf`, farDoctor)).statusCode).toBe(404);
    expect((await call('GET', url, s.doctor.headers)).json().notes).toBe('');
  });
});

describe('writing', () => {
  it('keeps vitals with BMI, complaint, notes, follow-up, lab requests and coded diagnoses', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const res = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      chiefComplaint: 'Sore throat for 3 days <script>alert(1)</script>',
      notes: 'Tonsils inflamed.\nNo exudate.',
      followUp: 'Review in one week',
      labRequests: 'CBC, CRP',
      vitals: {
        systolic: 128,
        diastolic: 84,
        pulse: 88,
        temperatureC: 38.24,
        spo2: 98,
        weightKg: 70,
        heightCm: 175,
      },
      diagnoses: [
        { code: 'j03.9', primary: true },
        { code: 'R50.9', description: 'Fever', primary: false },
        { description: 'Poor sleep', primary: false },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json() as Consultation;
    expect(got.chiefComplaint).toBe('Sore throat for 3 days <script>alert(1)</script>');
    expect(got.followUp).toBe('Review in one week');
    expect(got.labRequests).toBe('CBC, CRP');
    expect(got.vitals).toMatchObject({ systolic: 128, diastolic: 84, temperatureC: 38.2, bmi: 22.9 });
    expect(got.diagnoses).toEqual([
      { code: 'J03.9', description: 'Acute tonsillitis, unspecified', primary: true },
      { code: 'R50.9', description: 'Fever', primary: false },
      { code: null, description: 'Poor sleep', primary: false },
    ]);
    // Changing only the lab requests keeps the follow-up, and the other way round.
    const labs = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, { labRequests: '' });
    expect(labs.json()).toMatchObject({ followUp: 'Review in one week', labRequests: '' });
    const removed = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, { vitals: null });
    expect(removed.json().vitals).toBeNull();
    expect(await count(`audit_events where entity_id = $1 and action = 'consultation.updated'`, [c.id])).toBe(
      3,
    );
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const url = `/api/consultations/${c.id}`;
    const good = { vitals: { systolic: 120, diastolic: 80 }, diagnoses: [{ code: 'I10', primary: true }] };
    expect((await call('PATCH', url, s.doctor.headers, good)).statusCode).toBe(200);
    const bad: unknown[] = [
      { vitals: { systolic: 400, diastolic: 80 } },
      { vitals: { systolic: 120 } },
      { vitals: { systolic: 80, diastolic: 90 } },
      { vitals: { spo2: 101 } },
      { vitals: { weightKg: 0.1 } },
      { vitals: { heightCm: 300 } },
      { vitals: { temperatureC: 50 } },
      { vitals: { pulse: 80.5 } },
      { vitals: { pulse: '80' } },
      { diagnoses: [{ code: 'I10', primary: false }] },
      {
        diagnoses: [
          { code: 'I10', primary: true },
          { code: 'E11.9', primary: true },
        ],
      },
      { diagnoses: [{ code: 'X99.99999', primary: true }] },
      { diagnoses: [{ code: 'Z99.9', primary: true }] }, // well formed, not on the list
      { diagnoses: [{ primary: true }] },
      { notes: 'x'.repeat(10_001) },
      { chiefComplaint: 'a\u202Eb' },
      { status: 'closed' },
      { doctorUserId: s.patient.userId },
    ];
    for (const body of bad) {
      const res = await call('PATCH', url, s.doctor.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const after = (await call('GET', url, s.doctor.headers)).json() as Consultation;
    expect(after.vitals).toMatchObject({ systolic: 120, diastolic: 80, pulse: null });
    expect(after.diagnoses).toEqual([
      { code: 'I10', description: 'Essential (primary) hypertension', primary: true },
    ]);
    expect(after.status).toBe('open');
    expect((await call('PATCH', '/api/consultations/not-a-uuid', s.doctor.headers, {})).statusCode).toBe(400);
    expect(
      (await call('PATCH', '/api/consultations/00000000-0000-4000-8000-000000000000', s.doctor.headers, {}))
        .statusCode,
    ).toBe(404);
  });
});

describe("the doctor's dashboard", () => {
  it('counts their consultations still to close, and no one else’s', async () => {
    const s = await setup();
    const toClose = async (headers: AuthHeaders) => {
      const d = (await call('GET', '/api/dashboard', headers)).json() as {
        cards: { key: string; value?: number }[];
      };
      return d.cards.find((c) => c.key === 'pendingReviews')?.value;
    };
    expect(await toClose(s.doctor.headers)).toBe(0);
    const c = await walkIn(s);
    expect(await toClose(s.doctor.headers)).toBe(1);
    const colleague = await sessionHeaders(
      t.database.db,
      await createStaff(t.database.db, s.hospital, 'doctor'),
      s.hospital,
    );
    expect(await toClose(colleague)).toBe(0);
    const closed = await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await toClose(s.doctor.headers)).toBe(0);
  });
});
