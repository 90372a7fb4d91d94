// What consultations prescribed as FHIR MedicationRequest: one per prescription line, the catalog's
// medicine, the directions as worded, the quantity, the status following the pharmacy's dispensing;
// searched by patient, status, date and encounter in SQL; reads audited; clinical staff only.
import { describe, expect, it } from 'vitest';
import { fhirSuite } from './clinical.fhir.test-helpers';

const suite = fhirSuite();
const { audited, get, ids, setup, visit } = suite;

/** The prescribed line of a closed consultation, with its prescription and medicine. */
async function lineOf(consultationId: string) {
  const { rows } = await suite.t.database.query<{ id: string; prescription_id: string; medicine_id: string }>(
    `select l.id, l.prescription_id, l.medicine_id from prescription_lines l
       join consultations c on c.prescription_id = l.prescription_id where c.id = $1`,
    [consultationId],
  );
  return rows[0]!;
}

describe('MedicationRequest (prescriptions of consultations)', () => {
  it('reads a prescribed line with the medicine, directions and quantity, and audits it', async () => {
    const c = await visit(suite.s);
    const line = await lineOf(c.id);
    const res = await get(`/fhir/R4/MedicationRequest/${line.id}`, suite.s.nurse);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({
      resourceType: 'MedicationRequest',
      id: line.id,
      status: 'active',
      intent: 'order',
      category: [{ coding: [{ code: 'outpatient' }] }],
      medicationReference: {
        reference: `Medication/${line.medicine_id}`,
        display: 'Paracetamol 500 mg tablet',
      },
      subject: { reference: `Patient/${suite.s.patient.id}` },
      encounter: { reference: `Encounter/${c.id}` },
      requester: { reference: `Practitioner/${suite.s.doctor.userId}`, display: 'Asha Rao' },
      groupIdentifier: { system: 'urn:hospitium:prescription', value: line.prescription_id },
      dosageInstruction: [{ text: '1 tablet three times a day (TDS) for 3 days, oral.' }],
      dispenseRequest: { quantity: { value: 9, unit: 'tablets' } },
    });
    expect(m.authoredOn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(m.medicationCodeableConcept).toBeUndefined();
    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'consultation.read');
    expect(rows).toMatchObject([
      { entity_id: c.id, patient_id: suite.s.patient.id, after: { fhir: `MedicationRequest/${line.id}` } },
    ]);
  });

  it('follows the dispensing: completed when all given, cancelled or stopped when cancelled', async () => {
    const c = await visit(suite.s);
    const line = await lineOf(c.id);
    const status = async () =>
      (await get(`/fhir/R4/MedicationRequest/${line.id}`, suite.s.nurse)).json().status;
    await suite.t.database.query(
      'update prescription_lines set quantity_dispensed = quantity_prescribed where id = $1',
      [line.id],
    );
    expect(await status()).toBe('completed');
    await suite.t.database.query(`update prescriptions set status = 'cancelled' where id = $1`, [
      line.prescription_id,
    ]);
    expect(await status()).toBe('stopped');
    await suite.t.database.query('update prescription_lines set quantity_dispensed = 0 where id = $1', [
      line.id,
    ]);
    expect(await status()).toBe('cancelled');
  });

  it('searches a patient’s prescribed lines newest first, by status, date and encounter', async () => {
    const p = await setup();
    const older = await visit(p, { vitals: null });
    const newer = await visit(p, { vitals: null });
    const [o, n] = [await lineOf(older.id), await lineOf(newer.id)];
    await suite.t.database.query(
      `update prescriptions set created_at = '2025-03-01T10:00:00Z' where id = $1`,
      [o.prescription_id],
    );
    await suite.t.database.query(
      'update prescription_lines set quantity_dispensed = quantity_prescribed where id = $1',
      [o.id],
    );
    const q = async (query = '') => {
      const res = await get(`/fhir/R4/MedicationRequest?patient=Patient/${p.patient.id}${query}`, p.nurse);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await q();
    expect(all.total).toBe(2);
    expect(ids(all)).toEqual([n.id, o.id]);
    expect(ids(await q('&status=completed'))).toEqual([o.id]);
    expect(ids(await q('&status=http://hl7.org/fhir/CodeSystem/medicationrequest-status|active'))).toEqual([
      n.id,
    ]);
    expect((await q('&status=draft')).total).toBe(0);
    expect(ids(await q('&authoredon=2025-03'))).toEqual([o.id]);
    expect(ids(await q('&authoredon=gt2025-03-01'))).toEqual([n.id]);
    expect(ids(await q(`&encounter=Encounter/${newer.id}`))).toEqual([n.id]);
    const page = await q('&_count=1&_offset=1');
    expect(page).toMatchObject({ total: 2 });
    expect(ids(page)).toEqual([o.id]);

    const res = await get(`/fhir/R4/MedicationRequest?patient=${p.patient.id}`, p.nurse);
    expect(await audited(res.headers['x-request-id'])).toMatchObject([
      {
        action: 'visits.listed',
        entity_id: p.patient.id,
        after: { fhir: 'MedicationRequest', ids: [n.id, o.id] },
      },
    ]);
    expect(
      (await get(`/fhir/R4/MedicationRequest?encounter=Encounter/${newer.id}`, p.nurse)).statusCode,
    ).toBe(400);
    expect(
      (await get(`/fhir/R4/MedicationRequest?patient=${p.patient.id}&encounter=Patient/x`, p.nurse))
        .statusCode,
    ).toBe(400);
  });

  it("hides another hospital's prescriptions and refuses roles without clinical access", async () => {
    const c = await visit(suite.s, { vitals: null });
    const line = await lineOf(c.id);
    const other = await setup();
    expect((await get(`/fhir/R4/MedicationRequest/${line.id}`, other.nurse)).statusCode).toBe(404);
    expect(
      (await get(`/fhir/R4/MedicationRequest?patient=${suite.s.patient.id}`, other.nurse)).json().total,
    ).toBe(0);
    expect(
      (await get(`/fhir/R4/MedicationRequest/01900000-0000-7000-8000-000000000000`, suite.s.nurse))
        .statusCode,
    ).toBe(404);
    // The pharmacist sees prescriptions in the pharmacy's queue, not the consultations'.
    expect((await get(`/fhir/R4/MedicationRequest/${line.id}`, suite.s.ph.headers)).statusCode).toBe(403);
    expect(
      (await get(`/fhir/R4/MedicationRequest?patient=${suite.s.patient.id}`, suite.s.receptionist))
        .statusCode,
    ).toBe(403);
  });
});
