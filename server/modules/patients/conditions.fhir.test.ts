// The patient's recorded conditions as FHIR Condition (problem-list-item): the mapped resource, the
// hospital's scope, the search filters in SQL, paging, and the read in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHospital, createPatient, createStaff, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { auditRows, desk, register, type Desk } from './patients.test-helpers';

let t: TestApp;
let front: Desk;
let doctor: Desk;
let patientId: string;
const ids: Record<string, string> = {};

const get = (url: string, d: { headers: Record<string, string | undefined> } = front) =>
  t.app.inject({ method: 'GET', url, headers: d.headers });

async function recordCondition(body: object): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/conditions`,
    headers: doctor.headers,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  front = await desk(t);
  doctor = await desk(t, 'doctor', front.hospital);
  patientId = (await register(t, front, { givenName: 'Meera', familyName: 'Iyer' })).id;
  ids.diabetes = await recordCondition({
    name: 'Type 2 diabetes',
    icd10Code: 'E11.9',
    onsetDate: '2020-01-15',
  });
  ids.asthma = await recordCondition({ name: 'Childhood asthma', icd10Code: 'J45', status: 'resolved' });
  ids.wrong = await recordCondition({ name: 'Gout' });
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/patients/${patientId}/conditions/${ids.wrong}`,
    headers: doctor.headers,
    payload: { status: 'entered_in_error' },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(async () => t?.close());

const idsOf = (bundle: { entry?: { resource: { id: string } }[] }) =>
  (bundle.entry ?? []).map((e) => e.resource.id);

describe('Condition (recorded on the patient)', () => {
  it('reads a condition with ICD-10, statuses, onset and recorder, and audits it as a read of the record', async () => {
    const res = await get(`/fhir/R4/Condition/${ids.diabetes}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const c = res.json();
    expect(c).toMatchObject({
      resourceType: 'Condition',
      id: ids.diabetes,
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
      },
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' },
          ],
        },
      ],
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9' }],
        text: 'Type 2 diabetes',
      },
      subject: { reference: `Patient/${patientId}`, display: 'Meera Iyer' },
      onsetDateTime: '2020-01-15',
      recorder: { reference: expect.stringMatching(/^Practitioner\/[0-9a-f-]{36}$/) },
    });
    expect(c.recordedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(c.encounter).toBeUndefined();
    const rows = await auditRows(t, `action = 'patient.read' and request_id = $1`, [
      res.headers['x-request-id'],
    ]);
    expect(rows).toMatchObject([
      { entity_type: 'patient', patient_id: patientId, after: { conditionIds: [ids.diabetes] } },
    ]);
  });

  it('shows one entered in error without a clinical status, as FHIR requires', async () => {
    const c = (await get(`/fhir/R4/Condition/${ids.wrong}`)).json();
    expect(c.clinicalStatus).toBeUndefined();
    expect(c.verificationStatus.coding[0].code).toBe('entered-in-error');
    expect(c.code).toEqual({ text: 'Gout' });
  });

  it("answers 404 for another hospital's patient's condition and for an unknown id", async () => {
    const elsewhere = await createHospital(t.database.db);
    const p = await createPatient(t.database.db, { hospital: elsewhere });
    const { rows } = await t.database.query<{ id: string }>(
      `insert into patient_conditions (id, patient_id, hospital_id, name) values (gen_random_uuid(), $1, $2, 'Hidden') returning id`,
      [p.id, elsewhere.id],
    );
    for (const id of [rows[0]!.id, '01900000-0000-7000-8000-000000000000']) {
      expect((await get(`/fhir/R4/Condition/${id}`)).statusCode, id).toBe(404);
    }
    const search = (await get(`/fhir/R4/Condition?patient=Patient/${p.id}`)).json();
    expect(search).toMatchObject({ total: 0 });
  });

  it('searches the patient’s conditions newest first, filtered by code, clinical status and category', async () => {
    const all = (await get(`/fhir/R4/Condition?patient=Patient/${patientId}`)).json();
    expect(all).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 3 });
    expect(idsOf(all)).toEqual([ids.wrong, ids.asthma, ids.diabetes]);

    const q = (query: string) => get(`/fhir/R4/Condition?patient=${patientId}&${query}`);
    expect(idsOf((await q('code=E11.9')).json())).toEqual([ids.diabetes]);
    expect(idsOf((await q('code=http://hl7.org/fhir/sid/icd-10|j45')).json())).toEqual([ids.asthma]);
    expect((await q('code=http://snomed.info/sct|E11.9')).json().total).toBe(0);
    expect(idsOf((await q('clinical-status=resolved')).json())).toEqual([ids.asthma]);
    expect(idsOf((await q('clinical-status=active')).json())).toEqual([ids.diabetes]);
    expect(idsOf((await q('category=problem-list-item')).json())).toHaveLength(3);
    expect((await q('category=encounter-diagnosis')).json().total).toBe(0);

    const page = (await q('_count=1&_offset=1')).json();
    expect(page.total).toBe(3);
    expect(idsOf(page)).toEqual([ids.asthma]);
    expect(page.link.map((l: { relation: string }) => l.relation)).toEqual(['self', 'previous', 'next']);

    const rows = await auditRows(
      t,
      `action = 'patient.read' and patient_id = $1 and after ? 'conditionIds'`,
      [patientId],
    );
    expect(rows.some((r) => JSON.stringify(r.after) === JSON.stringify({ conditionIds: [ids.asthma] }))).toBe(
      true,
    );
  });

  it('needs the patient, and refuses roles that may not read patients', async () => {
    expect((await get('/fhir/R4/Condition?code=E11.9')).statusCode).toBe(400);
    const buyer = await createStaff(t.database.db, front.hospital, 'procurement_officer');
    const headers = await sessionHeaders(t.database.db, buyer, front.hospital);
    expect((await get(`/fhir/R4/Condition/${ids.diabetes}`, { headers })).statusCode).toBe(403);
  });

  it('names a recorder who is no doctor here in words, without a Practitioner reference that would not resolve', async () => {
    const nurse = await desk(t, 'nurse', front.hospital);
    const other = (await register(t, front, { givenName: 'Ravi', familyName: 'Menon' })).id;
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${other}/conditions`,
      headers: nurse.headers,
      payload: { name: 'Hypertension' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const c = (await get(`/fhir/R4/Condition/${made.json().id as string}`)).json();
    expect(c.recorder).toEqual({ display: expect.any(String) });
  });
});
