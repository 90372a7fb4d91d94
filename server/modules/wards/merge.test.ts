// Merging a temporary record into the person's own once they are identified: the stay, what was
// charted and charged on it, and the temporary record's allergies move to the person; the temporary
// record is found no more (not by id, name or its MRN) and the audit log says what moved and why.
// Refused, changing nothing: a record that is not temporary, a target that is temporary or not
// registered here, another hospital's record, one person in two beds, a bill already issued, a
// caller without patients:create. A record of another sex is merged only once the desk confirms.
// Two desks merging at once: one merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingService } from '../../../contracts/price-list';
import type { Allergy, Patient, PatientPage } from '../../../contracts/patients';
import type { Admission, BedBoard } from '../../../contracts/wards';
import { createPatient } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { key } from '../pharmacy/pharmacy.test-helpers';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
let other: Site;
let nebulisation: BillingService;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
  other = await site(t);
  const made = await call(t, 'POST', '/api/billing/services', s.admin, {
    code: 'NEB',
    name: 'Nebulisation',
    priceMinor: 20_000,
    taxRateBp: 0,
  });
  expect(made.statusCode, made.body).toBe(201);
  nebulisation = made.json<BillingService>();
});
afterAll(async () => t?.close());

let names = 0;
/** Someone brought in unidentified, admitted to a fresh bed as an emergency. */
async function unidentified(at = s) {
  names += 1;
  const { beds } = await wardWithBeds(t, at, 2);
  const res = await call(t, 'POST', '/api/wards/admissions/emergency', at.nurse, {
    bedId: beds[0]!.id,
    reason: 'Found collapsed at the bus stand',
    patient: { name: `Unknown woman ${names}, about 60`, sex: 'female' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { admission: res.json<Admission>(), spareBed: beds[1]! };
}

const merge = (fromId: string, intoPatientId: string, h = s.reception) =>
  call(t, 'POST', `/api/patients/${fromId}/merge`, h, {
    intoPatientId,
    reason: 'Identified by her son from the photograph',
  });
const isTemporaryAndFound = async (id: string) =>
  count(
    t,
    'patients p join patient_registrations r on r.patient_id = p.id where p.id = $1 and p.merged_into_id is null',
    [id],
  );

describe('merging a temporary record into the person’s own', () => {
  it('moves the stay, its record and charges and the allergies to the person; the temporary record is found no more', async () => {
    const { admission } = await unidentified();
    const temp = admission.patient;
    const person = await patientAt(t, s);
    const vitals = await call(t, 'POST', `/api/wards/admissions/${admission.id}/vitals`, s.nurse, {
      pulse: 110,
    });
    expect(vitals.statusCode, vitals.body).toBe(201);
    const charged = await call(t, 'POST', `/api/wards/admissions/${admission.id}/service-charges`, s.nurse, {
      idempotencyKey: key(),
      serviceId: nebulisation.id,
      quantity: 1,
    });
    expect(charged.statusCode, charged.body).toBe(201);
    const allergy = await call(t, 'POST', `/api/patients/${temp.id}/allergies`, s.nurse, {
      substance: 'Penicillin',
      severity: 'severe',
    });
    expect(allergy.statusCode, allergy.body).toBe(201);

    // The desk had begun to fill in the temporary record before she was recognised.
    const details = { dateOfBirth: '1964-02-03', phone: `+9198${String(Date.now()).slice(-8)}` };
    expect((await call(t, 'PATCH', `/api/patients/${temp.id}`, s.reception, details)).statusCode).toBe(200);

    const res = await merge(temp.id, person.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Patient>()).toMatchObject({ id: person.id, mrn: person.mrn, temporary: false });
    expect(res.json<Patient>().allergies.map((a: Allergy) => a.substance)).toContain('Penicillin');

    // The stay is the person's now, with what was charted and charged on it.
    const stay = (await call(t, 'GET', `/api/wards/admissions/${admission.id}`, s.nurse)).json<Admission>();
    expect(stay.patient).toMatchObject({ id: person.id, mrn: person.mrn });
    const board = (await call(t, 'GET', '/api/wards/board', s.nurse)).json<BedBoard>();
    const tile = board.wards.flatMap((w) => w.beds).find((b) => b.id === admission.bed!.bedId);
    expect(tile?.patient).toMatchObject({ patientId: person.id, mrn: person.mrn });
    expect(await count(t, 'admission_vitals where admission_id = $1', [admission.id])).toBe(1);

    // The temporary record is found no more: not by id, its name or its MRN.
    expect((await call(t, 'GET', `/api/patients/${temp.id}`, s.reception)).statusCode).toBe(404);
    for (const q of [temp.mrn!, temp.name]) {
      const found = (
        await call(t, 'GET', `/api/patients?q=${encodeURIComponent(q)}`, s.reception)
      ).json<PatientPage>();
      expect(found.items.map((p) => p.id)).not.toContain(temp.id);
    }
    expect(await isTemporaryAndFound(temp.id)).toBe(0);
    // …nor by another hospital registering someone known from the same details.
    const known = await call(t, 'POST', '/api/patients/register-existing', other.reception, {
      givenName: temp.name,
      ...details,
    });
    expect(known.statusCode).toBe(404);
    // Merged once: again is as if it did not exist.
    expect((await merge(temp.id, person.id)).statusCode).toBe(404);

    const audited = await t.database.query<{
      patient_id: string;
      before: { mrns: { mrn: string }[] };
      after: { reason: string; moved: Record<string, number> };
    }>(
      `select patient_id, before, after from audit_events where action = 'patient.merged' and entity_id = $1`,
      [temp.id],
    );
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0]).toMatchObject({
      patient_id: person.id,
      before: { mrns: [{ mrn: temp.mrn }] },
      after: {
        reason: 'Identified by her son from the photograph',
        moved: { admissions: 1, patient_allergies: 1, invoices: 0 },
      },
    });
  });

  it('refuses what cannot be merged, and changes nothing', async () => {
    const { admission } = await unidentified();
    const temp = admission.patient;
    const person = await patientAt(t, s);
    const { admission: otherTemp } = await unidentified();
    const elsewhere = await patientAt(t, other);

    const cases: [string, Promise<Awaited<ReturnType<typeof merge>>>, number][] = [
      ['a record that is not temporary', merge(person.id, temp.id), 409],
      ['into a temporary record', merge(temp.id, otherTemp.patient.id), 422],
      ['into itself', merge(temp.id, temp.id), 422],
      ['into a patient of another hospital', merge(temp.id, elsewhere.id), 404],
      ['a record of another hospital', merge(temp.id, elsewhere.id, other.reception), 404],
      ['by a nurse', merge(temp.id, person.id, s.nurse), 403],
      [
        'without a reason',
        call(t, 'POST', `/api/patients/${temp.id}/merge`, s.reception, { intoPatientId: person.id }),
        400,
      ],
    ];
    for (const [what, sent, status] of cases) {
      const res = await sent;
      expect([what, res.statusCode]).toEqual([what, status]);
    }

    // One person in two beds at one hospital: discharge one stay first.
    const inBed = await patientAt(t, s);
    const { beds } = await wardWithBeds(t, s, 1);
    expect((await admit(t, s.reception, inBed.id, beds[0]!.id)).statusCode).toBe(201);
    const twice = await merge(temp.id, inBed.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ code: string }>().code).toBe('STAYS_OVERLAP');

    expect(await isTemporaryAndFound(temp.id)).toBe(1);
    expect(await count(t, 'admissions where patient_id = $1', [temp.id])).toBe(1);
    expect(await count(t, "audit_events where action = 'patient.merged' and entity_id = $1", [temp.id])).toBe(
      0,
    );
  });

  it('asks before merging into a record of another sex, and says so in the audit log when confirmed', async () => {
    const { admission } = await unidentified(); // noted as a woman at the door
    const temp = admission.patient;
    const man = await createPatient(t.database.db, { hospital: s.hospital, values: { sex: 'male' } });

    const asked = await merge(temp.id, man.id);
    expect(asked.statusCode, asked.body).toBe(409);
    expect(asked.json()).toMatchObject({
      code: 'SEX_DIFFERS',
      temporaryRecord: 'female',
      patientRecord: 'male',
    });
    expect(await isTemporaryAndFound(temp.id)).toBe(1);
    expect(await count(t, 'admissions where patient_id = $1', [temp.id])).toBe(1);

    // A record with no sex noted is no reason to ask.
    const unstated = await createPatient(t.database.db, { hospital: s.hospital, values: { sex: 'unknown' } });
    const { admission: second } = await unidentified();
    expect((await merge(second.patient.id, unstated.id)).statusCode).toBe(200);

    const confirmed = await call(t, 'POST', `/api/patients/${temp.id}/merge`, s.reception, {
      intoPatientId: man.id,
      reason: 'Identified by his brother; the sex was noted wrongly at the door',
      confirmSexDiffers: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await isTemporaryAndFound(temp.id)).toBe(0);
    const { rows } = await t.database.query<{ after: { sexDiffered?: unknown } }>(
      `select after from audit_events where action = 'patient.merged' and entity_id = $1`,
      [temp.id],
    );
    expect(rows.map((r) => r.after.sexDiffered)).toEqual([
      { temporaryRecord: 'female', patientRecord: 'male' },
    ]);
  });

  it('refuses a temporary record whose stay has been billed: an issued invoice never changes', async () => {
    const { admission } = await unidentified();
    const d = await call(
      t,
      'POST',
      `/api/wards/admissions/${admission.id}/discharge`,
      s.reception,
      summaryBody(),
    );
    expect(d.statusCode, d.body).toBe(200);
    expect(
      await count(t, "invoices where patient_id = $1 and status = 'final'", [admission.patient.id]),
    ).toBe(1);
    const person = await patientAt(t, s);
    const res = await merge(admission.patient.id, person.id);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('BILLS_ISSUED');
    expect(await count(t, 'admissions where patient_id = $1', [admission.patient.id])).toBe(1);
    expect(await isTemporaryAndFound(admission.patient.id)).toBe(1);
  });

  it('merges once when two desks merge the same record at the same moment', async () => {
    const { admission } = await unidentified();
    const person = await patientAt(t, s);
    const answers = await Promise.all([
      merge(admission.patient.id, person.id),
      merge(admission.patient.id, person.id),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    expect(
      await count(t, "audit_events where action = 'patient.merged' and entity_id = $1", [
        admission.patient.id,
      ]),
    ).toBe(1);
  });
});
