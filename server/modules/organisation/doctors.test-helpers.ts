// Doctor sign-up and approval helpers shared by the doctor route tests.
import { expect } from 'vitest';
import { DoctorProfile } from '../../../contracts/organisation';
import { createDepartment, createHospital, type HospitalRow } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { staffCaller } from './organisation.test-helpers';

let signUps = 0;

/** A doctor registers through the real sign-up flow (code read from the test SMTP server); returns their session. */
export async function signUpDoctor(t: TestApp, hospital: HospitalRow, departmentId?: string) {
  const email = `dr-${Date.now()}-${++signUps}@example.org`;
  const start = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up/start', payload: { email } });
  expect(start.statusCode).toBe(202);
  const code = /\b(\d{6})\b/.exec((await t.smtp.waitFor(email)).subject ?? '')![1]!;
  const done = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/complete',
    payload: {
      email,
      code,
      password: 'Stethoscope-Blue-88',
      fullName: `Dr Anjali Rao ${signUps}`,
      role: 'doctor',
      doctor: {
        hospitalId: hospital.id,
        departmentId,
        specialty: 'Cardiology',
        registrationNumber: `MCI-${signUps}`,
        qualifications: 'MBBS, MD',
        consultationFeeMinor: 80000,
        languages: ['English', 'Hindi'],
      },
    },
  });
  expect(done.statusCode, done.body).toBe(201);
  const cookie = String([done.headers['set-cookie']].flat().find((c) => String(c).startsWith('hsid='))).split(
    ';',
  )[0]!;
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const h = { cookie, 'x-csrf-token': me.json().csrfToken as string };
  const mine = await t.app.inject({ method: 'GET', url: '/api/doctors/me', headers: h });
  const profile = DoctorProfile.parse(mine.json().items[0]);
  return { email, h, profile, userId: me.json().user.id as string };
}

export async function hospitalWithAdmin(t: TestApp) {
  const hospital = await createHospital(t.database.db, { currency: 'INR' });
  const dept = await createDepartment(t.database.db, hospital, 'Cardiology');
  const admin = await staffCaller(t, hospital, 'hospital_admin');
  return { hospital, dept, admin };
}

export const post = (
  t: TestApp,
  url: string,
  headers: Record<string, string | undefined>,
  payload?: unknown,
) =>
  t.app.inject({
    method: 'POST',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
