// Lab orders as FHIR DiagnosticReports, one per order as the report PDF: registered until a test is
// verified, partial, then final; cancelled orders too; its results the verified Observations;
// searched per patient by status, test and sample date; scoped to the hospital and audited.
import { describe, expect, it } from 'vitest';
import type { LabOrder } from '../../../contracts/lab-orders';
import { createStaff, sessionHeaders } from '../../test/factories';
import { key } from '../billing/billing.test-helpers';
import { bundleIds, labRecords, type LabRecord } from './lab.fhir.test-helpers';

const { app, call, labRecord, verifyCbc, lipidResult } = labRecords();
const read = async (l: LabRecord, id = l.order.id) => {
  const res = await call('GET', `/fhir/R4/DiagnosticReport/${id}`, l.doctor.headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Another order of the patient's: of the CBC alone, or cancelled before its sample. */
async function anotherOrder(l: LabRecord, cancel = false): Promise<LabOrder> {
  const body = { idempotencyKey: key(), patientId: l.patient.id, testIds: [l.cbc.id] };
  const made = await call('POST', '/api/lab/orders', l.receptionist, body);
  expect(made.statusCode, made.body).toBe(201);
  if (!cancel) return made.json<LabOrder>();
  const url = `/api/lab/orders/${made.json<LabOrder>().id}/cancel`;
  const cancelled = await call('POST', url, l.receptionist, { reason: 'Ordered twice' });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  return cancelled.json<LabOrder>();
}

describe('DiagnosticReport (lab orders)', () => {
  it('reports an order of two tests: registered, partial with the verified results, then final; audited', async () => {
    const l = await labRecord();
    // Both samples taken at one moment.
    await app().database.query(
      `update lab_order_items set collected_at = '2026-01-05T04:30:00Z' where order_id = $1`,
      [l.order.id],
    );
    const registered = await read(l);
    expect(registered).toMatchObject({
      resourceType: 'DiagnosticReport',
      id: l.order.id,
      status: 'registered',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '11502-2' }], text: 'CBC panel, LIPID panel' },
      subject: { reference: `Patient/${l.patient.id}` },
      identifier: [
        { system: `urn:hospitium:lab-order:${l.hospital.id}`, value: l.order.number },
        { type: { coding: [{ code: 'ACSN' }] }, value: l.order.items[0]!.accession },
        { type: { coding: [{ code: 'ACSN' }] }, value: l.order.items[1]!.accession },
      ],
      effectiveDateTime: '2026-01-05T04:30:00.000Z',
      performer: [{ reference: `Organization/${l.hospital.id}` }],
    });
    for (const absent of ['result', 'issued', 'resultsInterpreter', 'conclusion']) {
      expect(registered[absent], absent).toBeUndefined();
    }

    const cbc = (await verifyCbc(l, 13.2, 260, 'Mild anisocytosis')).items[0]!;
    const partial = await read(l);
    const { rows } = await app().database.query<{ id: string }>(
      'select id from lab_results where item_id = $1 order by position',
      [cbc.id],
    );
    expect(partial).toMatchObject({
      status: 'partial',
      issued: cbc.verifiedAt,
      resultsInterpreter: [{ display: cbc.verifiedBy!.name }],
      conclusion: 'CBC panel: Mild anisocytosis',
      result: rows.map((r, i) => ({ reference: `Observation/${r.id}`, display: cbc.results[i]!.name })),
    });

    const done = (await lipidResult(l, 180)).items[1]!;
    const final = await call('GET', `/fhir/R4/DiagnosticReport/${l.order.id}`, l.nurse);
    expect(final.json()).toMatchObject({ status: 'final', issued: done.verifiedAt });
    expect(final.json().result).toHaveLength(4);
    const audit = await app().database.query(
      `select entity_type, entity_id, patient_id from audit_events where action = 'lab.order.read' and request_id = $1`,
      [final.headers['x-request-id']],
    );
    expect(audit.rows).toEqual([
      { entity_type: 'lab_order', entity_id: l.order.id, patient_id: l.patient.id },
    ]);
  });

  it('codes a one-test report as its test, and shows a cancelled order as cancelled', async () => {
    const l = await labRecord();
    const single = await anotherOrder(l);
    expect(await read(l, single.id)).toMatchObject({
      status: 'registered',
      code: {
        coding: [{ system: `urn:hospitium:lab-test:${l.hospital.id}`, code: 'CBC', display: 'CBC panel' }],
      },
    });
    const cancelled = await anotherOrder(l, true);
    const report = await read(l, cancelled.id);
    expect(report).toMatchObject({ status: 'cancelled', code: { coding: [{ code: 'CBC' }] } });
    expect(report.effectiveDateTime).toBeUndefined();
  });

  it('searches a patient’s reports newest first, by status, test and sample date; audited', async () => {
    const l = await labRecord();
    await app().database.query(
      `update lab_order_items set collected_at = now() - interval '3 days' where order_id = $1`,
      [l.order.id],
    );
    await verifyCbc(l, 14, 250);
    const single = await anotherOrder(l);
    const cancelled = await anotherOrder(l, true);

    const all = await call('GET', `/fhir/R4/DiagnosticReport?patient=${l.patient.id}`, l.receptionist);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ resourceType: 'Bundle', total: 3 });
    expect(bundleIds(all.json())).toEqual([cancelled.id, single.id, l.order.id]);
    const { rows } = await app().database.query(
      `select entity_type, entity_id from audit_events where action = 'lab.orders.read' and request_id = $1`,
      [all.headers['x-request-id']],
    );
    expect(rows).toEqual([{ entity_type: 'patient', entity_id: l.patient.id }]);

    const q = async (params: string) =>
      bundleIds(
        (await call('GET', `/fhir/R4/DiagnosticReport?patient=${l.patient.id}&${params}`, l.nurse)).json(),
      );
    expect(await q('status=partial')).toEqual([l.order.id]);
    expect(await q('status=http://hl7.org/fhir/diagnostic-report-status|registered')).toEqual([single.id]);
    expect(await q('status=cancelled')).toEqual([cancelled.id]);
    expect(await q('status=final')).toEqual([]);
    expect(await q('status=preliminary')).toEqual([]);
    expect(await q('code=LIPID')).toEqual([l.order.id]);
    expect(await q(`code=urn:hospitium:lab-test:${l.hospital.id}|CBC`)).toEqual([
      cancelled.id,
      single.id,
      l.order.id,
    ]);
    expect(await q('code=http://loinc.org|11502-2')).toEqual([l.order.id]);
    expect(await q('code=urn:elsewhere|CBC')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await q(`date=lt${today}`)).toEqual([l.order.id]);
    expect(await q(`date=${today}`)).toEqual([]); // the others' samples are not taken
    expect(await q('_count=1&_offset=1')).toEqual([single.id]);
  });

  it("knows only the hospital's own orders, needs the patient, and is refused to roles without lab orders", async () => {
    const l = await labRecord();
    const elsewhere = await labRecord();
    const res = await call('GET', `/fhir/R4/DiagnosticReport/${elsewhere.order.id}`, l.doctor.headers);
    expect(res.statusCode).toBe(404);
    const theirs = await call('GET', `/fhir/R4/DiagnosticReport?patient=${elsewhere.patient.id}`, l.nurse);
    expect(theirs.json()).toMatchObject({ total: 0 });
    expect((await call('GET', '/fhir/R4/DiagnosticReport?status=final', l.nurse)).statusCode).toBe(400);
    const pharmacist = await createStaff(app().database.db, l.hospital, 'pharmacist');
    const headers = await sessionHeaders(app().database.db, pharmacist, l.hospital);
    expect((await call('GET', `/fhir/R4/DiagnosticReport/${l.order.id}`, headers)).statusCode).toBe(403);
  });
});
