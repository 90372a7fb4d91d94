// Verified lab results as FHIR Observations: one per analyte with its value, flag and the range it
// was judged by; results not verified yet are never published; searched per patient by analyte code,
// category and sample date; scoped to the hospital and audited like /api/lab/orders.
import { describe, expect, it } from 'vitest';
import { createStaff, sessionHeaders } from '../../test/factories';
import { bundleIds, labRecords, type LabRecord } from './lab.fhir.test-helpers';

const { app, call, labRecord, verifyCbc, lipidResult } = labRecords();

/** The result rows of one test of the order, in report order. */
async function resultIds(l: LabRecord, item: number): Promise<string[]> {
  const { rows } = await app().database.query<{ id: string }>(
    'select id from lab_results where item_id = $1 order by position',
    [l.order.items[item]!.id],
  );
  return rows.map((r) => r.id);
}

describe('Observation (lab results)', () => {
  it('reads a verified result: analyte code, value in UCUM, flag, reference range, when and by whom; audited', async () => {
    const l = await labRecord();
    const verified = (await verifyCbc(l, 6.5, 120)).items[0]!;
    const [hb, plt, smear] = await resultIds(l, 0);
    const res = await call('GET', `/fhir/R4/Observation/${hb}`, l.nurse);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      resourceType: 'Observation',
      id: hb,
      status: 'final',
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: `urn:hospitium:lab-analyte:${l.hospital.id}`,
            code: 'CBC:Haemoglobin',
            display: 'Haemoglobin',
          },
        ],
        text: 'Haemoglobin',
      },
      subject: { reference: `Patient/${l.patient.id}` },
      effectiveDateTime: verified.collectedAt,
      issued: verified.verifiedAt,
      performer: [{ reference: `Organization/${l.hospital.id}` }, { display: verified.verifiedBy!.name }],
      valueQuantity: { value: 6.5, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' },
      interpretation: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'LL' },
          ],
        },
      ],
      referenceRange: [{ low: { value: 12, unit: 'g/dL' }, high: { value: 15, unit: 'g/dL' } }],
    });
    expect(res.json().encounter).toBeUndefined(); // a walk-in's order
    const { rows } = await app().database.query(
      `select entity_type, entity_id, patient_id from audit_events where action = 'lab.order.read' and request_id = $1`,
      [res.headers['x-request-id']],
    );
    expect(rows).toEqual([{ entity_type: 'lab_order', entity_id: l.order.id, patient_id: l.patient.id }]);

    const platelets = (await call('GET', `/fhir/R4/Observation/${plt}`, l.nurse)).json();
    expect(platelets).toMatchObject({
      valueQuantity: { value: 120, unit: '×10³/µL', code: '10*3/uL' },
      interpretation: [{ coding: [{ code: 'L' }] }],
    });
    const text = (await call('GET', `/fhir/R4/Observation/${smear}`, l.nurse)).json();
    expect(text).toMatchObject({
      valueString: 'Normocytic normochromic',
      code: { coding: [{ code: 'CBC:Smear' }] },
    });
    expect(text.interpretation).toBeUndefined();
    expect(text.referenceRange).toBeUndefined();
  });

  it("does not publish results before they are verified, nor another hospital's", async () => {
    const l = await labRecord();
    await lipidResult(l, 240, false);
    const [entered] = await resultIds(l, 1);
    expect((await call('GET', `/fhir/R4/Observation/${entered}`, l.nurse)).statusCode).toBe(404);
    const search = await call(
      'GET',
      `/fhir/R4/Observation?patient=${l.patient.id}&category=laboratory`,
      l.nurse,
    );
    expect(search.json()).toMatchObject({ total: 0 });

    const elsewhere = await labRecord();
    await verifyCbc(elsewhere, 13, 250);
    const [theirs] = await resultIds(elsewhere, 0);
    expect((await call('GET', `/fhir/R4/Observation/${theirs}`, l.nurse)).statusCode).toBe(404);
    expect((await call('GET', `/fhir/R4/Observation/${theirs}`, elsewhere.nurse)).statusCode).toBe(200);
  });

  it('searches a patient’s results newest sample first, by analyte code, category and date; audited', async () => {
    const l = await labRecord();
    // The CBC's sample was taken ten days ago.
    await app().database.query(
      `update lab_order_items set collected_at = now() - interval '10 days' where id = $1`,
      [l.order.items[0]!.id],
    );
    await verifyCbc(l, 13.1, 300);
    await lipidResult(l, 240);
    const [hb, plt, smear] = await resultIds(l, 0);
    const [chol] = await resultIds(l, 1);

    const all = await call('GET', `/fhir/R4/Observation?patient=Patient/${l.patient.id}`, l.receptionist);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(4);
    expect(bundleIds(all.json())).toEqual([chol, hb, plt, smear]);
    expect(all.json().entry[0].resource).toMatchObject({ interpretation: [{ coding: [{ code: 'H' }] }] });
    const { rows } = await app().database.query(
      `select entity_type, entity_id from audit_events where action = 'lab.orders.read' and request_id = $1`,
      [all.headers['x-request-id']],
    );
    expect(rows).toEqual([{ entity_type: 'patient', entity_id: l.patient.id }]);

    const q = async (params: string) =>
      (await call('GET', `/fhir/R4/Observation?patient=${l.patient.id}&${params}`, l.nurse)).json();
    expect(bundleIds(await q('code=CBC:Haemoglobin'))).toEqual([hb]);
    expect(bundleIds(await q(`code=urn:hospitium:lab-analyte:${l.hospital.id}|LIPID:Cholesterol`))).toEqual([
      chol,
    ]);
    expect(await q('code=urn:hospitium:lab-analyte:elsewhere|LIPID:Cholesterol')).toMatchObject({ total: 0 });
    expect(await q('code=http://loinc.org|2093-3')).toMatchObject({ total: 0 });
    expect((await q('category=laboratory')).total).toBe(4);
    expect(await q('category=vital-signs')).toMatchObject({ total: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect(bundleIds(await q(`date=${today}`))).toEqual([chol]);
    expect(bundleIds(await q(`date=lt${today}`))).toEqual([hb, plt, smear]);
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    expect(bundleIds(await q(`date=ge${since}&date=lt${today}`))).toEqual([hb, plt, smear]);
    expect(bundleIds(await q(`date=ge${today}&date=le${today}`))).toEqual([chol]);
    const page = await q('category=laboratory&_count=2&_offset=1');
    expect(bundleIds(page)).toEqual([hb, plt]);
  });

  it('needs the patient, and is refused to roles that see neither lab orders nor vitals', async () => {
    const l = await labRecord();
    expect((await call('GET', '/fhir/R4/Observation?category=laboratory', l.nurse)).statusCode).toBe(400);
    const pharmacist = await createStaff(app().database.db, l.hospital, 'pharmacist');
    const headers = await sessionHeaders(app().database.db, pharmacist, l.hospital);
    expect((await call('GET', `/fhir/R4/Observation?patient=${l.patient.id}`, headers)).statusCode).toBe(403);
  });
});
