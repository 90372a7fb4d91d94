// Consultations end to end through the API: who may open, read and write them; bad input refused
// with nothing changed; vitals with BMI and coded diagnoses; a prescription checked against the
// patient's allergies and the stock, written into the pharmacy's queue exactly once at closing,
// which also completes the appointment; closed means final but for addenda; the printed
// prescription; the visit history for staff and for the patient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedPrescription, Consultation, VisitPage } from '../../../contracts/clinical';
import {
  createHospital,
  createPatient,
  createPatientUser,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  medicine,
  pharmacy,
  receive,
  staffAt,
  inDays,
  type Pharmacy,
} from '../pharmacy/pharmacy.test-helpers';
import { localDateOf } from '../scheduling/local-time';
import { takeToken } from '../scheduling/queue.repo';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Headers = AuthHeaders;
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.database.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n);

interface Setup {
  hospital: HospitalRow;
  doctor: { headers: Headers; userId: string; profileId: string; name: string; registration: string };
  nurse: Headers;
  receptionist: Headers;
  ph: Pharmacy;
  patient: { id: string; headers: Headers; userId: string };
}

async function setup(): Promise<Setup> {
  const db = t.database.db;
  const hospital = await createHospital(db, {
    addressLine: '12 Hill Road',
    city: 'Pune',
    phone: '+912012345678',
  });
  const user = await createStaff(db, hospital, 'doctor', { fullName: 'Asha Rao' });
  const { rows } = await t.database.query<{ id: string; registration_number: string }>(
    'select id, registration_number from doctor_profiles where user_id = $1',
    [user.id],
  );
  const { user: pUser, patient } = await createPatientUser(db, { hospital });
  await t.database.query(`update patients set sex = 'female', date_of_birth = '1980-05-20' where id = $1`, [
    patient.id,
  ]);
  await t.database.query(
    `insert into patient_allergies (id, patient_id, substance, reaction, severity, status)
     values (gen_random_uuid(), $1, 'Amoxicillin', 'Hives', 'severe', 'active'),
            (gen_random_uuid(), $1, 'Ibuprofen', 'Rash', 'mild', 'inactive')`,
    [patient.id],
  );
  return {
    hospital,
    doctor: {
      headers: await sessionHeaders(db, user, hospital),
      userId: user.id,
      profileId: rows[0]!.id,
      name: 'Asha Rao',
      registration: rows[0]!.registration_number,
    },
    nurse: await staffAt(t, hospital, 'nurse'),
    receptionist: await staffAt(t, hospital, 'receptionist'),
    ph: await pharmacy(t, hospital),
    patient: { id: patient.id, userId: pUser.id, headers: await sessionHeaders(db, pUser) },
  };
}

async function walkIn(s: Setup): Promise<Consultation> {
  const res = await call('POST', '/api/consultations', s.doctor.headers, { patientId: s.patient.id });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Consultation;
}

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
    const toClose = async (headers: Headers) => {
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

describe('prescribing and closing', () => {
  async function medicines(s: Setup) {
    const amox = await medicine(t, s.ph, {
      genericName: 'Amoxicillin',
      strength: '500 mg',
      form: 'capsule',
      dispensingUnit: 'capsule',
    });
    const para = await medicine(t, s.ph, { genericName: 'Paracetamol', strength: '500 mg' });
    const syrup = await medicine(t, s.ph, {
      genericName: 'Cough syrup',
      form: 'syrup',
      strength: '100 ml',
      dispensingUnit: 'bottle',
    });
    await receive(t, s.ph, para.id, [{ batchNumber: 'P1', expiryDate: inDays(300), quantity: 40 }]);
    return { amox, para, syrup };
  }

  it('warns on the patient’s allergies, shows stock and works out quantities; keeps nothing', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const { amox, para, syrup } = await medicines(s);
    const aid = await call(
      'GET',
      `/api/consultations/${c.id}/prescribing-aid?medicineId=${amox.id}`,
      s.doctor.headers,
    );
    expect(aid.statusCode).toBe(200);
    expect(aid.json()).toMatchObject({
      counted: true,
      allergyWarnings: [{ substance: 'Amoxicillin', severity: 'severe' }],
    });
    const paraAid = await call(
      'GET',
      `/api/consultations/${c.id}/prescribing-aid?medicineId=${para.id}`,
      s.doctor.headers,
    );
    expect(paraAid.json()).toMatchObject({
      allergyWarnings: [],
      stock: { onHand: 40, availableInPharmacy: 40 },
    });

    const res = await call('POST', `/api/consultations/${c.id}/prescription`, s.doctor.headers, {
      lines: [
        { medicineId: amox.id, dose: 1, frequency: 'TDS', durationDays: 5, route: 'oral', quantity: 99 },
        {
          medicineId: para.id,
          dose: 0.5,
          frequency: 'QID',
          durationDays: 3,
          route: 'oral',
          instructions: 'After food',
        },
        {
          medicineId: syrup.id,
          dose: 5,
          doseUnit: 'ml',
          frequency: 'BD',
          durationDays: 5,
          route: 'oral',
          quantity: 1,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const checked = res.json() as CheckedPrescription;
    expect(checked.hasAllergyWarnings).toBe(true);
    expect(checked.lines.map((l) => l.quantity)).toEqual([15, 6, 1]);
    expect(checked.lines[0]!.allergyWarnings).toHaveLength(1);
    expect(checked.lines[1]).toMatchObject({
      allergyWarnings: [],
      stock: { onHand: 40 },
      directions: '½ tablet four times a day (QID) for 3 days, oral. After food',
    });
    expect(checked.lines[2]!.directions).toBe('5 ml twice a day (BD) for 5 days, oral.');
    expect(await count('prescriptions where patient_id = $1', [s.patient.id])).toBe(0);

    // A syrup needs its quantity; a medicine of another hospital is unknown here.
    const noQty = await call('POST', `/api/consultations/${c.id}/prescription`, s.doctor.headers, {
      lines: [{ medicineId: syrup.id, dose: 5, frequency: 'BD', durationDays: 5, route: 'oral' }],
    });
    expect(noQty.statusCode).toBe(400);
    expect(noQty.json().errors[0].path).toBe('body.lines.0.quantity');
    const foreign = await medicine(t, await pharmacy(t));
    const far = await call('POST', `/api/consultations/${c.id}/prescription`, s.doctor.headers, {
      lines: [{ medicineId: foreign.id, dose: 1, frequency: 'OD', durationDays: 1, route: 'oral' }],
    });
    expect(far.statusCode).toBe(400);
    expect(
      (
        await call(
          'GET',
          `/api/consultations/${c.id}/prescribing-aid?medicineId=${foreign.id}`,
          s.doctor.headers,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('keeps the prescription being written with the consultation, unfinished lines too, until closing', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const { para, syrup } = await medicines(s);
    const half = {
      dose: null,
      doseUnit: null,
      frequency: null,
      durationDays: null,
      route: null,
      quantity: null,
    };
    const draft = [
      {
        ...half,
        medicineId: para.id,
        dose: 1,
        frequency: 'BD',
        durationDays: 5,
        route: 'oral',
        instructions: 'after food',
      },
      { ...half, medicineId: syrup.id, instructions: null },
    ];
    const saved = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      prescriptionDraft: draft,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Another tab or computer of the doctor's reads it back, with each medicine's name and form.
    const read = (await call('GET', `/api/consultations/${c.id}`, s.doctor.headers)).json() as Consultation;
    expect(read.prescriptionDraft.map((l) => [l.medicineId, l.dose, l.frequency, l.form])).toEqual([
      [para.id, 1, 'BD', 'tablet'],
      [syrup.id, null, null, 'syrup'],
    ]);
    expect(read.prescriptionDraft[0]!.medicineName).toContain('Paracetamol');

    // A medicine this hospital does not have is refused, and the saved draft stays as it was.
    const elsewhere = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      prescriptionDraft: [
        { ...half, medicineId: '01a238e1-fc1e-733b-89d9-7b47a0337e8d', instructions: null },
      ],
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].path).toBe('body.prescriptionDraft.0.medicineId');
    for (const bad of [
      [{ ...draft[0], dose: -1 }],
      [{ ...draft[0], frequency: 'sometimes' }],
      [{ ...draft[0], secret: 1 }],
      Array.from({ length: 31 }, () => draft[0]),
    ]) {
      expect(
        (await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, { prescriptionDraft: bad }))
          .statusCode,
      ).toBe(400);
    }
    // Only the consultation's doctor writes it.
    expect(
      (await call('PATCH', `/api/consultations/${c.id}`, s.nurse, { prescriptionDraft: [] })).statusCode,
    ).toBe(403);
    const again = (await call('GET', `/api/consultations/${c.id}`, s.doctor.headers)).json() as Consultation;
    expect(again.prescriptionDraft).toHaveLength(2);

    // Closing writes the prescription and empties the draft.
    const closed = await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
      prescription: {
        lines: [{ medicineId: para.id, dose: 1, frequency: 'BD', durationDays: 5, route: 'oral' }],
      },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as Consultation).prescriptionDraft).toEqual([]);
  });

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

describe('the printed prescription and the visit history', () => {
  it('prints a PDF with the letterhead, the doctor’s registration and the lines', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const para = await medicine(t, s.ph, { genericName: 'Paracetamol (Crocin)', strength: '650 mg' });
    const url = `/api/consultations/${c.id}/prescription.pdf`;
    expect((await call('GET', url, s.doctor.headers)).statusCode).toBe(409); // not closed yet
    await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      diagnoses: [{ code: 'R51', primary: true }],
    });
    await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
      prescription: {
        lines: [{ medicineId: para.id, dose: 1, frequency: 'BD', durationDays: 3, route: 'oral' }],
      },
    });
    const res = await call('GET', url, s.doctor.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain(`(Reg. No. ${s.doctor.registration})`);
    expect(pdf).toContain('(Dr Asha Rao)');
    expect(pdf).toContain(`(${s.hospital.name})`);
    expect(pdf).toContain('(R51 Headache)');
    expect(pdf).toContain('(Quantity: 6 tablets)');
    expect(pdf).toContain('Paracetamol \\(Crocin\\) 650 mg tablet');
    expect(pdf).toContain('1 tablet twice a day \\(BD\\) for 3 days, oral.');
    expect(pdf).toMatch(/Age\/Sex: \d+ y \/ F/);
    // The xref offsets point at the objects.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');

    // The patient may fetch their own; another patient may not; staff without clinical access neither.
    expect((await call('GET', url, s.patient.headers)).statusCode).toBe(200);
    const { user } = await createPatientUser(t.database.db, { hospital: s.hospital });
    expect((await call('GET', url, await sessionHeaders(t.database.db, user))).statusCode).toBe(404);
    expect((await call('GET', url, s.receptionist)).statusCode).toBe(403);
    expect((await call('GET', url, s.nurse)).statusCode).toBe(200);
  });

  it('lists visits for clinical staff here and for the patient, paged, newest first', async () => {
    const s = await setup();
    const first = await walkIn(s);
    await call('PATCH', `/api/consultations/${first.id}`, s.doctor.headers, {
      chiefComplaint: 'Headache',
      diagnoses: [{ code: 'G43.9', primary: true }],
    });
    await call('POST', `/api/consultations/${first.id}/close`, s.doctor.headers, {});
    await call('POST', `/api/consultations/${first.id}/addenda`, s.doctor.headers, { text: 'Better.' });
    const second = await walkIn(s);

    const staff = await call('GET', `/api/patients/${s.patient.id}/visits?limit=1`, s.nurse);
    expect(staff.statusCode).toBe(200);
    const page = staff.json() as VisitPage;
    expect(page.total).toBe(2);
    expect(page.items.map((v) => v.id)).toEqual([second.id]);
    const older = (
      await call('GET', `/api/patients/${s.patient.id}/visits?limit=1&offset=1`, s.nurse)
    ).json() as VisitPage;
    expect(older.items[0]).toMatchObject({
      id: first.id,
      doctorName: 'Asha Rao',
      hospitalName: s.hospital.name,
      timeZone: s.hospital.timeZone,
      chiefComplaint: 'Headache',
      diagnoses: [{ code: 'G43.9', primary: true }],
      addenda: [{ text: 'Better.' }],
      status: 'closed',
    });
    const mine = await call('GET', '/api/me/visits', s.patient.headers);
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as VisitPage).items.map((v) => v.id)).toEqual([second.id, first.id]);
    expect((await call('GET', '/api/me/visits', s.doctor.headers)).statusCode).toBe(403);
    expect((await call('GET', `/api/patients/${s.patient.id}/visits?limit=500`, s.nurse)).statusCode).toBe(
      400,
    );
    expect((await call('GET', `/api/patients/${s.patient.id}/visits`, s.receptionist)).statusCode).toBe(403);
    // A patient not registered here: 404, as if unknown.
    const stranger = await createPatient(t.database.db, { hospital: await createHospital(t.database.db) });
    expect((await call('GET', `/api/patients/${stranger.id}/visits`, s.nurse)).statusCode).toBe(404);
  });
});
