// The discharge summary printed: the letterhead, the patient and MRN, the dates, wards and beds and
// every section, for staff of the hospital and for the patient; another patient and another
// hospital get 404, a role without the bed board 403, and a stay not yet over 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admission } from '../../../contracts/wards';
import { createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { staffAt } from '../pharmacy/pharmacy.test-helpers';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
});
afterAll(async () => t?.close());

const text = (res: { rawPayload: Buffer }) => res.rawPayload.toString('latin1');

describe('the discharge summary as a PDF', () => {
  it('prints every section for the staff and the patient, and for nobody else', async () => {
    const { ward, beds } = await wardWithBeds(t, s, 1);
    const { user, patient } = await createPatientUser(t.database.db, { hospital: s.hospital });
    const own = await sessionHeaders(t.database.db, user);
    const admitted = await admit(t, s.reception, patient.id, beds[0]!.id);
    expect(admitted.statusCode, admitted.body).toBe(201);
    const a = admitted.json<Admission>();
    const pdfUrl = `/api/wards/admissions/${a.id}/discharge-summary.pdf`;

    const early = await call(t, 'GET', pdfUrl, s.nurse);
    expect([early.statusCode, early.json().code]).toEqual([409, 'INVALID_TRANSITION']);

    const out = await call(
      t,
      'POST',
      `/api/wards/admissions/${a.id}/discharge`,
      s.nurse,
      summaryBody({ summary: 'Treated with IV antibiotics.', followUp: 'Chest clinic in two weeks.' }),
    );
    expect(out.statusCode, out.body).toBe(200);

    const pdf = await call(t, 'GET', pdfUrl, s.nurse);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = text(pdf);
    expect(body.startsWith('%PDF')).toBe(true);
    for (const expected of [
      s.hospital.name,
      'DISCHARGE SUMMARY',
      `MRN: ${patient.mrn}`,
      `Patient: Test ${patient.familyName}`,
      'Admitted: ',
      'Discharged: ',
      `${ward.name}, bed B-1: `,
      'J18.9 Pneumonia, unspecified \\(primary\\)',
      'Dehydration, corrected',
      'Course in hospital',
      'Treated with IV antibiotics.',
      'Chest X-ray',
      'IV cannulation',
      '1. Amoxicillin 500 mg capsule - 1 three times a day for 5 days',
      'Condition at discharge',
      'Improved',
      'Chest clinic in two weeks.',
    ])
      expect(body, expected).toContain(expected);

    // The patient prints their own; another patient, another hospital's staff: 404; no bed board: 403.
    const mine = await call(t, 'GET', pdfUrl, own);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(text(mine)).toContain('Treated with IV antibiotics.');
    const stranger = await createPatientUser(t.database.db, { hospital: s.hospital });
    expect(
      (await call(t, 'GET', pdfUrl, await sessionHeaders(t.database.db, stranger.user))).statusCode,
    ).toBe(404);
    expect((await call(t, 'GET', pdfUrl, (await site(t)).nurse)).statusCode).toBe(404);
    expect((await call(t, 'GET', pdfUrl, await staffAt(t, s.hospital, 'pharmacist'))).statusCode).toBe(403);
    expect(
      await count(t, `audit_events where entity_id = $1 and action = 'wards.discharge_summary_printed'`, [
        a.id,
      ]),
    ).toBe(2);
  });
});

describe('the procedures and medicines on discharge', () => {
  it('prints each in full, a long line wrapped onto the next', async () => {
    const { beds } = await wardWithBeds(t, s, 1);
    const { patient } = await createPatientUser(t.database.db, { hospital: s.hospital });
    const a = (await admit(t, s.reception, patient.id, beds[0]!.id)).json<Admission>();
    const directions = '1 tablet, three times a day, 5 days, after food and plenty of water, not with milk';
    const out = await call(
      t,
      'POST',
      `/api/wards/admissions/${a.id}/discharge`,
      s.nurse,
      summaryBody({
        procedures: ['Peripheral IV cannulation', 'Ultrasound of the abdomen'],
        medicines: [
          { name: 'Paracetamol 650 mg Tablet (Dolo 650)', directions },
          { name: 'Pantoprazole 40 mg Tablet' },
        ],
      }),
    );
    expect(out.statusCode, out.body).toBe(200);
    const pdf = await call(t, 'GET', `/api/wards/admissions/${a.id}/discharge-summary.pdf`, s.nurse);
    expect(pdf.statusCode, pdf.body).toBe(200);
    // The printed lines joined again: the PDF writer wraps a long line at a space.
    const printed = [...text(pdf).matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) => m[1]).join(' ');
    for (const expected of [
      'Procedures',
      'Peripheral IV cannulation',
      'Ultrasound of the abdomen',
      'Medicines on discharge',
      `1. Paracetamol 650 mg Tablet \\(Dolo 650\\) - ${directions}`,
      '2. Pantoprazole 40 mg Tablet',
    ])
      expect(printed, expected).toContain(expected);
    expect(printed).not.toContain('2. Pantoprazole 40 mg Tablet -');
  });
});
