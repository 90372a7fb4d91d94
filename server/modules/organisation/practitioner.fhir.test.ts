// Practitioner over /fhir/R4: the hospital's approved doctors by user id, with their registration
// number; applications, other hospitals' doctors and callers without doctors:read kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHospital,
  createStaff,
  createUser,
  type HospitalRow,
  type UserRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { patientCaller, staffCaller, type Caller } from './organisation.test-helpers';

let t: TestApp;
let hospital: HospitalRow;
let desk: Caller;
let meera: UserRow;
let retired: UserRow;
const tag = `Zq${Date.now() % 100000}`;

beforeAll(async () => {
  t = await buildTestApp();
  hospital = await createHospital(t.database.db);
  desk = await staffCaller(t, hospital, 'receptionist');
  meera = await createStaff(t.database.db, hospital, 'doctor', { fullName: `Meera Krishnan ${tag}` });
  await t.database.query(
    `update doctor_profiles set qualifications = 'MBBS, MD (Medicine)', registration_number = $2
      where user_id = $1`,
    [meera.id, `KMC-${tag}`],
  );
  // Approved once, but no longer holds the doctor role here.
  retired = await createStaff(t.database.db, hospital, 'doctor', { fullName: `Ravi Old ${tag}` });
  await t.database.query(`update memberships set active = false where user_id = $1`, [retired.id]);
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string | undefined> = desk.h) =>
  t.app.inject({ method: 'GET', url, headers });
const ids = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);

describe('Practitioner read', () => {
  it('maps an approved doctor by user id: name, registration, qualifications, work email', async () => {
    const res = await get(`/fhir/R4/Practitioner/${meera.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.json()).toMatchObject({
      resourceType: 'Practitioner',
      id: meera.id,
      active: true,
      identifier: [
        {
          system: 'urn:hospitium:medical-registration',
          value: `KMC-${tag}`,
          type: { coding: [{ code: 'MD' }] },
        },
      ],
      name: [{ use: 'official', text: `Meera Krishnan ${tag}` }],
      telecom: [{ system: 'email', value: meera.email, use: 'work' }],
      qualification: [
        {
          identifier: [{ system: 'urn:hospitium:medical-registration', value: `KMC-${tag}` }],
          code: { text: 'MBBS, MD (Medicine)' },
        },
      ],
    });
    expect(res.json().meta.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.json()).not.toHaveProperty('gender');
  });

  it('shows a doctor who no longer holds the doctor role as inactive', async () => {
    const res = await get(`/fhir/R4/Practitioner/${retired.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
  });

  it("answers 404 for a pending application, another hospital's doctor, a profile id and a stranger", async () => {
    const applicant = await createUser(t.database.db);
    await t.database.query(
      `insert into doctor_profiles (id, user_id, hospital_id, specialty, registration_number, status)
       values (gen_random_uuid(), $1, $2, 'Cardiology', 'PENDING-1', 'pending')`,
      [applicant.id, hospital.id],
    );
    const elsewhere = await createStaff(t.database.db, await createHospital(t.database.db), 'doctor');
    const { rows } = await t.database.query<{ id: string }>(
      `select id from doctor_profiles where user_id = $1`,
      [meera.id],
    );
    for (const id of [applicant.id, elsewhere.id, rows[0]!.id, desk.user.id]) {
      const res = await get(`/fhir/R4/Practitioner/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
    const search = (await get(`/fhir/R4/Practitioner?identifier=PENDING-1`)).json();
    expect(search.total).toBe(0);
  });

  it('refuses callers without doctors:read (a patient) with 403', async () => {
    const patient = await patientCaller(t);
    const res = await get(`/fhir/R4/Practitioner/${meera.id}`, patient.h);
    expect(res.statusCode).toBe(403);
    expect(res.json().issue[0].code).toBe('forbidden');
  });
});

describe('Practitioner search', () => {
  it('finds by any part of the name, ignoring case, only at this hospital', async () => {
    const other = await createHospital(t.database.db);
    await createStaff(t.database.db, other, 'doctor', { fullName: `Meera Elsewhere ${tag}` });
    const res = await get(
      `/fhir/R4/Practitioner?name=${encodeURIComponent(`krishnan ${tag.toLowerCase()}`)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(ids(res.json())).toEqual([meera.id]);
    // Everyone named with the tag here: the two doctors, newest first; not the other hospital's.
    expect(ids((await get(`/fhir/R4/Practitioner?name=${tag}`)).json())).toEqual([retired.id, meera.id]);
  });

  it('finds by registration number, with or without its system, and refuses another system', async () => {
    const bare = (await get(`/fhir/R4/Practitioner?identifier=KMC-${tag}`)).json();
    expect(ids(bare)).toEqual([meera.id]);
    const withSystem = (
      await get(`/fhir/R4/Practitioner?identifier=urn:hospitium:medical-registration|KMC-${tag}`)
    ).json();
    expect(ids(withSystem)).toEqual([meera.id]);
    expect((await get(`/fhir/R4/Practitioner?identifier=KMC-nobody`)).json().total).toBe(0);
    const bad = await get(`/fhir/R4/Practitioner?identifier=urn:other|KMC-${tag}`);
    expect(bad.statusCode).toBe(400);
  });

  it('filters by active, and refuses a value that is not true or false', async () => {
    const active = ids((await get(`/fhir/R4/Practitioner?active=true&name=${tag}`)).json());
    expect(active).toEqual([meera.id]);
    const inactive = ids((await get(`/fhir/R4/Practitioner?active=false&name=${tag}`)).json());
    expect(inactive).toEqual([retired.id]);
    expect((await get('/fhir/R4/Practitioner?active=yes')).statusCode).toBe(400);
  });

  it('pages the whole list with a total', async () => {
    const first = (await get('/fhir/R4/Practitioner?_count=1')).json();
    expect(first.total).toBe(2);
    expect(first.entry).toHaveLength(1);
    expect(first.link.map((l: { relation: string }) => l.relation)).toContain('next');
  });
});
