// FHIR Schedule: a doctor profile's weekly hours, read and searched by actor and active, within the
// hospital the caller acts in (a caller acting in none sees the doctors anyone may book).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHospital,
  createPlatformAdmin,
  createStaff,
  sessionHeaders,
  TEST_PASSWORD,
} from '../../test/factories';
import { bearerHeaders, buildTestApp, type TestApp } from '../../test/harness';
import {
  clinic,
  doctorAt,
  entryIds as ids,
  fhirGet,
  hours,
  inDays,
  patientUser,
  type Clinic,
} from './scheduling.test-helpers';

let t: TestApp;
let c: Clinic;
const day = inDays(8);

beforeAll(async () => {
  t = await buildTestApp();
  c = await clinic(t);
  await hours(t, c, day);
  await hours(t, c, inDays(9), { startTime: '14:00', endTime: '16:00', slotMinutes: 20 });
});
afterAll(async () => t?.close());

const get = (url: string, headers: object = c.reception) => fhirGet(t, url, headers);
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const weekday = (date: string) => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];

/** An approved doctor who no longer practises here (their doctor role taken away): not bookable. */
const stopPractising = (profileId: string) =>
  t.database.query(
    `update memberships set active = false
      where role = 'doctor' and (user_id, hospital_id) = (select user_id, hospital_id from doctor_profiles where id = $1)`,
    [profileId],
  );

describe('FHIR Schedule', () => {
  it("reads a doctor's schedule: the Practitioner, specialty, horizon and the weekly hours in words", async () => {
    const res = await get(`/fhir/R4/Schedule/${c.doctor.id}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const { rows } = await t.database.query<{ full_name: string }>(
      'select full_name from users where id = $1',
      [c.doctor.userId],
    );
    expect(s).toMatchObject({
      resourceType: 'Schedule',
      id: c.doctor.id,
      active: true,
      specialty: [{ text: 'General Medicine' }],
      actor: [{ reference: `Practitioner/${c.doctor.userId}`, display: rows[0]!.full_name }],
      planningHorizon: { start: inDays(0) },
    });
    expect(s.planningHorizon.end).toBeUndefined();
    expect(s.comment).toContain('(Asia/Kolkata)');
    expect(s.comment).toContain(`${weekday(day)} 09:00–12:00 in 15-minute slots`);
    expect(s.comment).toContain(`${weekday(inDays(9))} 14:00–16:00 in 20-minute slots`);
  });

  it('says when a doctor has no hours, and is inactive when they cannot be booked', async () => {
    const d = await doctorAt(t, c.hospital);
    await stopPractising(d.id);
    const s = (await get(`/fhir/R4/Schedule/${d.id}`)).json();
    expect(s).toMatchObject({ id: d.id, active: false, comment: 'No weekly hours set.' });
    expect(s.planningHorizon).toBeUndefined();
  });

  it("answers 404 for another hospital's doctor, an unknown id and an id that is not ours", async () => {
    const elsewhere = await doctorAt(t, await createHospital(t.database.db));
    for (const id of [elsewhere.id, '01900000-0000-7000-8000-000000000000', 'not-an-id']) {
      const res = await get(`/fhir/R4/Schedule/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
  });

  it('searches by actor and by active, newest first, only at the hospital acted in', async () => {
    const c2 = await clinic(t);
    const second = await doctorAt(t, c2.hospital);
    const retired = await doctorAt(t, c2.hospital);
    await stopPractising(retired.id);
    // An application not yet approved is no doctor of the hospital's: no Schedule at all.
    const applicant = await doctorAt(t, c2.hospital);
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [applicant.id]);
    const get2 = (q: string) => get(`/fhir/R4/Schedule?${q}`, c2.reception);

    const all = (await get2('')).json();
    expect(all).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 3 });
    expect(ids(all)).toEqual([retired.id, second.id, c2.doctor.id]);
    expect((await get(`/fhir/R4/Schedule/${applicant.id}`, c2.reception)).statusCode).toBe(404);
    const byActor = (await get2(`actor=Practitioner/${second.userId}`)).json();
    expect(byActor.total).toBe(1);
    expect(ids(byActor)).toEqual([second.id]);
    // The same person's schedule at another hospital is not this hospital's.
    expect((await get2(`actor=Practitioner/${c.doctor.userId}`)).json().total).toBe(0);
    expect(ids((await get2('active=false')).json())).toEqual([retired.id]);
    expect(ids((await get2('active=true&_count=1')).json())).toEqual([second.id]);

    for (const q of ['active=maybe', 'actor=Patient/01900000-0000-7000-8000-000000000000', 'name=x']) {
      expect((await get2(q)).statusCode, q).toBe(400);
    }
  });

  it('shows a patient, who acts in no hospital, the doctors anyone may book (with a bearer token)', async () => {
    const p = await patientUser(t);
    const bearer = await bearerHeaders(t, p.user.email, TEST_PASSWORD);
    expect((await get(`/fhir/R4/Schedule/${c.doctor.id}`, bearer)).statusCode).toBe(200);
    const pending = await doctorAt(t, c.hospital);
    await t.database.query(`update doctor_profiles set status = 'pending' where id = $1`, [pending.id]);
    expect((await get(`/fhir/R4/Schedule/${pending.id}`, bearer)).statusCode).toBe(404);
    const mine = (await get(`/fhir/R4/Schedule?actor=Practitioner/${c.doctor.userId}`, bearer)).json();
    expect(ids(mine)).toEqual([c.doctor.id]);
    const none = (await get(`/fhir/R4/Schedule?actor=Practitioner/${pending.userId}`, bearer)).json();
    expect(none.total).toBe(0);
  });

  it('shows a caller without doctors:read acting in a hospital (a platform admin) only bookable doctors', async () => {
    const retired = await doctorAt(t, c.hospital);
    await stopPractising(retired.id);
    const admin = await sessionHeaders(t.database.db, await createPlatformAdmin(t.database.db), c.hospital);
    expect((await get(`/fhir/R4/Schedule/${c.doctor.id}`, admin)).statusCode).toBe(200);
    expect((await get(`/fhir/R4/Schedule/${retired.id}`, admin)).statusCode).toBe(404);
    const listed = ids((await get('/fhir/R4/Schedule?_count=100', admin)).json());
    expect(listed).toContain(c.doctor.id);
    expect(listed).not.toContain(retired.id);
  });

  it('lets any signed-in staff member read it, as the free slots are', async () => {
    const buyer = await createStaff(t.database.db, c.hospital, 'procurement_officer');
    const headers = await bearerHeaders(t, buyer.email, TEST_PASSWORD);
    const res = await get(`/fhir/R4/Schedule/${c.doctor.id}`, { ...headers, 'x-hospital-id': c.hospital.id });
    expect(res.statusCode).toBe(200);
    expect((await get(`/fhir/R4/Schedule/${c.doctor.id}`, {})).statusCode).toBe(401);
  });
});
