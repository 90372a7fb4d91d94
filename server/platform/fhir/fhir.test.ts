// The FHIR R4 API as a client sees it: the CapabilityStatement, a Patient read with a bearer token,
// searches answering Bundles with paging links, errors as OperationOutcome, the hospital's scope,
// and every read in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMembership,
  createHospital,
  createPatient,
  createUser,
  sessionHeaders,
  TEST_PASSWORD,
  type HospitalRow,
} from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { dateMatches, dateRange, referenceId, token } from './fhir.params';
import { fhirTypes } from './fhir.routes';
import type { FhirResourceProvider } from './fhir.types';

let t: TestApp;
let hospital: HospitalRow;
let other: HospitalRow;
let bearer: Record<string, string>;

async function bearerFor(email: string, hospitalId: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { email, password: TEST_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return { authorization: `Bearer ${res.json().accessToken as string}`, 'x-hospital-id': hospitalId };
}

beforeAll(async () => {
  t = await buildTestApp();
  hospital = await createHospital(t.database.db);
  other = await createHospital(t.database.db);
  const desk = await createUser(t.database.db);
  await addMembership(t.database.db, desk, hospital, 'receptionist');
  bearer = await bearerFor(desk.email, hospital.id);
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string | undefined> = bearer) =>
  t.app.inject({ method: 'GET', url, headers });

describe('GET /fhir/R4/metadata', () => {
  it('describes the server without signing in: FHIR 4.0.1, JSON, each type with its search parameters', async () => {
    const res = await get('/fhir/R4/metadata', {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const cs = res.json();
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    const patient = cs.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.interaction).toEqual([{ code: 'read' }, { code: 'search-type' }]);
    expect(patient.searchParam.map((p: { name: string }) => p.name)).toEqual([
      '_id',
      'name',
      'identifier',
      'phone',
    ]);
  });

  it('refuses a format other than JSON, and parameters it does not take, with an OperationOutcome', async () => {
    for (const q of ['_format=xml', 'limit=10', 'mode=terminology']) {
      const res = await get(`/fhir/R4/metadata?${q}`, {});
      expect(res.statusCode, q).toBe(400);
      expect(res.json(), q).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
    }
    expect((await get('/fhir/R4/metadata?mode=full&_format=json', {})).statusCode).toBe(200);
  });
});

describe('Patient', () => {
  it('reads a registered patient as FHIR, with the MRN, and audits the read', async () => {
    const p = await createPatient(t.database.db, {
      hospital,
      values: {
        givenName: 'Asha',
        familyName: 'Verma',
        sex: 'female',
        dateOfBirth: '1990-04-02',
        phone: '+919812345678',
      },
    });
    const res = await get(`/fhir/R4/Patient/${p.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.json()).toMatchObject({
      resourceType: 'Patient',
      id: p.id,
      identifier: [
        { system: `urn:hospitium:mrn:${hospital.id}`, value: p.mrn, type: { coding: [{ code: 'MR' }] } },
      ],
      name: [{ family: 'Verma', given: ['Asha'], text: 'Asha Verma' }],
      gender: 'female',
      birthDate: '1990-04-02',
      telecom: [{ system: 'phone', value: '+919812345678' }],
    });
    expect(res.json().meta.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'patient.read' and entity_id = $1 and request_id = $2`,
      [p.id, res.headers['x-request-id']],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("answers 404 alike for another hospital's patient, an unknown id and an id that is not ours", async () => {
    const elsewhere = await createPatient(t.database.db, { hospital: other });
    for (const id of [elsewhere.id, '01900000-0000-7000-8000-000000000000', 'not-an-id']) {
      const res = await get(`/fhir/R4/Patient/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const outcome = res.json();
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]).toMatchObject({
        severity: 'error',
        code: 'not-found',
        details: { coding: [{ system: 'urn:hospitium:error-code', code: 'NOT_FOUND' }] },
      });
    }
  });

  it('refuses the anonymous (401) and roles without patients:read (403) as OperationOutcome', async () => {
    const p = await createPatient(t.database.db, { hospital });
    const anon = await get(`/fhir/R4/Patient/${p.id}`, {});
    expect(anon.statusCode).toBe(401);
    expect(anon.json().issue[0].code).toBe('login');
    const buyer = await createUser(t.database.db);
    await addMembership(t.database.db, buyer, hospital, 'procurement_officer');
    const res = await get(`/fhir/R4/Patient/${p.id}`, await sessionHeaders(t.database.db, buyer, hospital));
    expect(res.statusCode).toBe(403);
    expect(res.json().issue[0]).toMatchObject({
      code: 'forbidden',
      details: { coding: [{ code: 'FORBIDDEN' }] },
    });
  });

  it('searches by name (typo-tolerant), MRN and phone, answering a searchset Bundle', async () => {
    const family = `Zyxwvut${Date.now() % 100000}`;
    const p = await createPatient(t.database.db, {
      hospital,
      values: { givenName: 'Kiran', familyName: family, phone: `+91990${String(Date.now()).slice(-7)}` },
    });
    await createPatient(t.database.db, {
      hospital: other,
      values: { givenName: 'Kiran', familyName: family },
    });
    // MRNs are upper-case, as the series makes them (the factory's are not).
    p.mrn = p.mrn!.toUpperCase();
    await t.database.query(`update patient_registrations set mrn = $1 where patient_id = $2`, [p.mrn, p.id]);
    const byName = await get(`/fhir/R4/Patient?name=${family.slice(0, -1)}x`);
    expect(byName.statusCode).toBe(200);
    const bundle = byName.json();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(bundle.entry[0]).toMatchObject({
      fullUrl: expect.stringMatching(new RegExp(`/fhir/R4/Patient/${p.id}$`)),
      resource: { resourceType: 'Patient', id: p.id, meta: { tag: [{ code: 'SUBSETTED' }] } },
      search: { mode: 'match' },
    });
    const byMrn = await get(`/fhir/R4/Patient?identifier=urn:hospitium:mrn:${hospital.id}|${p.mrn}`);
    expect(byMrn.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([p.id]);
    const byPhone = await get(`/fhir/R4/Patient?phone=${p.phone!.slice(-8)}`);
    expect(byPhone.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([p.id]);
    const byId = await get(`/fhir/R4/Patient?_id=${p.id}`);
    expect(byId.json()).toMatchObject({ total: 1, entry: [{ resource: { id: p.id } }] });
    // Past its one match, the page is empty but the total still says 1.
    const pastIt = (await get(`/fhir/R4/Patient?_id=${p.id}&_offset=1`)).json();
    expect(pastIt.total).toBe(1);
    expect(pastIt.entry).toEqual([]);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'patient.search' and request_id = $1`,
      [byName.headers['x-request-id']],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('pages with _count and _offset, linking the next and previous pages', async () => {
    const family = `Pagerson${Date.now() % 100000}`;
    for (let i = 0; i < 3; i++)
      await createPatient(t.database.db, { hospital, values: { givenName: `P${i}`, familyName: family } });
    const first = (await get(`/fhir/R4/Patient?name=${family}&_count=2`)).json();
    expect(first.total).toBe(3);
    expect(first.entry).toHaveLength(2);
    const links = Object.fromEntries(
      first.link.map((l: { relation: string; url: string }) => [l.relation, l.url]),
    );
    expect(links.previous).toBeUndefined();
    const next = new URL(links.next as string);
    expect(next.searchParams.get('_offset')).toBe('2');
    const second = (await get(`${next.pathname}${next.search}`)).json();
    expect(second.entry).toHaveLength(1);
    expect(second.link.map((l: { relation: string }) => l.relation)).toEqual(['self', 'previous']);
    const ids = [...first.entry, ...second.entry].map((e: { resource: { id: string } }) => e.resource.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('refuses what it cannot honour with 400: an unknown parameter, a modifier, a repeat, a bad page', async () => {
    for (const q of [
      'birthdate=1990-01-01',
      'name:exact=Asha',
      'name=a&name=b',
      '_count=0',
      '_count=1000',
      '_offset=-1',
      'name=Asha&phone=123456',
      'identifier=urn:other|X-1',
      'phone=12',
      'name=',
      'name=Asha,Kiran',
      '_id=a,b',
    ]) {
      const res = await get(`/fhir/R4/Patient?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().resourceType, q).toBe('OperationOutcome');
    }
  });

  it('answers an unknown type with a 404 OperationOutcome', async () => {
    const res = await get('/fhir/R4/Spaceship/1');
    expect(res.statusCode).toBe(404);
    expect(res.json().resourceType).toBe('OperationOutcome');
  });
});

describe('search parameter values', () => {
  it('reads references, tokens and dates, and refuses the unreadable', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    expect(referenceId('patient', `Patient/${id}`, 'Patient')).toBe(id);
    expect(referenceId('patient', id, 'Patient')).toBe(id);
    expect(referenceId('patient', `https://x.example/fhir/R4/Patient/${id}`, 'Patient')).toBe(id);
    expect(() => referenceId('patient', `Practitioner/${id}`, 'Patient')).toThrow(/reference to Patient/);
    expect(() => referenceId('patient', 'Patient/123', 'Patient')).toThrow(/not a Patient id/);
    expect(token('code', 'http://loinc.org|718-7')).toEqual({ system: 'http://loinc.org', code: '718-7' });
    expect(token('code', '718-7')).toEqual({ system: null, code: '718-7' });
    const day = dateRange('date', 'ge2026-12-01');
    expect(day.from.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(dateMatches(day, new Date('2026-11-30T23:59:59Z'))).toBe(false);
    expect(dateMatches(day, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    const month = dateRange('date', '2026-02');
    expect(month.to.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    const lt = dateRange('date', 'lt2026-12-01T10:00:00+05:30');
    expect(dateMatches(lt, new Date('2026-12-01T04:29:59Z'))).toBe(true);
    expect(dateMatches(lt, new Date('2026-12-01T04:30:00Z'))).toBe(false);
    for (const bad of [
      '2026-13-01',
      '2026-02-30',
      '2026-00-10',
      '2026-02-30T10:00:00Z',
      '0099-01-01',
      '2026-01-01T24:00:00Z',
      'yesterday',
      'xx2026',
    ]) {
      expect(() => dateRange('date', bad), bad).toThrow(/Search parameter/);
    }
  });
});

describe('a type served by several modules', () => {
  const provider = (over: Partial<FhirResourceProvider>): FhirResourceProvider => ({
    type: 'Observation',
    documentation: 'x',
    access: { anyOf: ['lab-orders:read'] },
    read: async () => ({ resourceType: 'Observation', id: 'x' }),
    search: {
      params: [{ name: 'patient', type: 'reference', documentation: '' }],
      run: async () => ({ resources: [] }),
    },
    sortKey: () => '',
    ...over,
  });

  it('is one set of routes whose access is any of the providers', () => {
    const [type] = fhirTypes([
      provider({}),
      provider({ access: { anyOf: ['consultations:read', 'lab-orders:read'] } }),
    ]);
    expect(type!.providers).toHaveLength(2);
    expect(type!.access).toEqual({ anyOf: ['lab-orders:read', 'consultations:read'] });
  });

  it('refuses to start when the providers disagree on searching or cannot be merged', () => {
    const otherParams = provider({
      search: {
        params: [{ name: 'subject', type: 'reference', documentation: '' }],
        run: async () => ({ resources: [] }),
      },
    });
    expect(() => fhirTypes([provider({}), otherParams])).toThrow(/different search parameters/);
    expect(() => fhirTypes([provider({}), provider({ search: undefined })])).toThrow(
      /every provider must search/,
    );
    expect(() => fhirTypes([provider({}), provider({ sortKey: undefined })])).toThrow(/needs sortKey/);
  });
});
