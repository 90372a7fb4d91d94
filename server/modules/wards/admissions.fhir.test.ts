// Admissions as FHIR Encounters: an inpatient stay with each bed it held over its time, an emergency
// admission as EMER, searched per patient by status and start, scoped to the hospital and audited.
import { describe, expect, it } from 'vitest';
import type { Admission } from '../../../contracts/wards';
import { createStaff, sessionHeaders } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { summaryBody } from './discharge.test-helpers';
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
const audited = async (action: string, requestId: unknown) =>
  (
    await t.database.query<{ entity_id: string; patient_id: string }>(
      `select entity_id, patient_id from audit_events where action = $1 and request_id = $2`,
      [action, requestId],
    )
  ).rows;

/** A patient admitted to bed 1 a month ago (from the front desk), moved to bed 2, discharged. */
async function finishedStay() {
  const { ward, beds } = await wardWithBeds(t, s, 3);
  const patient = await patientAt(t, s);
  const admitted = await admit(t, s.reception, patient.id, beds[0]!.id);
  expect(admitted.statusCode, admitted.body).toBe(201);
  const a = admitted.json<Admission>();
  const moved = await call(t, 'POST', `/api/wards/admissions/${a.id}/transfer`, s.nurse, {
    bedId: beds[1]!.id,
  });
  expect(moved.statusCode, moved.body).toBe(200);
  const out = await call(t, 'POST', `/api/wards/admissions/${a.id}/discharge`, s.reception, summaryBody());
  expect(out.statusCode, out.body).toBe(200);
  await t.database.query(
    `update admissions set admitted_at = admitted_at - interval '30 days' where id = $1`,
    [a.id],
  );
  return { ward, beds, patient, a };
}

describe('Encounter (admissions)', () => {
  it('reads an admission: class IMP, finished, its period, each bed with its own period; audited', async () => {
    const { ward, beds, patient, a } = await finishedStay();
    const res = await get(`/fhir/R4/Encounter/${a.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({
      resourceType: 'Encounter',
      id: a.id,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject: { reference: `Patient/${patient.id}` },
      serviceProvider: { reference: `Organization/${s.hospital.id}` },
      location: [
        {
          location: { reference: `Location/${beds[0]!.id}`, display: `${ward.name}, B-1` },
          status: 'completed',
          physicalType: { coding: [{ code: 'bd' }] },
        },
        { location: { reference: `Location/${beds[1]!.id}` }, status: 'completed' },
      ],
    });
    expect(e.location[0].period.end).toBe(e.location[1].period.start);
    expect(new Date(e.period.start).getTime()).toBeLessThan(Date.now() - 29 * 86_400_000);
    expect(e.period.end).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // A front-desk admission says nothing of where the patient came from; nothing empty is sent.
    expect(e.hospitalization).toBeUndefined();
    expect(e.reasonCode).toBeUndefined();
    expect(await audited('wards.admission.read', res.headers['x-request-id'])).toEqual([
      { entity_id: a.id, patient_id: patient.id },
    ]);
  });

  it('shows an emergency admission as EMER, in progress, in its bed now, with its attending doctor', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const patient = await patientAt(t, s);
    const doctor = await createStaff(t.database.db, s.hospital, 'doctor', { fullName: 'Dr Meera Iyer' });
    const res = await call(
      t,
      'POST',
      '/api/wards/admissions',
      await sessionHeaders(t.database.db, doctor, s.hospital),
      { patientId: patient.id, bedId: beds[0]!.id, source: 'emergency', reason: 'Road accident' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const e = (await get(`/fhir/R4/Encounter/${res.json<Admission>().id}`)).json();
    expect(e).toMatchObject({
      status: 'in-progress',
      class: { code: 'EMER' },
      reasonCode: [{ text: 'Road accident' }],
      hospitalization: { admitSource: { coding: [{ code: 'emd' }] } },
      participant: [
        {
          type: [{ coding: [{ code: 'ATND' }] }],
          individual: { reference: `Practitioner/${doctor.id}`, display: 'Dr Meera Iyer' },
        },
      ],
      location: [{ location: { reference: `Location/${beds[0]!.id}` }, status: 'active' }],
    });
    expect(e.period.end).toBeUndefined();
    expect(e.location[0].period.end).toBeUndefined();
  });

  it("answers 404 for another hospital's admission and an unknown id", async () => {
    const other = await site(t);
    const { beds } = await wardWithBeds(t, other, 1);
    const theirs = await admit(t, other.reception, (await patientAt(t, other)).id, beds[0]!.id);
    expect(theirs.statusCode).toBe(201);
    for (const id of [theirs.json<Admission>().id, '01900000-0000-7000-8000-000000000000']) {
      expect((await get(`/fhir/R4/Encounter/${id}`)).statusCode, id).toBe(404);
    }
    // Nor does a search by that patient find it here.
    const search = await get(`/fhir/R4/Encounter?patient=${theirs.json<Admission>().patient.id}`);
    expect(search.json()).toMatchObject({ total: 0 });
  });

  it('searches a patient’s admissions newest first, by status and start date; audited', async () => {
    const { patient, a: old, beds } = await finishedStay();
    const again = await admit(t, s.reception, patient.id, beds[2]!.id);
    expect(again.statusCode, again.body).toBe(201);
    const now = again.json<Admission>();

    const all = await get(`/fhir/R4/Encounter?patient=Patient/${patient.id}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(bundleIds(all.json())).toEqual([now.id, old.id]);
    expect(await audited('wards.admissions.read', all.headers['x-request-id'])).toEqual([
      { entity_id: patient.id, patient_id: patient.id },
    ]);

    const q = (params: string) => get(`/fhir/R4/Encounter?patient=${patient.id}&${params}`);
    expect(bundleIds((await q('status=finished')).json())).toEqual([old.id]);
    expect(bundleIds((await q('status=http://hl7.org/fhir/encounter-status|in-progress')).json())).toEqual([
      now.id,
    ]);
    expect((await q('status=planned')).json()).toMatchObject({ total: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect(bundleIds((await q(`date=${today}`)).json())).toEqual([now.id]);
    expect(bundleIds((await q(`date=lt${today}`)).json())).toEqual([old.id]);
    expect(bundleIds((await q(`date=ne${today}`)).json())).toEqual([old.id]);
    expect(bundleIds((await q(`date=ge${today}`)).json())).toEqual([now.id]);
    const page = (await q('_count=1&_offset=1')).json();
    expect(page).toMatchObject({ total: 2 });
    expect(bundleIds(page)).toEqual([old.id]);
  });

  it('needs the patient, and is refused (403) to roles that see no encounters', async () => {
    expect((await get('/fhir/R4/Encounter?status=finished')).statusCode).toBe(400);
    expect((await get('/fhir/R4/Encounter?patient=Practitioner/x')).statusCode).toBe(400);
    const pharmacist = await createStaff(t.database.db, s.hospital, 'pharmacist');
    const headers = await sessionHeaders(t.database.db, pharmacist, s.hospital);
    const patient = await patientAt(t, s);
    expect((await get(`/fhir/R4/Encounter?patient=${patient.id}`, headers)).statusCode).toBe(403);
  });
});
