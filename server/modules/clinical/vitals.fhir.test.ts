// A consultation's vital signs as FHIR Observation: one per value measured with its LOINC code and
// UCUM unit, blood pressure a panel of two components, BMI derived; read by `<row id>.<kind>`,
// searched by patient, category, code and date in SQL (paged by Observation), reads audited, and
// hidden from another hospital and from roles without clinical access.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../../contracts/clinical';
import { fhirSuite } from './clinical.fhir.test-helpers';

const suite = fhirSuite();
const { audited, get, ids, setup, visit } = suite;

let c: Consultation;
let rowId: string;
beforeAll(async () => {
  c = await visit(suite.s);
  const { rows } = await suite.t.database.query<{ id: string }>(
    'select id from vital_signs where consultation_id = $1',
    [c.id],
  );
  rowId = rows[0]!.id;
});

const loinc = (code: string) => ({
  coding: expect.arrayContaining([expect.objectContaining({ system: 'http://loinc.org', code })]),
});
const ucum = (value: number, code: string) => ({ value, system: 'http://unitsofmeasure.org', code });

describe('Observation (vital signs of consultations)', () => {
  it('gives one Observation per value measured, each coded and with its unit', async () => {
    const res = await get(
      `/fhir/R4/Observation?patient=${suite.s.patient.id}&category=vital-signs`,
      suite.s.nurse,
    );
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json();
    expect(bundle.total).toBe(7);
    expect(ids(bundle)).toEqual(['bp', 'hr', 'temp', 'spo2', 'wt', 'ht', 'bmi'].map((k) => `${rowId}.${k}`));
    const [bp, hr, temp, spo2, wt, ht, bmi] = bundle.entry.map((e: { resource: unknown }) => e.resource);
    const common = {
      resourceType: 'Observation',
      status: 'final',
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
          ],
        },
      ],
      subject: { reference: `Patient/${suite.s.patient.id}` },
      encounter: { reference: `Encounter/${c.id}` },
      effectiveDateTime: c.vitals!.recordedAt,
      performer: [{ reference: `Practitioner/${suite.s.doctor.userId}`, display: 'Asha Rao' }],
    };
    expect(bp).toMatchObject({
      ...common,
      code: loinc('85354-9'),
      component: [
        { code: loinc('8480-6'), valueQuantity: ucum(128, 'mm[Hg]') },
        { code: loinc('8462-4'), valueQuantity: ucum(84, 'mm[Hg]') },
      ],
    });
    expect(bp.valueQuantity).toBeUndefined();
    expect(hr).toMatchObject({ ...common, code: loinc('8867-4'), valueQuantity: ucum(76, '/min') });
    expect(temp).toMatchObject({ code: loinc('8310-5'), valueQuantity: ucum(37.2, 'Cel') });
    expect(spo2).toMatchObject({ code: loinc('2708-6'), valueQuantity: ucum(98, '%') });
    expect(spo2.code.coding[0].code).toBe('59408-5');
    expect(wt).toMatchObject({ code: loinc('29463-7'), valueQuantity: ucum(70, 'kg') });
    expect(ht).toMatchObject({ code: loinc('8302-2'), valueQuantity: ucum(175, 'cm') });
    expect(bmi).toMatchObject({
      code: loinc('39156-5'),
      valueQuantity: ucum(22.9, 'kg/m2'),
      derivedFrom: [{ reference: `Observation/${rowId}.wt` }, { reference: `Observation/${rowId}.ht` }],
    });

    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'visits.listed');
    expect(rows).toMatchObject([
      { entity_id: suite.s.patient.id, after: { fhir: 'Observation', ids: ids(bundle) } },
    ]);
  });

  it('reads one by its row and kind and audits it; a value not measured, another hospital’s or an unknown kind is 404', async () => {
    const res = await get(`/fhir/R4/Observation/${rowId}.hr`, suite.s.doctor.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: `${rowId}.hr`, valueQuantity: { value: 76 } });
    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'consultation.read');
    expect(rows).toMatchObject([
      { entity_id: c.id, patient_id: suite.s.patient.id, after: { fhir: `Observation/${rowId}.hr` } },
    ]);

    const partial = await visit(suite.s, { open: true, vitals: { pulse: 90 } });
    const { rows: vit } = await suite.t.database.query<{ id: string }>(
      'select id from vital_signs where consultation_id = $1',
      [partial.id],
    );
    expect((await get(`/fhir/R4/Observation/${vit[0]!.id}.hr`, suite.s.nurse)).statusCode).toBe(200);
    expect((await get(`/fhir/R4/Observation/${vit[0]!.id}.bmi`, suite.s.nurse)).statusCode).toBe(404);
    expect((await get(`/fhir/R4/Observation/${rowId}.xyz`, suite.s.nurse)).statusCode).toBe(404);
    expect((await get(`/fhir/R4/Observation/${rowId}`, suite.s.nurse)).statusCode).toBe(404);

    const other = await setup();
    await visit(other, { open: true });
    const { rows: theirs } = await suite.t.database.query<{ id: string }>(
      'select id from vital_signs where patient_id = $1',
      [other.patient.id],
    );
    expect((await get(`/fhir/R4/Observation/${theirs[0]!.id}.hr`, suite.s.nurse)).statusCode).toBe(404);
    expect((await get(`/fhir/R4/Observation?patient=${other.patient.id}`, suite.s.nurse)).json().total).toBe(
      0,
    );
  });

  it('searches by code, category and date, and pages by Observation', async () => {
    const p = await setup();
    const older = await visit(p, { open: true, vitals: { pulse: 70, weightKg: 60 } });
    await suite.t.database.query(
      `update vital_signs set recorded_at = '2025-03-01T10:00:00Z' where consultation_id = $1`,
      [older.id],
    );
    const newer = await visit(p, { open: true, vitals: { pulse: 88, spo2: 95 } });
    const q = async (query: string) => {
      const res = await get(`/fhir/R4/Observation?patient=Patient/${p.patient.id}${query}`, p.nurse);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const values = (b: { entry?: { resource: { valueQuantity: { value: number } } }[] }) =>
      (b.entry ?? []).map((e) => e.resource.valueQuantity.value);

    expect((await q('')).total).toBe(4);
    expect(values(await q('&code=8867-4'))).toEqual([88, 70]);
    expect(values(await q('&code=http://loinc.org|59408-5'))).toEqual([95]);
    expect((await q('&code=http://snomed.info/sct|8867-4')).total).toBe(0);
    expect((await q('&code=8480-6')).total).toBe(0);
    expect(values(await q('&category=vital-signs&code=29463-7'))).toEqual([60]);
    expect((await q('&category=laboratory')).total).toBe(0);
    expect(values(await q('&date=2025-03-01'))).toEqual([70, 60]);
    expect(values(await q('&date=gt2025-03-01'))).toEqual([88, 95]);
    const page = await q('&_count=2&_offset=1');
    expect(page.total).toBe(4);
    expect(values(page)).toEqual([95, 70]);
    expect(newer.vitals!.pulse).toBe(88);

    expect((await get('/fhir/R4/Observation?code=8867-4', p.nurse)).statusCode).toBe(400);
  });

  it('shows them to no one without clinical access', async () => {
    // The pharmacist reads no Observation at all; the front desk may read lab results, not these.
    expect((await get(`/fhir/R4/Observation/${rowId}.hr`, suite.s.ph.headers)).statusCode).toBe(403);
    expect((await get(`/fhir/R4/Observation/${rowId}.hr`, suite.s.receptionist)).statusCode).toBe(404);
    const search = await get(`/fhir/R4/Observation?patient=${suite.s.patient.id}`, suite.s.receptionist);
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
  });
});
