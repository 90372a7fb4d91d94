// A consultation's diagnoses as FHIR Condition (encounter-diagnosis), beside the conditions recorded
// on the patient (problem-list-item, the patients module's): the mapped resource, one search over
// both merged newest first and filtered alike, reads audited, and each seen only by those who may.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../../contracts/clinical';
import { fhirSuite } from './clinical.fhir.test-helpers';

const suite = fhirSuite();
const { audited, call, get, ids, setup, visit } = suite;

let c: Consultation;
let diagnosisIds: string[];
let problemId: string;
beforeAll(async () => {
  c = await visit(suite.s);
  const { rows } = await suite.t.database.query<{ id: string }>(
    'select id from consultation_diagnoses where consultation_id = $1 order by position',
    [c.id],
  );
  diagnosisIds = rows.map((r) => r.id);
  // Recorded on the patient after the visit: newer.
  const res = await call('POST', `/api/patients/${suite.s.patient.id}/conditions`, suite.s.doctor.headers, {
    name: 'Hypertension',
    icd10Code: 'I10',
  });
  expect(res.statusCode, res.body).toBe(201);
  problemId = res.json().id;
});

describe('Condition (diagnoses of consultations)', () => {
  it('reads a diagnosis with its ICD-10 code, encounter and doctor, and audits it as a read of the consultation', async () => {
    const [headache, migraine, words] = diagnosisIds as [string, string, string];
    const res = await get(`/fhir/R4/Condition/${migraine}`, suite.s.nurse);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      resourceType: 'Condition',
      id: migraine,
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
      },
      category: [{ coding: [{ code: 'encounter-diagnosis' }] }],
      code: {
        coding: [
          { system: 'http://hl7.org/fhir/sid/icd-10', code: 'G43.9', display: 'Migraine, unspecified' },
        ],
        text: 'Migraine, unspecified',
      },
      subject: { reference: `Patient/${suite.s.patient.id}` },
      encounter: { reference: `Encounter/${c.id}` },
      recordedDate: c.openedAt,
      recorder: { reference: `Practitioner/${suite.s.doctor.userId}`, display: 'Asha Rao' },
    });
    // Whether it has resolved since is not known from the visit.
    expect(d.clinicalStatus).toBeUndefined();
    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'consultation.read');
    expect(rows).toMatchObject([
      { entity_id: c.id, patient_id: suite.s.patient.id, after: { fhir: `Condition/${migraine}` } },
    ]);

    expect((await get(`/fhir/R4/Condition/${words}`, suite.s.nurse)).json().code).toEqual({
      text: 'Poor sleep',
    });
    expect((await get(`/fhir/R4/Condition/${headache}`, suite.s.nurse)).json().code.coding[0].code).toBe(
      'R51',
    );
  });

  it('calls the diagnoses of an open consultation provisional', async () => {
    const open = await visit(suite.s, { open: true, vitals: null });
    const res = await get(
      `/fhir/R4/Condition?patient=${suite.s.patient.id}&category=encounter-diagnosis&code=R51`,
      suite.s.nurse,
    );
    const [newest] = res.json().entry;
    expect(newest.resource).toMatchObject({
      encounter: { reference: `Encounter/${open.id}` },
      verificationStatus: { coding: [{ code: 'provisional' }] },
    });
    await suite.t.database.query('delete from consultation_diagnoses where consultation_id = $1', [open.id]);
  });

  it('searches both kinds together, newest first, and each filter applies to both', async () => {
    const q = async (query = '', headers = suite.s.nurse) => {
      const res = await get(`/fhir/R4/Condition?patient=Patient/${suite.s.patient.id}${query}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await q();
    expect(all.total).toBe(4);
    expect(ids(all)).toEqual([problemId, ...diagnosisIds]);
    expect(ids(await q('&category=encounter-diagnosis'))).toEqual(diagnosisIds);
    expect(ids(await q('&category=problem-list-item'))).toEqual([problemId]);
    expect(ids(await q('&code=g43.9'))).toEqual([diagnosisIds[1]]);
    expect(ids(await q('&code=http://hl7.org/fhir/sid/icd-10|I10'))).toEqual([problemId]);
    expect(ids(await q('&clinical-status=active'))).toEqual([problemId]);
    const page = await q('&_count=2&_offset=1');
    expect(page.total).toBe(4);
    expect(ids(page)).toEqual(diagnosisIds.slice(0, 2));

    const res = await get(
      `/fhir/R4/Condition?patient=${suite.s.patient.id}&category=encounter-diagnosis`,
      suite.s.nurse,
    );
    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'visits.listed');
    expect(rows).toMatchObject([
      { entity_id: suite.s.patient.id, after: { fhir: 'Condition', ids: diagnosisIds } },
    ]);
  });

  it('shows diagnoses only to clinical staff of the hospital; the front desk sees the recorded conditions', async () => {
    const desk = await get(`/fhir/R4/Condition?patient=${suite.s.patient.id}`, suite.s.receptionist);
    expect(desk.statusCode).toBe(200);
    expect(ids(desk.json())).toEqual([problemId]);
    expect((await get(`/fhir/R4/Condition/${diagnosisIds[0]}`, suite.s.receptionist)).statusCode).toBe(404);

    const other = await setup();
    expect((await get(`/fhir/R4/Condition/${diagnosisIds[0]}`, other.nurse)).statusCode).toBe(404);
    expect(
      (await get(`/fhir/R4/Condition/01900000-0000-7000-8000-000000000000`, suite.s.nurse)).statusCode,
    ).toBe(404);
  });
});
