// Organization over /fhir/R4: the caller's hospital (prov, by its code) and its departments (dept,
// part of it); another hospital and its departments are not found, and a caller who may not list
// departments sees the hospital alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment, createHospital, type HospitalRow } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { patientCaller, platformCaller, staffCaller, type Caller } from './organisation.test-helpers';

let t: TestApp;
let hospital: HospitalRow;
let other: HospitalRow;
let nurse: Caller;
let cardiology: { id: string };
let closed: { id: string };
const tag = `Org${Date.now() % 100000}`;

beforeAll(async () => {
  t = await buildTestApp();
  hospital = await createHospital(t.database.db, {
    name: `City General ${tag}`,
    code: `CG${tag}`.toUpperCase(),
    addressLine: '12 MG Road',
    city: 'Bengaluru',
    country: 'IN',
    phone: '+918012345678',
    email: 'desk@citygeneral.example',
  });
  other = await createHospital(t.database.db);
  cardiology = await createDepartment(t.database.db, hospital, `Cardiology ${tag}`);
  closed = await createDepartment(t.database.db, hospital, `Old Wing ${tag}`);
  await t.database.query(`update departments set active = false where id = $1`, [closed.id]);
  nurse = await staffCaller(t, hospital, 'nurse');
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string | undefined> = nurse.h) =>
  t.app.inject({ method: 'GET', url, headers });
const ids = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);

describe('Organization read', () => {
  it('maps the hospital: prov, its code, address and contacts', async () => {
    const res = await get(`/fhir/R4/Organization/${hospital.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      resourceType: 'Organization',
      id: hospital.id,
      active: true,
      identifier: [{ system: 'urn:hospitium:hospital-code', value: hospital.code }],
      type: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }] },
      ],
      name: `City General ${tag}`,
      telecom: [
        { system: 'phone', value: '+918012345678', use: 'work' },
        { system: 'email', value: 'desk@citygeneral.example', use: 'work' },
      ],
      address: [{ line: ['12 MG Road'], city: 'Bengaluru', country: 'IN' }],
    });
    expect(res.json()).not.toHaveProperty('partOf');
    expect(res.json().meta.lastUpdated).toBe(hospital.updatedAt.toISOString());
  });

  it('maps a department: dept, part of the hospital, active or not', async () => {
    const res = await get(`/fhir/R4/Organization/${closed.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const org = res.json();
    expect(org).toMatchObject({
      resourceType: 'Organization',
      id: closed.id,
      active: false,
      type: [{ coding: [{ code: 'dept' }] }],
      name: `Old Wing ${tag}`,
      partOf: { reference: `Organization/${hospital.id}` },
    });
    for (const absent of ['identifier', 'telecom', 'address']) expect(org).not.toHaveProperty(absent);
  });

  it("answers 404 for another hospital and another hospital's department", async () => {
    const theirs = await createDepartment(t.database.db, other);
    for (const id of [other.id, theirs.id, '01900000-0000-7000-8000-000000000000']) {
      const res = await get(`/fhir/R4/Organization/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
  });

  it('shows a platform admin acting in the hospital the hospital but not its departments (no departments:read)', async () => {
    const admin = await platformCaller(t);
    const h = { ...admin.h, 'x-hospital-id': hospital.id };
    expect((await get(`/fhir/R4/Organization/${hospital.id}`, h)).statusCode).toBe(200);
    expect((await get(`/fhir/R4/Organization/${cardiology.id}`, h)).statusCode).toBe(404);
    expect(ids((await get('/fhir/R4/Organization', h)).json())).toEqual([hospital.id]);
  });

  it('refuses a patient (no hospitals:read nor departments:read) with 403', async () => {
    const patient = await patientCaller(t);
    expect((await get(`/fhir/R4/Organization/${hospital.id}`, patient.h)).statusCode).toBe(403);
  });
});

describe('Organization search', () => {
  it('lists the hospital and its departments, newest first, and nothing of another hospital', async () => {
    const res = await get('/fhir/R4/Organization');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 3 });
    expect(ids(res.json())).toEqual([closed.id, cardiology.id, hospital.id]);
  });

  it('filters by type, partof, name and identifier', async () => {
    expect(ids((await get('/fhir/R4/Organization?type=prov')).json())).toEqual([hospital.id]);
    const depts = (
      await get('/fhir/R4/Organization?type=http://terminology.hl7.org/CodeSystem/organization-type|dept')
    ).json();
    expect(ids(depts)).toEqual([closed.id, cardiology.id]);
    expect(ids((await get(`/fhir/R4/Organization?partof=Organization/${hospital.id}`)).json())).toEqual([
      closed.id,
      cardiology.id,
    ]);
    expect((await get(`/fhir/R4/Organization?partof=Organization/${other.id}`)).json().total).toBe(0);
    expect(ids((await get('/fhir/R4/Organization?name=cardio')).json())).toEqual([cardiology.id]);
    expect(ids((await get(`/fhir/R4/Organization?name=${tag}&type=dept&_count=1`)).json())).toEqual([
      closed.id,
    ]);
    const byCode = await get(`/fhir/R4/Organization?identifier=urn:hospitium:hospital-code|${hospital.code}`);
    expect(ids(byCode.json())).toEqual([hospital.id]);
    expect((await get(`/fhir/R4/Organization?identifier=${other.code}`)).json().total).toBe(0);
    expect((await get('/fhir/R4/Organization?type=pay')).json().total).toBe(0);
  });

  it('refuses what it cannot read with 400', async () => {
    for (const q of ['type=urn:other|dept', 'partof=Patient/x', 'identifier=urn:other|CG', 'address=x']) {
      const res = await get(`/fhir/R4/Organization?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('answers a staff member acting in another hospital with that hospital only', async () => {
    const theirs = await staffCaller(t, other, 'receptionist');
    const res = (await get('/fhir/R4/Organization?type=prov', theirs.h)).json();
    expect(ids(res)).toEqual([other.id]);
  });
});
