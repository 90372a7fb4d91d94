import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatientUser, sessionHeaders, type AuthHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { desk, register, type Desk } from './patients.test-helpers';

// Each route's malformed requests answer 4xx problem+json and change nothing in the module's tables.

let t: TestApp;
let staff: Desk; // a doctor: may read, update and record clinical data, but not create
let front: Desk;
let patientId: string;
let allergyId: string;
let conditionId: string;
let self: { id: string; headers: AuthHeaders };
const NOBODY = '0190a6f0-0000-7000-8000-000000000000';
const LONG = 'x'.repeat(10_000);
const NUL = 'Pri\u0000ya';
const RTL = 'Priya\u202Eamrahs';

beforeAll(async () => {
  t = await buildTestApp();
  front = await desk(t, 'hospital_admin');
  staff = await desk(t, 'doctor', front.hospital);
  const p = await register(t, front, {
    allergies: [{ substance: 'Penicillin' }],
    conditions: [{ name: 'Asthma' }],
  });
  patientId = p.id;
  allergyId = (p.allergies as { id: string }[])[0]!.id;
  conditionId = (p.conditions as { id: string }[])[0]!.id;
  const { user, patient } = await createPatientUser(t.database.db);
  self = { id: patient.id, headers: await sessionHeaders(t.database.db, user) };
});
afterAll(async () => t?.close());

/** A fingerprint of everything this module stores. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of [
    'patients',
    'patient_registrations',
    'patient_allergies',
    'patient_conditions',
    'hospital_counters',
  ]) {
    const { rows } = await t.database.query<{ h: string | null }>(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    parts.push(`${table}:${rows[0]!.h}`);
  }
  return parts.join(',');
}

interface Case {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  payload?: unknown;
  headers?: Record<string, string | undefined>;
  status?: number;
}

async function expectRefused(cases: Case[]) {
  const before = await snapshot();
  for (const c of cases) {
    const res = await t.app.inject({
      method: c.method,
      url: c.url,
      headers: { ...(c.headers ?? staff.headers) },
      ...(c.payload === undefined ? {} : { payload: c.payload as object }),
    });
    const label = `${c.method} ${c.url.slice(0, 80)} ${JSON.stringify(c.payload)?.slice(0, 120)}`;
    expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, label).toBeLessThan(500);
    if (c.status) expect(res.statusCode, label).toBe(c.status);
    expect(res.headers['content-type'], label).toMatch(/application\/problem\+json/);
  }
  expect(await snapshot()).toBe(before);
}

const ok = { givenName: 'Valid', confirmNotDuplicate: true };

describe('bad input changes nothing', () => {
  it('POST /api/patients', async () => {
    const post = (payload: unknown, status = 400): Case => ({
      method: 'POST',
      url: '/api/patients',
      payload,
      headers: front.headers,
      status,
    });
    await expectRefused([
      post({}),
      post({ familyName: 'Only' }),
      post({ ...ok, hospitalId: front.hospital.id }),
      post({ ...ok, id: NOBODY }),
      post({ ...ok, createdBy: NOBODY }),
      post({ ...ok, userId: NOBODY }),
      post({ ...ok, mrn: 'X-000001' }),
      post({ ...ok, searchName: 'x' }),
      post({ ...ok, givenName: 123 }),
      post({ ...ok, givenName: '' }),
      post({ ...ok, givenName: '   ' }),
      post({ ...ok, givenName: LONG }),
      post({ ...ok, givenName: NUL }),
      post({ ...ok, givenName: RTL }),
      post({ ...ok, givenName: 'Two\nlines' }),
      post({ ...ok, dateOfBirth: '2999-01-01' }),
      post({ ...ok, dateOfBirth: new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10) }),
      post({ ...ok, dateOfBirth: '1990-02-30' }),
      post({ ...ok, dateOfBirth: '1850-01-01' }),
      post({ ...ok, dateOfBirth: 19900101 }),
      post({ ...ok, sex: 'robot' }),
      post({ ...ok, bloodGroup: 'C+' }),
      post({ ...ok, phone: '12345' }),
      post({ ...ok, phone: '+91 98765 4321x' }),
      post({ ...ok, email: 'not-an-email' }),
      post({ ...ok, confirmNotDuplicate: 'yes' }),
      post({ ...ok, allergies: 'penicillin' }),
      post({ ...ok, allergies: [{ substance: 'X', status: 'inactive' }] }),
      post({ ...ok, allergies: [{ substance: 'X', patientId: NOBODY }] }),
      post({ ...ok, allergies: Array.from({ length: 51 }, () => ({ substance: 'X' })) }),
      post({ ...ok, conditions: [{ name: 'X', icd10Code: 'nope' }] }),
      post({ ...ok, conditions: [{ name: LONG }] }),
      post(JSON.parse('{"givenName":"A","__proto__":{"admin":true}}')),
      post([ok]),
    ]);
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { ...front.headers, 'content-type': 'text/plain' },
      payload: 'givenName=A',
    });
    expect([400, 415]).toContain(text.statusCode);
  });

  it('POST /api/patients/register-existing', async () => {
    const other = await desk(t);
    const url = '/api/patients/register-existing';
    const person = { givenName: 'Nobody', familyName: 'Known', email: 'nobody-known@example.org' };
    await expectRefused([
      { method: 'POST', url, headers: other.headers, payload: { givenName: 'A' }, status: 400 },
      {
        method: 'POST',
        url,
        headers: other.headers,
        payload: { ...person, email: 'not-an-email' },
        status: 400,
      },
      { method: 'POST', url, headers: other.headers, payload: person, status: 404 },
      {
        method: 'POST',
        url,
        headers: other.headers,
        payload: { ...person, hospitalId: front.hospital.id },
        status: 400,
      },
      { method: 'POST', url, headers: other.headers, payload: { ...person, patientId }, status: 400 },
      // The old id-based route is gone: a real id and a random one answer alike.
      { method: 'POST', url: `/api/patients/${patientId}/register`, headers: other.headers, status: 404 },
      { method: 'POST', url: `/api/patients/${NOBODY}/register`, headers: other.headers, status: 404 },
    ]);
  });

  it('GET /api/patients', async () => {
    const get = (qs: string): Case => ({ method: 'GET', url: `/api/patients?${qs}`, status: 400 });
    await expectRefused([
      get('limit=101'),
      get('limit=0'),
      get('limit=-1'),
      get('limit=1.5'),
      get('limit=abc'),
      get('offset=-1'),
      get('offset=999999999999'),
      get(`q=${LONG}`),
      get('q=a%00b'),
      get(`q=${encodeURIComponent(RTL)}`),
      get('sort=name'),
      get('hospitalId=' + front.hospital.id),
    ]);
  });

  it('GET /api/patients/:id and its timeline and access log', async () => {
    await expectRefused([
      { method: 'GET', url: '/api/patients/abc', status: 400 },
      { method: 'GET', url: `/api/patients/${encodeURIComponent("1' or '1'='1")}`, status: 400 },
      { method: 'GET', url: `/api/patients/${NOBODY}`, status: 404 },
      { method: 'GET', url: `/api/patients/${patientId}?extra=1`, status: 400 },
      { method: 'GET', url: `/api/patients/${patientId}/timeline?limit=1000`, status: 400 },
      { method: 'GET', url: `/api/patients/${patientId}/timeline?cursor=-1`, status: 400 },
      { method: 'GET', url: `/api/patients/${patientId}/timeline?cursor=abc`, status: 400 },
      { method: 'GET', url: `/api/patients/${NOBODY}/timeline`, status: 404 },
      { method: 'GET', url: `/api/patients/${NOBODY}/access-log`, headers: front.headers, status: 404 },
    ]);
  });

  it('PATCH /api/patients/:id', async () => {
    const patch = (payload: unknown, status = 400, headers = staff.headers, id = patientId): Case => ({
      method: 'PATCH',
      url: `/api/patients/${id}`,
      payload,
      headers,
      status,
    });
    await expectRefused([
      patch({}),
      patch({ id: NOBODY }),
      patch({ hospitalId: front.hospital.id }),
      patch({ createdBy: NOBODY }),
      patch({ userId: NOBODY }),
      patch({ mrn: 'X-1' }),
      patch({ givenName: null }),
      patch({ givenName: '' }),
      patch({ givenName: LONG }),
      patch({ city: NUL }),
      patch({ city: RTL }),
      patch({ dateOfBirth: '2999-12-31' }),
      patch({ sex: null }),
      patch({ bloodGroup: 'AB' }),
      patch({ phone: 12345 }),
      patch({ city: 'X' }, 400, staff.headers, 'nope'),
      patch({ city: 'X' }, 404, staff.headers, NOBODY),
      patch({ city: 'X' }, 404, self.headers, patientId),
      patch({ bloodGroup: 'A+' }, 403, self.headers, self.id),
    ]);
  });

  it('allergies and conditions', async () => {
    const base = `/api/patients/${patientId}`;
    const c = (method: 'POST' | 'PATCH', url: string, payload: unknown, status = 400): Case => ({
      method,
      url,
      payload,
      status,
    });
    await expectRefused([
      c('POST', `${base}/allergies`, {}),
      c('POST', `${base}/allergies`, { substance: LONG }),
      c('POST', `${base}/allergies`, { substance: NUL }),
      c('POST', `${base}/allergies`, { substance: 'X', severity: 'deadly' }),
      c('POST', `${base}/allergies`, { substance: 'X', hospitalId: NOBODY }),
      c('POST', `${base}/allergies`, { substance: 'X', recordedBy: NOBODY }),
      c('POST', `/api/patients/${NOBODY}/allergies`, { substance: 'X' }, 404),
      c('PATCH', `${base}/allergies/${allergyId}`, {}),
      c('PATCH', `${base}/allergies/${allergyId}`, { substance: 'Other' }),
      c('PATCH', `${base}/allergies/${allergyId}`, { status: 'deleted' }),
      c('PATCH', `${base}/allergies/${allergyId}`, { status: null }),
      c('PATCH', `${base}/allergies/not-a-uuid`, { status: 'inactive' }),
      c('PATCH', `${base}/allergies/${NOBODY}`, { status: 'inactive' }, 404),
      c('PATCH', `${base}/allergies/${conditionId}`, { status: 'inactive' }, 404),
      c('POST', `${base}/conditions`, { name: 'X', icd10Code: 123 }),
      c('POST', `${base}/conditions`, { name: 'X', onsetDate: '2020-13-01' }),
      c('POST', `${base}/conditions`, { name: 'X', id: NOBODY }),
      c('PATCH', `${base}/conditions/${conditionId}`, { name: 'Renamed' }),
      c('PATCH', `${base}/conditions/${conditionId}`, { status: 'inactive' }),
      c('PATCH', `${base}/conditions/${conditionId}`, { onsetDate: '2999-01-01' }),
      c('PATCH', `${base}/conditions/${allergyId}`, { status: 'resolved' }, 404),
    ]);
  });
});
