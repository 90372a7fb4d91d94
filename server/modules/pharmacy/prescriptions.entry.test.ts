// Entering a paper prescription at the pharmacy (what is accepted and refused, writing nothing on a
// refusal), and who may see and dispense prescriptions: the pharmacy of the hospital only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prescription } from '../../../contracts/dispensing';
import { createPatient, createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { dispensingHelpers, entry, NO_SUCH_ID } from './dispensing.test-helpers';
import { inDays, key, medicine, onHand, pharmacy, receive, staffAt } from './pharmacy.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { post, get, prescribe, dispense, count } = dispensingHelpers(() => t);

describe('entering a paper prescription', () => {
  it('records a prescription for a patient registered here, open with nothing dispensed', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    const patient = await createPatient(t.database.db, { hospital: p.hospital });
    const res = await post(
      '/api/prescriptions',
      p.headers,
      entry(patient.id, [{ medicineId: m.id, quantity: 10, directions: '1 tablet twice a day' }]),
    );
    expect(res.statusCode).toBe(201);
    const pr = res.json() as Prescription;
    expect(pr).toMatchObject({
      hospitalId: p.hospital.id,
      patientId: patient.id,
      mrn: patient.mrn,
      source: 'paper',
      prescriberName: 'Dr. A. Rao',
      writtenOn: inDays(-1),
      status: 'open',
    });
    expect(pr.lines).toEqual([
      expect.objectContaining({
        medicineId: m.id,
        quantityPrescribed: 10,
        quantityDispensed: 0,
        directions: '1 tablet twice a day',
        dispensingUnit: 'tablet',
      }),
    ]);
    const again = await get(`/api/prescriptions/${pr.id}`, p.headers);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(pr);
    const list = await get(`/api/prescriptions?status=open&patientId=${patient.id}`, p.headers);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: pr.id }] });
  });

  it('names each line by its brand too, so two brands of one generic tell apart', async () => {
    const p = await pharmacy(t);
    const genericName = `Brandamol ${key().slice(2, 8)}`;
    const a = await medicine(t, p, { genericName, brandName: 'Feverex' });
    const b = await medicine(t, p, { genericName, brandName: 'Calmatab' });
    const plain = await medicine(t, p, { genericName });
    const pr = await prescribe(p, [
      { medicineId: a.id, quantity: 10 },
      { medicineId: b.id, quantity: 5 },
      { medicineId: plain.id, quantity: 2 },
    ]);
    const names = [
      `${genericName} 500 mg tablet (Feverex)`,
      `${genericName} 500 mg tablet (Calmatab)`,
      `${genericName} 500 mg tablet`,
    ];
    expect(pr.lines.map((l) => l.medicineName)).toEqual(names);
    const again = (await get(`/api/prescriptions/${pr.id}`, p.headers)).json() as Prescription;
    expect(again.lines.map((l) => l.medicineName)).toEqual(names);
  });

  it('refuses bad input with 400 VALIDATION_FAILED, and writes nothing', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    const patient = await createPatient(t.database.db, { hospital: p.hospital });
    const good = entry(patient.id, [{ medicineId: m.id, quantity: 5 }]);
    const withLine = (l: object) => ({ ...good, lines: [{ medicineId: m.id, quantity: 5, ...l }] });
    const cases: [string, unknown][] = [
      ['zero quantity', withLine({ quantity: 0 })],
      ['negative quantity', withLine({ quantity: -3 })],
      ['fractional quantity', withLine({ quantity: 1.5 })],
      ['huge quantity', withLine({ quantity: 1e12 })],
      ['just over the ceiling', withLine({ quantity: 1_000_001 })],
      ['quantity as a string', withLine({ quantity: '5' })],
      ['quantity null', withLine({ quantity: null })],
      ['no quantity', { ...good, lines: [{ medicineId: m.id }] }],
      ['no lines', { ...good, lines: [] }],
      ['51 lines', { ...good, lines: Array.from({ length: 51 }, () => ({ medicineId: m.id, quantity: 1 })) }],
      ['malformed medicine id', withLine({ medicineId: 'paracetamol' })],
      ['malformed patient id', { ...good, patientId: '42' }],
      ['no prescriber', { ...good, prescriberName: undefined }],
      ['blank prescriber', { ...good, prescriberName: '   ' }],
      ['prescriber of 201 characters', { ...good, prescriberName: 'x'.repeat(201) }],
      ['prescriber with a NUL byte', { ...good, prescriberName: 'Dr.\u0000Rao' }],
      ['prescriber with a right-to-left override', { ...good, prescriberName: 'Dr. \u202eoaR' }],
      ['notes of 10k characters', { ...good, notes: 'n'.repeat(10_000) }],
      ['a date that does not exist', { ...good, writtenOn: '2024-02-30' }],
      ['a date with a time', { ...good, writtenOn: '2024-02-03T10:00:00Z' }],
      ['written in the future (two days from now)', { ...good, writtenOn: inDays(2) }],
      ['an extra field (status)', { ...good, status: 'dispensed' }],
      ['an extra field (hospitalId)', { ...good, hospitalId: NO_SUCH_ID }],
      ['an extra field on a line (quantityDispensed)', withLine({ quantityDispensed: 5 })],
      ['directions of 301 characters', withLine({ directions: 'd'.repeat(301) })],
    ];
    for (const [name, body] of cases) {
      const res = await post('/api/prescriptions', p.headers, body);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().code, name).toBe('VALIDATION_FAILED');
      expect(res.headers['content-type'], name).toMatch(/application\/problem\+json/);
    }
    // A __proto__ key is refused, not merged into the prescription.
    const proto = await t.app.inject({
      method: 'POST',
      url: '/api/prescriptions',
      headers: { ...(p.headers as Record<string, string>), 'content-type': 'application/json' },
      payload: `{"patientId":"${patient.id}","prescriberName":"Dr. X","writtenOn":"2024-01-02","lines":[{"medicineId":"${m.id}","quantity":1}],"__proto__":{"status":"dispensed"}}`,
    });
    expect(proto.statusCode).toBe(400);
    expect(await count('prescriptions', p.hospital.id)).toBe(0);
  });

  it('refuses unknown, foreign and retired medicines and patients not registered here (exact codes), writing nothing', async () => {
    const p = await pharmacy(t);
    const other = await pharmacy(t);
    const m = await medicine(t, p);
    const retired = await medicine(t, p);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/medicines/${retired.id}`,
      headers: p.headers as Record<string, string>,
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(200);
    const foreignMedicine = await medicine(t, other);
    const patient = await createPatient(t.database.db, { hospital: p.hospital });
    const theirs = await createPatient(t.database.db, { hospital: other.hospital });
    const nowhere = await createPatient(t.database.db);

    const unknown = await post(
      '/api/prescriptions',
      p.headers,
      entry(patient.id, [{ medicineId: NO_SUCH_ID, quantity: 1 }]),
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'NOT_FOUND',
      errors: [{ path: 'body.lines.0.medicineId' }],
    });
    // Another hospital's medicine is answered as if it did not exist, whichever line it is on.
    const foreign = await post(
      '/api/prescriptions',
      p.headers,
      entry(patient.id, [
        { medicineId: m.id, quantity: 1 },
        { medicineId: foreignMedicine.id, quantity: 1 },
      ]),
    );
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({
      code: 'NOT_FOUND',
      errors: [{ path: 'body.lines.1.medicineId' }],
    });
    expect(foreign.body).not.toContain(foreignMedicine.genericName);

    const inactive = await post(
      '/api/prescriptions',
      p.headers,
      entry(patient.id, [{ medicineId: retired.id, quantity: 1 }]),
    );
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json().code).toBe('MEDICINE_INACTIVE');

    for (const [name, who] of [
      ["another hospital's patient", theirs],
      ['a patient registered nowhere', nowhere],
      ['no such patient', { id: NO_SUCH_ID }],
    ] as const) {
      const res = await post(
        '/api/prescriptions',
        p.headers,
        entry(who.id, [{ medicineId: m.id, quantity: 1 }]),
      );
      expect(res.statusCode, name).toBe(404);
      expect(res.json().code, name).toBe('NOT_FOUND');
      expect(res.body, name).not.toContain(theirs.familyName);
    }
    expect(await count('prescriptions', p.hospital.id)).toBe(0);
    expect(await count('prescriptions', other.hospital.id)).toBe(0);
  });
});
describe('who may see and dispense', () => {
  it('lets only the pharmacy dispense, answers 404 for other hospitals, and keeps patients out', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'Z1', expiryDate: inDays(50), quantity: 10 }]);
    const patient = await createPatient(t.database.db, { hospital: p.hospital });
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 3 }], patient.id);
    const line = [{ lineId: pr.lines[0]!.id, quantity: 1 }];

    const nurse = await staffAt(t, p.hospital, 'nurse');
    const doctor = await staffAt(t, p.hospital, 'doctor');
    const receptionist = await staffAt(t, p.hospital, 'receptionist');
    const admin = await staffAt(t, p.hospital, 'hospital_admin');
    for (const [role, h] of [
      ['nurse', nurse],
      ['doctor', doctor],
      ['receptionist', receptionist],
      ['hospital_admin', admin],
    ] as const) {
      const res = await dispense({ headers: h }, pr.id, line);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code, role).toBe('FORBIDDEN');
      const entered = await post(
        '/api/prescriptions',
        h,
        entry(patient.id, [{ medicineId: m.id, quantity: 1 }]),
      );
      expect(entered.statusCode, role).toBe(403);
    }
    // Nurses and doctors read prescriptions; reception does not.
    expect((await get(`/api/prescriptions/${pr.id}`, nurse)).statusCode).toBe(200);
    expect((await get(`/api/prescriptions/${pr.id}`, doctor)).statusCode).toBe(200);
    expect((await get(`/api/prescriptions/${pr.id}`, receptionist)).statusCode).toBe(403);
    expect((await get('/api/prescriptions', receptionist)).statusCode).toBe(403);

    // Another hospital's pharmacist: as if the prescription did not exist.
    const elsewhere = await pharmacy(t);
    const seen = await get(`/api/prescriptions/${pr.id}`, elsewhere.headers);
    expect(seen.statusCode).toBe(404);
    expect(seen.body).not.toContain(patient.familyName);
    const taken = await dispense(elsewhere, pr.id, line);
    expect(taken.statusCode).toBe(404);
    expect(taken.json().code).toBe('NOT_FOUND');
    const listed = (await get('/api/prescriptions', elsewhere.headers)).json() as { total: number };
    expect(listed.total).toBe(0);
    const byPatient = (await get(`/api/prescriptions?patientId=${patient.id}`, elsewhere.headers)).json();
    expect(byPatient.total).toBe(0);
    // ... and naming this hospital in the header does not widen that.
    const posing = await dispense(
      { headers: { ...elsewhere.headers, 'x-hospital-id': p.hospital.id } },
      pr.id,
      line,
    );
    expect(posing.statusCode).toBe(403);

    // Patients have no access to the pharmacy's prescriptions, their own included.
    const self = await createPatientUser(t.database.db, { hospital: p.hospital });
    const own = await prescribe(p, [{ medicineId: m.id, quantity: 1 }], self.patient.id);
    const ph = await sessionHeaders(t.database.db, self.user);
    expect((await get('/api/prescriptions', ph)).statusCode).toBe(403);
    expect((await get(`/api/prescriptions/${own.id}`, ph)).statusCode).toBe(403);
    expect(
      (await dispense({ headers: ph }, own.id, [{ lineId: own.lines[0]!.id, quantity: 1 }])).statusCode,
    ).toBe(403);
    const phHere = await sessionHeaders(t.database.db, self.user, p.hospital);
    expect((await get(`/api/prescriptions/${own.id}`, phHere)).statusCode).toBe(403);

    expect((await onHand(t, p, m.id)).onHand).toBe(10);
    expect(await count('dispensings', p.hospital.id)).toBe(0);
  });

  it('answers 404 for a prescription that does not exist, and 400 for a malformed id', async () => {
    const p = await pharmacy(t);
    const missing = await dispense(p, NO_SUCH_ID, [{ lineId: NO_SUCH_ID, quantity: 1 }]);
    expect(missing.statusCode, missing.body).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
    expect((await get(`/api/prescriptions/${NO_SUCH_ID}`, p.headers)).statusCode).toBe(404);
    const malformed = await dispense(p, 'not-a-uuid', [{ lineId: NO_SUCH_ID, quantity: 1 }]);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
    expect(await count('dispensings', p.hospital.id)).toBe(0);
  });
});
