// Emergency admission of an unidentified patient: a temporary record with an MRN and the admission
// in one step; a bed taken meanwhile leaves no record behind; the front desk completes the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../contracts/patients';
import type { Admission } from '../../../contracts/wards';
import { buildTestApp, type TestApp } from '../../test/harness';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
});
afterAll(async () => t?.close());

const emergency = (bedId: string, name = 'Unknown man, about 40', h = s.nurse) =>
  call(t, 'POST', '/api/wards/admissions/emergency', h, {
    bedId,
    reason: 'Road traffic accident, unconscious',
    patient: { name, sex: 'male' },
  });

describe('emergency admission of an unidentified patient', () => {
  it('makes a temporary record with an MRN and admits it; the desk completes the record later', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const res = await emergency(beds[0]!.id);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Admission>();
    expect(a).toMatchObject({
      source: 'emergency',
      status: 'active',
      patient: { name: 'Unknown man, about 40' },
      bed: { bedId: beds[0]!.id },
    });
    expect(a.patient.mrn).toMatch(/-\d{6}$/);

    const record = (await call(t, 'GET', `/api/patients/${a.patient.id}`, s.reception)).json<Patient>();
    expect(record).toMatchObject({ temporary: true, sex: 'male', mrn: a.patient.mrn });
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_events where patient_id = $1 order by id`,
      [a.patient.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['patient.created', 'patient.registered', 'wards.admission.created']),
    );

    const done = await call(t, 'PATCH', `/api/patients/${a.patient.id}`, s.reception, {
      givenName: 'Suresh',
      familyName: 'Menon',
      dateOfBirth: '1985-04-12',
      temporary: false,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<Patient>()).toMatchObject({ givenName: 'Suresh', temporary: false });
    // A record is never made temporary again by hand.
    const back = await call(t, 'PATCH', `/api/patients/${a.patient.id}`, s.reception, { temporary: true });
    expect(back.statusCode).toBe(400);
  });

  it('leaves no temporary record behind when the bed was taken meanwhile', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    expect((await admit(t, s.reception, (await patientAt(t, s)).id, beds[0]!.id)).statusCode).toBe(201);
    const before = await count(t, 'patients');
    const res = await emergency(beds[0]!.id, 'Unknown woman');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('BED_OCCUPIED');
    expect(await count(t, 'patients')).toBe(before);
  });

  it('refuses a missing name and another hospital’s bed, and writes nothing', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const before = await count(t, 'patients');
    expect((await emergency(beds[0]!.id, '   ')).statusCode).toBe(400);
    const other = await site(t);
    expect((await emergency(beds[0]!.id, 'Unknown', other.nurse)).statusCode).toBe(404);
    expect(await count(t, 'patients')).toBe(before);
  });

  it('gives a bed reserved for someone else to an emergency only with a reason, audited', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const planned = await patientAt(t, s);
    const reserved = await call(t, 'POST', '/api/wards/reservations', s.reception, {
      bedId: beds[0]!.id,
      patientId: planned.id,
      until: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'Hip replacement tomorrow',
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const before = await count(t, 'patients');
    const refused = await emergency(beds[0]!.id, 'Unknown child');
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([409, 'BED_RESERVED']);
    expect(await count(t, 'patients')).toBe(before);

    const res = await call(t, 'POST', '/api/wards/admissions/emergency', s.nurse, {
      bedId: beds[0]!.id,
      patient: { name: 'Unknown child' },
      overrideReservation: 'The only free monitored bed',
    });
    expect(res.statusCode, res.body).toBe(201);
    const status = await t.database.query<{ status: string }>(
      'select status from bed_reservations where id = $1',
      [reserved.json<{ id: string }>().id],
    );
    expect(status.rows[0]!.status).not.toBe('active');
    const audited = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'wards.admission.created' and entity_id = $1 and after->>'overrideReservation' = $2`,
      [res.json<Admission>().id, 'The only free monitored bed'],
    );
    expect(audited.rows[0]!.n).toBe(1);
  });
});
