// Writing a prescription in a consultation: checked against the patient's allergies and the stock,
// quantities worked out, and the lines being written kept with the consultation until it closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedPrescription, Consultation } from '../../../contracts/clinical';
import { buildTestApp, type TestApp } from '../../test/harness';
import { medicine, pharmacy } from '../pharmacy/pharmacy.test-helpers';
import { consultationHelpers } from './consultations.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());
const { call, count, setup, walkIn, medicines } = consultationHelpers(() => t);

describe('prescribing', () => {
  it('warns on the patient’s allergies, shows stock and works out quantities; keeps nothing', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const { amox, para, syrup } = await medicines(s);
    const aid = await call(
      'GET',
      `/api/consultations/${c.id}/prescribing-aid?medicineId=${amox.id}`,
      s.doctor.headers,
    );
    expect(aid.statusCode).toBe(200);
    expect(aid.json()).toMatchObject({
      counted: true,
      allergyWarnings: [{ substance: 'Amoxicillin', severity: 'severe' }],
    });
    const paraAid = await call(
      'GET',
      `/api/consultations/${c.id}/prescribing-aid?medicineId=${para.id}`,
      s.doctor.headers,
    );
    expect(paraAid.json()).toMatchObject({
      allergyWarnings: [],
      stock: { onHand: 40, availableInPharmacy: 40 },
    });

    const res = await call('POST', `/api/consultations/${c.id}/prescription`, s.doctor.headers, {
      lines: [
        { medicineId: amox.id, dose: 1, frequency: 'TDS', durationDays: 5, route: 'oral', quantity: 99 },
        {
          medicineId: para.id,
          dose: 0.5,
          frequency: 'QID',
          durationDays: 3,
          route: 'oral',
          instructions: 'After food',
        },
        {
          medicineId: syrup.id,
          dose: 5,
          doseUnit: 'ml',
          frequency: 'BD',
          durationDays: 5,
          route: 'oral',
          quantity: 1,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const checked = res.json() as CheckedPrescription;
    expect(checked.hasAllergyWarnings).toBe(true);
    expect(checked.lines.map((l) => l.quantity)).toEqual([15, 6, 1]);
    expect(checked.lines[0]!.allergyWarnings).toHaveLength(1);
    expect(checked.lines[1]).toMatchObject({
      allergyWarnings: [],
      stock: { onHand: 40 },
      directions: '½ tablet four times a day (QID) for 3 days, oral. After food',
    });
    expect(checked.lines[2]!.directions).toBe('5 ml twice a day (BD) for 5 days, oral.');
    expect(await count('prescriptions where patient_id = $1', [s.patient.id])).toBe(0);

    // A syrup needs its quantity; a medicine of another hospital is unknown here.
    const noQty = await call('POST', `/api/consultations/${c.id}/prescription`, s.doctor.headers, {
      lines: [{ medicineId: syrup.id, dose: 5, frequency: 'BD', durationDays: 5, route: 'oral' }],
    });
    expect(noQty.statusCode).toBe(400);
    expect(noQty.json().errors[0].path).toBe('body.lines.0.quantity');
    const foreign = await medicine(t, await pharmacy(t));
    const far = await call('POST', `/api/consultations/${c.id}/prescription`, s.doctor.headers, {
      lines: [{ medicineId: foreign.id, dose: 1, frequency: 'OD', durationDays: 1, route: 'oral' }],
    });
    expect(far.statusCode).toBe(400);
    expect(
      (
        await call(
          'GET',
          `/api/consultations/${c.id}/prescribing-aid?medicineId=${foreign.id}`,
          s.doctor.headers,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('keeps the prescription being written with the consultation, unfinished lines too, until closing', async () => {
    const s = await setup();
    const c = await walkIn(s);
    const { para, syrup } = await medicines(s);
    const half = {
      dose: null,
      doseUnit: null,
      frequency: null,
      durationDays: null,
      route: null,
      quantity: null,
    };
    const draft = [
      {
        ...half,
        medicineId: para.id,
        dose: 1,
        frequency: 'BD',
        durationDays: 5,
        route: 'oral',
        instructions: 'after food',
      },
      { ...half, medicineId: syrup.id, instructions: null },
    ];
    const saved = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      prescriptionDraft: draft,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Another tab or computer of the doctor's reads it back, with each medicine's name and form.
    const read = (await call('GET', `/api/consultations/${c.id}`, s.doctor.headers)).json() as Consultation;
    expect(read.prescriptionDraft.map((l) => [l.medicineId, l.dose, l.frequency, l.form])).toEqual([
      [para.id, 1, 'BD', 'tablet'],
      [syrup.id, null, null, 'syrup'],
    ]);
    expect(read.prescriptionDraft[0]!.medicineName).toContain('Paracetamol');

    // A medicine this hospital does not have is refused, and the saved draft stays as it was.
    const elsewhere = await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, {
      prescriptionDraft: [
        { ...half, medicineId: '01a238e1-fc1e-733b-89d9-7b47a0337e8d', instructions: null },
      ],
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].path).toBe('body.prescriptionDraft.0.medicineId');
    for (const bad of [
      [{ ...draft[0], dose: -1 }],
      [{ ...draft[0], frequency: 'sometimes' }],
      [{ ...draft[0], secret: 1 }],
      Array.from({ length: 31 }, () => draft[0]),
    ]) {
      expect(
        (await call('PATCH', `/api/consultations/${c.id}`, s.doctor.headers, { prescriptionDraft: bad }))
          .statusCode,
      ).toBe(400);
    }
    // Only the consultation's doctor writes it.
    expect(
      (await call('PATCH', `/api/consultations/${c.id}`, s.nurse, { prescriptionDraft: [] })).statusCode,
    ).toBe(403);
    const again = (await call('GET', `/api/consultations/${c.id}`, s.doctor.headers)).json() as Consultation;
    expect(again.prescriptionDraft).toHaveLength(2);

    // Closing writes the prescription and empties the draft.
    const closed = await call('POST', `/api/consultations/${c.id}/close`, s.doctor.headers, {
      prescription: {
        lines: [{ medicineId: para.id, dose: 1, frequency: 'BD', durationDays: 5, route: 'oral' }],
      },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as Consultation).prescriptionDraft).toEqual([]);
  });
});
