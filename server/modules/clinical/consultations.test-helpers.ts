// What the consultation tests share: a hospital with a doctor, a nurse, a receptionist, a pharmacy
// and a patient (with a severe and an inactive allergy), calls to the API, and three medicines to
// prescribe. Bound to the test file's app, which its beforeAll builds (hence the getter).
import { expect } from 'vitest';
import type { Consultation } from '../../../contracts/clinical';
import {
  createHospital,
  createPatientUser,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';
import {
  inDays,
  medicine,
  pharmacy,
  receive,
  staffAt,
  type Pharmacy,
} from '../pharmacy/pharmacy.test-helpers';

export type Headers = AuthHeaders;

export interface Setup {
  hospital: HospitalRow;
  doctor: { headers: Headers; userId: string; profileId: string; name: string; registration: string };
  nurse: Headers;
  receptionist: Headers;
  ph: Pharmacy;
  patient: { id: string; headers: Headers; userId: string };
}

export function consultationHelpers(app: () => TestApp) {
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
    app().app.inject({
      method,
      url,
      headers: headers as Record<string, string>,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  return {
    call,

    /** `select count(*) from <sql>`, e.g. count('prescriptions where patient_id = $1', [id]). */
    count: async (sql: string, params: unknown[] = []) =>
      Number(
        (await app().database.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!
          .n,
      ),

    async setup(): Promise<Setup> {
      const t = app();
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
      await t.database.query(
        `update patients set sex = 'female', date_of_birth = '1980-05-20' where id = $1`,
        [patient.id],
      );
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
    },

    /** The doctor opens a walk-in consultation for the setup's patient. */
    async walkIn(s: Setup): Promise<Consultation> {
      const res = await call('POST', '/api/consultations', s.doctor.headers, { patientId: s.patient.id });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Consultation;
    },

    /** Amoxicillin capsules (the patient is allergic), paracetamol tablets in stock, a cough syrup. */
    async medicines(s: Setup) {
      const t = app();
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
    },
  };
}
