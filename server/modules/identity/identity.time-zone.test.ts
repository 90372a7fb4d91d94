import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { patientRegistrations } from '../patients/patients.tables';
import { until } from '../../platform/jobs/jobs.testing';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  addMembership,
  createHospital,
  createPatient,
  createPatientUser,
  createPlatformAdmin,
  createStaff,
  sessionHeaders,
} from '../../test/factories';

// `GET /api/auth/me` says which zone the caller's times are shown in, so every screen reads on the
// hospital's clock rather than the device's: the active hospital's for staff; for a patient, the
// one their hospitals share.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const alsoRegister = (patientId: string, hospitalId: string) =>
  t.database.db
    .insert(patientRegistrations)
    .values({ patientId, hospitalId, mrn: `TZ-${newId().slice(-8)}` });

async function zoneOf(headers: Record<string, string | undefined>): Promise<string | null> {
  const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
  expect(res.statusCode).toBe(200);
  return (res.json() as { timeZone: string | null }).timeZone;
}

describe('the time zone of the signed-in person', () => {
  it("is the active hospital's for staff, and follows a switch of hospital", async () => {
    const india = await createHospital(t.database.db, { timeZone: 'Asia/Kolkata' });
    const kenya = await createHospital(t.database.db, { timeZone: 'Africa/Nairobi' });
    const nurse = await createStaff(t.database.db, india, 'nurse');
    await addMembership(t.database.db, nurse, kenya, 'nurse');
    expect(await zoneOf(await sessionHeaders(t.database.db, nurse, india))).toBe('Asia/Kolkata');
    expect(await zoneOf(await sessionHeaders(t.database.db, nurse, kenya))).toBe('Africa/Nairobi');
  });

  it("changes for signed-in staff when their hospital's zone is changed", async () => {
    const hospital = await createHospital(t.database.db, { timeZone: 'Asia/Kolkata' });
    const admin = await createStaff(t.database.db, hospital, 'hospital_admin');
    const h = await sessionHeaders(t.database.db, admin, hospital);
    expect(await zoneOf(h)).toBe('Asia/Kolkata'); // now cached for this session
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/hospitals/${hospital.id}`,
      headers: h,
      payload: { timeZone: 'Asia/Dubai' },
    });
    expect(changed.statusCode).toBe(200);
    // Cached callers are cleared by the database's notice within the bound ADR 8 states.
    await until(async () => (await zoneOf(h)) === 'Asia/Dubai', 'the new zone on /api/auth/me', {
      timeoutMs: 2_000,
    });
  });

  it('is, for a patient, the zone all their hospitals share', async () => {
    const a = await createHospital(t.database.db, { timeZone: 'Europe/London' });
    const b = await createHospital(t.database.db, { timeZone: 'Europe/London' });
    const { user, patient } = await createPatientUser(t.database.db, { hospital: a });
    const h = await sessionHeaders(t.database.db, user);
    expect(await zoneOf(h)).toBe('Europe/London');
    await alsoRegister(patient.id, b.id);
    expect(await zoneOf(h)).toBe('Europe/London');
  });

  it('is none for a patient whose hospitals keep different clocks, or who has none, and for platform admins', async () => {
    const london = await createHospital(t.database.db, { timeZone: 'Europe/London' });
    const india = await createHospital(t.database.db, { timeZone: 'Asia/Kolkata' });
    const { user, patient } = await createPatientUser(t.database.db, { hospital: london });
    await alsoRegister(patient.id, india.id);
    expect(await zoneOf(await sessionHeaders(t.database.db, user))).toBeNull();

    const unregistered = await createPatientUser(t.database.db);
    expect(await zoneOf(await sessionHeaders(t.database.db, unregistered.user))).toBeNull();

    const admin = await createPlatformAdmin(t.database.db);
    expect(await zoneOf(await sessionHeaders(t.database.db, admin))).toBeNull();
  });

  it("is another patient's hospitals' never: only the caller's own registrations count", async () => {
    const india = await createHospital(t.database.db, { timeZone: 'Asia/Kolkata' });
    const nairobi = await createHospital(t.database.db, { timeZone: 'Africa/Nairobi' });
    await createPatient(t.database.db, { hospital: nairobi });
    const { user } = await createPatientUser(t.database.db, { hospital: india });
    expect(await zoneOf(await sessionHeaders(t.database.db, user))).toBe('Asia/Kolkata');
  });
});
