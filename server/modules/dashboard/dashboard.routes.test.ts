import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dashboard } from '../../../contracts/dashboard';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  createDepartment,
  createHospital,
  createPatient,
  createPatientUser,
  createPlatformAdmin,
  createStaff,
  createUser,
  sessionHeaders,
} from '../../test/factories';
import { doctorProfiles } from '../organisation/organisation.tables';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

async function dashboardAs(headers: Record<string, string | undefined>) {
  const res = await t.app.inject({ method: 'GET', url: '/api/dashboard', headers });
  expect(res.statusCode).toBe(200);
  return Dashboard.parse(res.json());
}
const card = (d: Dashboard, key: string) => d.cards.find((c) => c.key === key);

describe('GET /api/dashboard', () => {
  it('refuses anonymous callers, and query fields it does not take', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(res.statusCode).toBe(401);
    const h = await createHospital(t.database.db);
    const admin = await createStaff(t.database.db, h, 'hospital_admin');
    const extra = await t.app.inject({
      method: 'GET',
      url: '/api/dashboard?limit=5',
      headers: await sessionHeaders(t.database.db, admin, h),
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('VALIDATION_FAILED');
  });

  it('gives a hospital admin live counts for their hospital only, and says which modules are not built', async () => {
    const db = t.database.db;
    const h = await createHospital(db);
    const other = await createHospital(db);
    const admin = await createStaff(db, h, 'hospital_admin');
    await createStaff(db, h, 'receptionist');
    await createStaff(db, h, 'doctor');
    await createStaff(db, other, 'doctor');
    const applicant = await createUser(db);
    await db
      .insert(doctorProfiles)
      .values({ userId: applicant.id, hospitalId: h.id, specialty: 'ENT', registrationNumber: 'R-1' });
    await createDepartment(db, h);
    await createDepartment(db, h);
    await createDepartment(db, other);
    const p1 = await createPatient(db, { hospital: h });
    await createPatient(db, { hospital: h });
    await createPatient(db, { hospital: other });

    const d = await dashboardAs(await sessionHeaders(db, admin, h));
    expect(d.hospital).toMatchObject({ id: h.id, name: h.name, timeZone: 'Asia/Kolkata', currency: 'INR' });
    expect(card(d, 'patients')).toEqual({ key: 'patients', available: true, value: 2 });
    expect(card(d, 'registrationsToday')).toEqual({ key: 'registrationsToday', available: true, value: 2 });
    expect(card(d, 'doctorsApproved')).toEqual({ key: 'doctorsApproved', available: true, value: 1 });
    expect(card(d, 'doctorsPending')).toEqual({ key: 'doctorsPending', available: true, value: 1 });
    expect(card(d, 'staff')).toEqual({ key: 'staff', available: true, value: 3 });
    expect(card(d, 'departments')).toEqual({ key: 'departments', available: true, value: 2 });
    // Appointments come from the scheduling module (none booked here yet).
    expect(card(d, 'appointmentsToday')).toEqual({ key: 'appointmentsToday', available: true, value: 0 });
    expect(card(d, 'recentAppointments')).toEqual({ key: 'recentAppointments', available: true, value: 0 });
    // Revenue comes from the billing module (nothing invoiced here yet).
    expect(card(d, 'revenueToday')).toEqual({ key: 'revenueToday', available: true, value: 0 });
    expect(d.recentRegistrations?.map((r) => r.patientId)).toContain(p1.id);
    expect(d.recentRegistrations).toHaveLength(2);
    expect(d.ownRecord).toBeNull();

    // The list of names is a read of patient data and is audited.
    const log = await t.app.inject({
      method: 'GET',
      url: '/api/audit-events?action=dashboard.recent_registrations.read',
      headers: await sessionHeaders(db, admin, h),
    });
    expect(log.json().items[0]).toMatchObject({ actorUserId: admin.id, hospitalId: h.id });
  });

  it('counts only registrations made since midnight in the hospital time zone', async () => {
    const db = t.database.db;
    // A zone far from UTC makes "today" differ from the UTC day for part of every day.
    const h = await createHospital(db, { timeZone: 'Pacific/Kiritimati' });
    const admin = await createStaff(db, h, 'hospital_admin');
    const p = await createPatient(db, { hospital: h });
    // One minute before local midnight is yesterday there, whatever day it is in UTC.
    const late = await createPatient(db);
    await t.database.query(
      `insert into patient_registrations (id, patient_id, hospital_id, mrn, registered_at)
       values (gen_random_uuid(), $1, $2, 'LATE-1',
               (date_trunc('day', now() at time zone 'Pacific/Kiritimati') at time zone 'Pacific/Kiritimati') - interval '1 minute')`,
      [late.id, h.id],
    );
    const d = await dashboardAs(await sessionHeaders(db, admin, h));
    expect(card(d, 'patients')).toMatchObject({ value: 2 });
    expect(card(d, 'registrationsToday')).toMatchObject({ value: 1 });
    expect(d.recentRegistrations?.[0]?.patientId).toBe(p.id);
  });

  it('shows a receptionist today’s registrations, and a doctor prescriptions and cards for modules to come', async () => {
    const db = t.database.db;
    const h = await createHospital(db);
    const receptionist = await createStaff(db, h, 'receptionist');
    const doctor = await createStaff(db, h, 'doctor');
    await createPatient(db, { hospital: h });

    const r = await dashboardAs(await sessionHeaders(db, receptionist, h));
    expect(r.cards[0]).toEqual({ key: 'registrationsToday', available: true, value: 1 });
    expect(r.recentRegistrations).toHaveLength(1);
    expect(card(r, 'staff')).toBeUndefined();

    const d = await dashboardAs(await sessionHeaders(db, doctor, h));
    // Prescriptions come from the pharmacy module, the doctor's own day from scheduling, the
    // consultations still to close from the clinical module.
    expect(d.cards.filter((c) => c.available).map((c) => c.key)).toEqual([
      'patientsSeen',
      'appointmentsToday',
      'queueWaiting',
      'pendingReviews',
      'recentPrescriptions',
    ]);
    expect(card(d, 'pendingReviews')).toEqual({ key: 'pendingReviews', available: true, value: 0 });
    expect(card(d, 'recentPrescriptions')).toEqual({ key: 'recentPrescriptions', available: true, value: 0 });
    expect(card(d, 'appointmentsToday')).toEqual({ key: 'appointmentsToday', available: true, value: 0 });
    expect(d.recentRegistrations).toBeNull();
    expect(d.doctorApplications).toEqual([expect.objectContaining({ hospitalId: h.id, status: 'approved' })]);
  });

  it("gives a patient their own record and hospitals, and no hospital's figures", async () => {
    const db = t.database.db;
    const h = await createHospital(db);
    const { user, patient } = await createPatientUser(db, { hospital: h });
    await t.database.query(
      `insert into patient_allergies (id, patient_id, substance, status) values (gen_random_uuid(), $1, 'Penicillin', 'active'), (gen_random_uuid(), $1, 'Latex', 'entered_in_error')`,
      [patient.id],
    );
    const d = await dashboardAs(await sessionHeaders(db, user));
    expect(d.roles).toEqual(['patient']);
    expect(d.hospital).toBeNull();
    expect(d.recentRegistrations).toBeNull();
    expect(d.cards.map((c) => c.key)).toEqual(['upcomingAppointments', 'recentPrescriptions', 'unpaidBills']);
    // Their own prescriptions, appointments and unpaid bills (none yet).
    expect(card(d, 'recentPrescriptions')).toEqual({ key: 'recentPrescriptions', available: true, value: 0 });
    expect(card(d, 'upcomingAppointments')).toEqual({
      key: 'upcomingAppointments',
      available: true,
      value: 0,
    });
    expect(card(d, 'unpaidBills')).toEqual({ key: 'unpaidBills', available: true, value: 0 });
    expect(d.cards.filter((c) => !c.available)).toEqual([]);
    expect(d.ownRecord).toMatchObject({ patientId: patient.id, activeAllergies: 1, activeConditions: 0 });
    expect(d.ownRecord?.hospitals).toEqual([
      expect.objectContaining({ hospitalId: h.id, name: h.name, mrn: patient.mrn, timeZone: h.timeZone }),
    ]);
  });

  it('tells a doctor waiting for approval where their application stands', async () => {
    const db = t.database.db;
    const h = await createHospital(db);
    const applicant = await createUser(db);
    await db.insert(doctorProfiles).values({
      userId: applicant.id,
      hospitalId: h.id,
      specialty: 'Cardiology',
      registrationNumber: 'R-2',
      status: 'rejected',
      rejectionReason: 'Registration number not found',
    });
    const d = await dashboardAs(await sessionHeaders(db, applicant));
    expect(d.roles).toEqual([]);
    expect(d.cards).toEqual([]);
    expect(d.doctorApplications).toEqual([
      expect.objectContaining({
        hospitalName: h.name,
        status: 'rejected',
        rejectionReason: 'Registration number not found',
      }),
    ]);
  });

  it('gives a platform admin installation-wide counts', async () => {
    const db = t.database.db;
    const admin = await createPlatformAdmin(db);
    await createHospital(db);
    const d = await dashboardAs(await sessionHeaders(db, admin));
    const hospitals = card(d, 'hospitals');
    expect(hospitals?.available && hospitals.value).toBeGreaterThanOrEqual(1);
    expect(card(d, 'users')).toMatchObject({ available: true });
  });
});
