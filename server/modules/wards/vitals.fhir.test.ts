// Ward vitals as FHIR Observations: one per sign charted, LOINC-coded with UCUM units (blood
// pressure a panel of two components), searched per patient by code, category and date, read by
// those who nurse only, scoped to the hospital and audited.
import { describe, expect, it } from 'vitest';
import type { VitalsReading } from '../../../contracts/nursing';
import type { Admission } from '../../../contracts/wards';
import { createStaff, sessionHeaders } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import {
  admit,
  bundleIds,
  call,
  patientAt,
  site,
  wardWithBeds,
  withSite,
  type Site,
} from './wards.test-helpers';

let t: TestApp;
let s: Site;
withSite((app, at) => {
  [t, s] = [app, at];
});

const get = (url: string, headers = s.nurse) => call(t, 'GET', url, headers);

/**
 * A patient admitted three days ago, charted two days ago (blood pressure, pulse, temperature) and
 * now (SpO2, breathing, pain, glucose).
 */
async function chartedStay(at: Site = s) {
  const { beds } = await wardWithBeds(t, at, 1);
  const patient = await patientAt(t, at);
  const admitted = await admit(t, at.reception, patient.id, beds[0]!.id);
  expect(admitted.statusCode, admitted.body).toBe(201);
  const a = admitted.json<Admission>();
  await t.database.query(`update admissions set admitted_at = now() - interval '3 days' where id = $1`, [
    a.id,
  ]);
  const chart = async (body: object) => {
    const res = await call(t, 'POST', `/api/wards/admissions/${a.id}/vitals`, at.nurse, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<VitalsReading>();
  };
  const earlier = await chart({
    takenAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    systolic: 128,
    diastolic: 84,
    pulse: 92,
    temperatureC: 38.4,
  });
  const latest = await chart({ spo2: 95, respiratoryRate: 22, painScore: 4, bloodGlucoseMgDl: 162 });
  return { patient, a, earlier, latest };
}

describe('Observation (ward vitals)', () => {
  it('reads one sign of a charted set: a blood pressure panel, a temperature in UCUM; audited', async () => {
    const { patient, a, earlier } = await chartedStay();
    const bp = await get(`/fhir/R4/Observation/${earlier.id}.bp`);
    expect(bp.statusCode, bp.body).toBe(200);
    expect(bp.json()).toMatchObject({
      resourceType: 'Observation',
      id: `${earlier.id}.bp`,
      status: 'final',
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
          ],
        },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: `Patient/${patient.id}` },
      encounter: { reference: `Encounter/${a.id}` },
      effectiveDateTime: earlier.takenAt,
      performer: [{ display: earlier.recordedBy.name }],
      component: [
        {
          code: { coding: [{ code: '8480-6' }] },
          valueQuantity: { value: 128, system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
        { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 84, code: 'mm[Hg]' } },
      ],
    });
    expect(bp.json().valueQuantity).toBeUndefined();
    expect(bp.json().performer[0].reference).toBeUndefined(); // a nurse is not a Practitioner here
    const temp = (await get(`/fhir/R4/Observation/${earlier.id}.temp`)).json();
    expect(temp).toMatchObject({
      code: { coding: [{ code: '8310-5' }] },
      valueQuantity: { value: 38.4, unit: '°C', system: 'http://unitsofmeasure.org', code: 'Cel' },
    });
    const { rows } = await t.database.query(
      `select entity_type, entity_id, patient_id from audit_events where action = 'wards.vitals.read' and request_id = $1`,
      [bp.headers['x-request-id']],
    );
    expect(rows).toEqual([{ entity_type: 'admission', entity_id: a.id, patient_id: patient.id }]);
  });

  it("answers 404 for a sign the set does not hold, another hospital's set and a malformed id", async () => {
    const { earlier } = await chartedStay();
    const theirs = await chartedStay(await site(t));
    for (const id of [`${earlier.id}.glu`, `${theirs.earlier.id}.bp`, `${earlier.id}.xyz`, earlier.id]) {
      expect((await get(`/fhir/R4/Observation/${id}`)).statusCode, id).toBe(404);
    }
  });

  it('searches a patient’s signs newest first, by LOINC code, category and date; audited', async () => {
    const { patient, earlier, latest } = await chartedStay();
    const all = await get(`/fhir/R4/Observation?patient=${patient.id}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(7);
    expect(bundleIds(all.json())).toEqual([
      ...['glu', 'pain', 'rr', 'spo2'].map((x) => `${latest.id}.${x}`),
      ...['bp', 'hr', 'temp'].map((x) => `${earlier.id}.${x}`),
    ]);
    const spo2 = all.json().entry[3].resource;
    expect(spo2.code.coding.map((c: { code: string }) => c.code)).toEqual(['59408-5', '2708-6']);
    expect(spo2.valueQuantity).toMatchObject({ value: 95, code: '%' });
    const { rows } = await t.database.query(
      `select entity_type, entity_id from audit_events where action = 'wards.vitals.read' and request_id = $1`,
      [all.headers['x-request-id']],
    );
    expect(rows).toEqual([{ entity_type: 'patient', entity_id: patient.id }]);

    const q = async (params: string) =>
      (await get(`/fhir/R4/Observation?patient=${patient.id}&${params}`)).json();
    expect(bundleIds(await q('code=8867-4'))).toEqual([`${earlier.id}.hr`]);
    expect(bundleIds(await q('code=http://loinc.org|59408-5'))).toEqual([`${latest.id}.spo2`]);
    expect(bundleIds(await q('code=http://loinc.org|2339-0'))).toEqual([`${latest.id}.glu`]);
    expect(await q('code=http://snomed.info/sct|8867-4')).toMatchObject({ total: 0 });
    expect(bundleIds(await q('category=vital-signs&code=85354-9'))).toEqual([`${earlier.id}.bp`]);
    expect(await q('category=laboratory')).toMatchObject({ total: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect((await q(`date=${today}`)).total).toBe(4);
    expect(bundleIds(await q(`date=lt${today}`))).toEqual(
      ['bp', 'hr', 'temp'].map((x) => `${earlier.id}.${x}`),
    );
    const page = await q('_count=2&_offset=4');
    expect(page.total).toBe(7);
    expect(bundleIds(page)).toEqual([`${earlier.id}.bp`, `${earlier.id}.hr`]);
  });

  it('is not shown to those who do not nurse: the front desk sees none, a pharmacist is refused', async () => {
    const { patient } = await chartedStay();
    const desk = await get(`/fhir/R4/Observation?patient=${patient.id}`, s.reception);
    expect(desk.statusCode, desk.body).toBe(200);
    expect(desk.json().entry ?? []).toEqual([]);
    const pharmacist = await createStaff(t.database.db, s.hospital, 'pharmacist');
    const res = await get(
      `/fhir/R4/Observation?patient=${patient.id}`,
      await sessionHeaders(t.database.db, pharmacist, s.hospital),
    );
    expect(res.statusCode).toBe(403);
  });
});
