// After the visit: the printed prescription, and the visit history for staff and for the patient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitPage } from '../../../contracts/clinical';
import { createHospital, createPatient, createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { medicine } from '../pharmacy/pharmacy.test-helpers';
import { consultationHelpers } from './consultations.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, setup, walkIn } = consultationHelpers(() => t);

describe('the printed prescription and the visit history', () => {
  it('prints a PDF with the letterhead, the doctor’s registration and the lines', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const para = await medicine(t, s.ph, { genericName: 'Paracetamol (Crocin)', strength: '650 mg' });
    const url = `/api/consultations/${c.id}/prescription.pdf`;
    expect((await call('GET', url, s.doctor.headers)).statusCode).toBe(409); // not closed yet
    await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      diagnoses: [{ code: 'R51', primary: true }],
    });
    await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
      prescription: {
        lines: [{ medicineId: para.id, dose: 1, frequency: 'BD', durationDays: 3, route: 'oral' }],
      },
    });
    const res = await call('GET', url, s.doctor.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain(`(Reg. No. ${s.doctor.registration})`);
    expect(pdf).toContain('(Dr Asha Rao)');
    expect(pdf).toContain(`(${s.hospital.name})`);
    expect(pdf).toContain('(R51 Headache)');
    expect(pdf).toContain('(Quantity: 6 tablets)');
    expect(pdf).toContain('Paracetamol \\(Crocin\\) 650 mg tablet');
    expect(pdf).toContain('1 tablet twice a day \\(BD\\) for 3 days, oral.');
    expect(pdf).toMatch(/Age\/Sex: \d+ y \/ F/);
    // The xref offsets point at the objects.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');

    // The patient may fetch their own; another patient may not; staff without clinical access neither.
    expect((await call('GET', url, s.patient.headers)).statusCode).toBe(200);
    const { user } = await createPatientUser(t.database.db, { hospital: s.hospital });
    expect((await call('GET', url, await sessionHeaders(t.database.db, user))).statusCode).toBe(404);
    expect((await call('GET', url, s.receptionist)).statusCode).toBe(403);
    expect((await call('GET', url, s.nurse)).statusCode).toBe(200);
  });

  it('lists visits for clinical staff here and for the patient, paged, newest first', async () => {
    const s = await setup();
    const first = await walkIn(s);
    await call('PATCH', `/api/consultations/${first.id}`, s.doctor.headers, {
      chiefComplaint: 'Headache',
      diagnoses: [{ code: 'G43.9', primary: true }],
    });
    await call('POST', `/api/consultations/${first.id}/close`, s.doctor.headers, {});
    await call('POST', `/api/consultations/${first.id}/addenda`, s.doctor.headers, { text: 'Better.' });
    const second = await walkIn(s);

    const staff = await call('GET', `/api/patients/${s.patient.id}/visits?limit=1`, s.nurse);
    expect(staff.statusCode).toBe(200);
    const page = staff.json() as VisitPage;
    expect(page.total).toBe(2);
    expect(page.items.map((v) => v.id)).toEqual([second.id]);
    const older = (
      await call('GET', `/api/patients/${s.patient.id}/visits?limit=1&offset=1`, s.nurse)
    ).json() as VisitPage;
    expect(older.items[0]).toMatchObject({
      id: first.id,
      doctorName: 'Asha Rao',
      hospitalName: s.hospital.name,
      timeZone: s.hospital.timeZone,
      chiefComplaint: 'Headache',
      diagnoses: [{ code: 'G43.9', primary: true }],
      addenda: [{ text: 'Better.' }],
      status: 'closed',
    });
    const mine = await call('GET', '/api/me/visits', s.patient.headers);
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as VisitPage).items.map((v) => v.id)).toEqual([second.id, first.id]);
    expect((await call('GET', '/api/me/visits', s.doctor.headers)).statusCode).toBe(403);
    expect((await call('GET', `/api/patients/${s.patient.id}/visits?limit=500`, s.nurse)).statusCode).toBe(
      400,
    );
    expect((await call('GET', `/api/patients/${s.patient.id}/visits`, s.receptionist)).statusCode).toBe(403);
    // A patient not registered here: 404, as if unknown.
    const stranger = await createPatient(t.database.db, { hospital: await createHospital(t.database.db) });
    expect((await call('GET', `/api/patients/${stranger.id}/visits`, s.nurse)).statusCode).toBe(404);
  });
});
