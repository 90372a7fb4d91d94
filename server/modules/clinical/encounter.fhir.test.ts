// Consultations as FHIR Encounter: the mapped resource (class, status, doctor, period, complaint,
// ranked diagnoses, appointment, hospital), the hospital's scope, search by patient, status and
// date done in SQL, the reads in the audit log, and who may not see them.
import { describe, expect, it } from 'vitest';
import { fhirSuite } from './clinical.fhir.test-helpers';

const suite = fhirSuite();
const { audited, get, ids, setup, visit, walkIn } = suite;

describe('Encounter (consultations)', () => {
  it('reads a closed consultation as a finished ambulatory encounter, and audits the read', async () => {
    const c = await visit(suite.s);
    const res = await get(`/fhir/R4/Encounter/${c.id}`, suite.s.nurse);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({
      resourceType: 'Encounter',
      id: c.id,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      subject: { reference: `Patient/${suite.s.patient.id}` },
      participant: [
        {
          type: [{ coding: [{ code: 'PPRF' }] }],
          individual: { reference: `Practitioner/${suite.s.doctor.userId}`, display: 'Asha Rao' },
        },
      ],
      period: { start: c.openedAt, end: c.closedAt },
      reasonCode: [{ text: 'Headache for three days' }],
      serviceProvider: { reference: `Organization/${suite.s.hospital.id}`, display: suite.s.hospital.name },
    });
    expect(e.appointment).toBeUndefined();
    expect(e.meta.lastUpdated).toMatch(/Z$/);
    // The primary diagnosis ranks first; each is a Condition of this server.
    expect(
      e.diagnosis.map((d: { condition: { display: string }; rank: number }) => [d.condition.display, d.rank]),
    ).toEqual([
      ['Migraine, unspecified', 1],
      ['Headache', 2],
      ['Poor sleep', 3],
    ]);
    const condition = await get(`/fhir/R4/${e.diagnosis[0].condition.reference}`, suite.s.nurse);
    expect(condition.json()).toMatchObject({ code: { coding: [{ code: 'G43.9' }] } });

    // (Admissions are Encounters too: the wards may look the id up, and find nothing.)
    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'consultation.read');
    expect(rows).toMatchObject([
      {
        action: 'consultation.read',
        entity_type: 'consultation',
        entity_id: c.id,
        patient_id: suite.s.patient.id,
        after: { fhir: `Encounter/${c.id}` },
      },
    ]);
  });

  it('shows an open consultation in progress, without an end, linked to its appointment', async () => {
    const c = await walkIn(suite.s);
    const { rows } = await suite.t.database.query<{ id: string }>(
      `insert into appointments (id, hospital_id, doctor_profile_id, patient_id, starts_at, ends_at, booked_by, idempotency_key, request_hash, walk_in)
       values (gen_random_uuid(), $1, $2, $3, now(), now() + interval '10 minutes', $4, $5, 'x', true) returning id`,
      [
        suite.s.hospital.id,
        suite.s.doctor.profileId,
        suite.s.patient.id,
        suite.s.doctor.userId,
        `k-${Date.now()}`,
      ],
    );
    await suite.t.database.query('update consultations set appointment_id = $2 where id = $1', [
      c.id,
      rows[0]!.id,
    ]);
    const e = (await get(`/fhir/R4/Encounter/${c.id}`, suite.s.doctor.headers)).json();
    expect(e).toMatchObject({
      status: 'in-progress',
      appointment: [{ reference: `Appointment/${rows[0]!.id}` }],
    });
    expect(e.period).toEqual({ start: c.openedAt });
    expect(e.reasonCode).toBeUndefined();
    expect(e.diagnosis).toBeUndefined();
  });

  it("answers 404 for another hospital's consultation and an unknown id", async () => {
    const other = await setup();
    const c = await walkIn(other);
    for (const id of [c.id, '01900000-0000-7000-8000-000000000000']) {
      expect((await get(`/fhir/R4/Encounter/${id}`, suite.s.nurse)).statusCode, id).toBe(404);
    }
    expect((await get(`/fhir/R4/Encounter?patient=${other.patient.id}`, suite.s.nurse)).json().total).toBe(0);
  });

  it('searches a patient’s consultations newest first, by status and by the date they began', async () => {
    const p = await setup();
    const older = await visit(p, { vitals: null });
    const newer = await walkIn(p);
    await suite.t.database.query(
      `update consultations set opened_at = '2025-03-01T10:00:00Z' where id = $1`,
      [older.id],
    );
    const q = async (query = '') => {
      const res = await get(`/fhir/R4/Encounter?patient=Patient/${p.patient.id}${query}`, p.nurse);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await q();
    expect(all).toMatchObject({ resourceType: 'Bundle', total: 2 });
    expect(ids(all)).toEqual([newer.id, older.id]);
    expect(ids(await q('&status=finished'))).toEqual([older.id]);
    expect(ids(await q('&status=http://hl7.org/fhir/encounter-status|in-progress'))).toEqual([newer.id]);
    expect((await q('&status=cancelled')).total).toBe(0);
    expect(ids(await q('&date=2025-03-01'))).toEqual([older.id]);
    expect(ids(await q('&date=ne2025-03-01'))).toEqual([newer.id]);
    expect(ids(await q('&date=ge2025-03-02'))).toEqual([newer.id]);
    expect((await q('&date=lt2025-03-01')).total).toBe(0);
    // Twice, a range: both bounds apply.
    expect(ids(await q('&date=ge2025-02-01&date=lt2025-04-01'))).toEqual([older.id]);
    expect((await q('&date=ge2025-03-02&date=lt2025-04-01')).total).toBe(0);
    const thrice = await get(
      `/fhir/R4/Encounter?patient=Patient/${p.patient.id}&date=ge2025-01-01&date=lt2026-01-01&date=2025-03-01`,
      p.nurse,
    );
    expect(thrice.statusCode).toBe(400);
    const page = await q('&_count=1&_offset=1');
    expect(page.total).toBe(2);
    expect(ids(page)).toEqual([older.id]);

    const res = await get(`/fhir/R4/Encounter?patient=${p.patient.id}`, p.nurse);
    // (The wards, serving admissions as Encounter too, may write their own row.)
    const rows = (await audited(res.headers['x-request-id'])).filter((r) => r.action === 'visits.listed');
    expect(rows).toMatchObject([
      {
        action: 'visits.listed',
        entity_id: p.patient.id,
        after: { fhir: 'Encounter', ids: [newer.id, older.id] },
      },
    ]);
    expect((await get('/fhir/R4/Encounter?status=finished', p.nurse)).statusCode).toBe(400);
    expect((await get(`/fhir/R4/Encounter?patient=${p.patient.id}&date=soon`, p.nurse)).statusCode).toBe(400);
  });

  it('shows consultations to no one without clinical access', async () => {
    const c = await walkIn(suite.s);
    // The pharmacist may read neither consultations nor admissions.
    expect((await get(`/fhir/R4/Encounter/${c.id}`, suite.s.ph.headers)).statusCode).toBe(403);
    // The front desk may see admissions (if served) but not consultations.
    const read = await get(`/fhir/R4/Encounter/${c.id}`, suite.s.receptionist);
    expect([403, 404]).toContain(read.statusCode);
    const search = await get(`/fhir/R4/Encounter?patient=${suite.s.patient.id}`, suite.s.receptionist);
    if (search.statusCode === 200) expect(ids(search.json())).not.toContain(c.id);
    else expect(search.statusCode).toBe(403);
  });
});
