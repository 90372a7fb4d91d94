// Dispensing against prescriptions: a paper prescription entered by the pharmacy, dispensed in part
// and then the rest, first expiry first out, never from an expired batch, never beyond what was
// prescribed, retried safely by key, and never more than the stock there is, even with many
// pharmacists on two app instances at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../app';
import type { Dispensing, Prescription } from '../../../contracts/dispensing';
import { createHospital, createPatient, createPatientUser, sessionHeaders } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import {
  expiredBatch,
  inDays,
  key,
  medicine,
  onHand,
  pharmacy,
  receive,
  staffAt,
  type Pharmacy,
} from './pharmacy.test-helpers';
import { verifyStock } from './stock-verify';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Headers = Record<string, string | undefined>;
const NO_SUCH_ID = '01900000-0000-7000-8000-000000000000';

const post = (url: string, headers: Headers, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: headers as Record<string, string>,
    payload: payload as object,
  });
const get = (url: string, headers: Headers) =>
  t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

interface LineIn {
  medicineId: string;
  quantity: number;
  directions?: string;
}

const entry = (patientId: string, lines: LineIn[]) => ({
  patientId,
  prescriberName: 'Dr. A. Rao',
  writtenOn: inDays(-1),
  notes: 'Review in a week',
  lines,
});

/** A paper prescription entered through the API, for a new patient registered here unless given. */
async function prescribe(p: Pharmacy, lines: LineIn[], patientId?: string): Promise<Prescription> {
  const who = patientId ?? (await createPatient(t.database.db, { hospital: p.hospital })).id;
  const res = await post('/api/prescriptions', p.headers, entry(who, lines));
  if (res.statusCode !== 201) throw new Error(`prescribe: ${res.statusCode} ${res.body}`);
  return res.json() as Prescription;
}

const dispense = (
  p: { headers: Headers },
  id: string,
  lines: { lineId: string; quantity: number }[],
  idempotencyKey = key(),
  app: BuiltApp['app'] = t.app,
) =>
  app.inject({
    method: 'POST',
    url: `/api/prescriptions/${id}/dispense`,
    headers: p.headers as Record<string, string>,
    payload: { idempotencyKey, lines },
  });

const picksOf = (d: Dispensing, lineId: string) =>
  d.lines.find((l) => l.lineId === lineId)!.picks.map((x) => [x.batchNumber, x.quantity]);

/** The prescription as the pharmacy sees it now. */
const current = async (p: Pharmacy, id: string) =>
  (await get(`/api/prescriptions/${id}`, p.headers)).json() as Prescription;

const dispensed = (pr: Prescription) => pr.lines.map((l) => [l.quantityDispensed, l.quantityPrescribed]);

async function count(table: 'prescriptions' | 'dispensings', hospitalId: string) {
  const { rows } = await t.database.query<{ n: number }>(
    `select count(*)::int as n from ${table} where hospital_id = $1`,
    [hospitalId],
  );
  return rows[0]!.n;
}

async function batchOnHand(medicineId: string) {
  const { rows } = await t.database.query<{ batch_number: string; on_hand: number }>(
    'select batch_number, on_hand from stock_batches where medicine_id = $1 order by batch_number',
    [medicineId],
  );
  return Object.fromEntries(rows.map((r) => [r.batch_number, Number(r.on_hand)]));
}

/** Today's date where the hospital is (expiry is judged in the hospital's own time zone). */
const localDate = (timeZone: string, offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * 86_400_000));

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

describe('dispensing', () => {
  it('dispenses in part and then the rest, first expiry first, never from an expired batch', async () => {
    const p = await pharmacy(t);
    const a = await medicine(t, p);
    const b = await medicine(t, p);
    // The later expiry is received first, so receipt order and expiry order disagree; an expired
    // batch would come first of all by expiry, and has stock.
    await receive(t, p, a.id, [{ batchNumber: 'LATE', expiryDate: inDays(300), quantity: 20 }]);
    await receive(t, p, a.id, [{ batchNumber: 'SOON', expiryDate: inDays(40), quantity: 3 }]);
    await expiredBatch(t, p, a.id, 50);
    await receive(t, p, b.id, [{ batchNumber: 'B1', expiryDate: inDays(100), quantity: 10 }]);
    const pr = await prescribe(p, [
      { medicineId: a.id, quantity: 5 },
      { medicineId: b.id, quantity: 4 },
    ]);
    const [la, lb] = pr.lines.map((l) => l.id) as [string, string];

    // 1. Two of A.
    const first = await dispense(p, pr.id, [{ lineId: la, quantity: 2 }]);
    expect(first.statusCode, first.body).toBe(200);
    const d1 = first.json() as Dispensing;
    expect(d1.prescriptionId).toBe(pr.id);
    expect(picksOf(d1, la)).toEqual([['SOON', 2]]);
    expect(d1.lines[0]).toMatchObject({ medicineId: a.id, quantity: 2 });
    expect(d1.prescription.status).toBe('partly_dispensed');
    expect(dispensed(d1.prescription)).toEqual([
      [2, 5],
      [0, 4],
    ]);
    expect((await onHand(t, p, a.id)).onHand).toBe(21);

    // More than is left on a line: refused with the line named, and nothing moves.
    const over = await dispense(p, pr.id, [
      { lineId: lb, quantity: 4 },
      { lineId: la, quantity: 4 },
    ]);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'OVER_DISPENSE', errors: [{ path: 'body.lines.1.quantity' }] });
    expect(over.json().detail).toMatch(/3 left to dispense, 4 asked/);
    // A line of another prescription is not on this one.
    const elsewhere = await prescribe(p, [{ medicineId: b.id, quantity: 1 }], pr.patientId);
    const wrongLine = await dispense(p, pr.id, [{ lineId: elsewhere.lines[0]!.id, quantity: 1 }]);
    expect(wrongLine.statusCode).toBe(404);
    expect(wrongLine.json()).toMatchObject({ code: 'NOT_FOUND', errors: [{ path: 'body.lines.0.lineId' }] });
    // Bad quantities never reach the service.
    for (const quantity of [0, -1, 1.5, 1e12]) {
      const bad = await dispense(p, pr.id, [{ lineId: la, quantity }]);
      expect(bad.statusCode, String(quantity)).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
    const twice = await dispense(p, pr.id, [
      { lineId: la, quantity: 1 },
      { lineId: la, quantity: 1 },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(await batchOnHand(a.id)).toMatchObject({ LATE: 20, SOON: 1 });
    expect(await batchOnHand(b.id)).toEqual({ B1: 10 });
    expect(await count('dispensings', p.hospital.id)).toBe(1);

    // 2. The rest: A's last SOON unit, then LATE; all of B.
    const rest = await dispense(p, pr.id, [
      { lineId: la, quantity: 3 },
      { lineId: lb, quantity: 4 },
    ]);
    expect(rest.statusCode, rest.body).toBe(200);
    const d2 = rest.json() as Dispensing;
    expect(picksOf(d2, la)).toEqual([
      ['SOON', 1],
      ['LATE', 2],
    ]);
    expect(picksOf(d2, lb)).toEqual([['B1', 4]]);
    expect(d2.lines.find((l) => l.lineId === la)!.picks[1]!.expiryDate).toBe(inDays(300));
    expect(d2.prescription.status).toBe('dispensed');
    expect(dispensed(d2.prescription)).toEqual([
      [5, 5],
      [4, 4],
    ]);
    expect(await batchOnHand(a.id)).toMatchObject({ LATE: 18, SOON: 0 });
    expect(await onHand(t, p, a.id)).toMatchObject({ onHand: 18, expired: 50 });
    expect((await onHand(t, p, b.id)).onHand).toBe(6);

    // Nothing is left: another dispensing is refused and moves nothing.
    const after = await dispense(p, pr.id, [{ lineId: la, quantity: 1 }]);
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('INVALID_TRANSITION');
    expect((await onHand(t, p, a.id)).onHand).toBe(18);
    const shown = await current(p, pr.id);
    expect(shown.status).toBe('dispensed');
    expect(dispensed(shown)).toEqual([
      [5, 5],
      [4, 4],
    ]);
    const { rows } = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'prescription.dispensed' and entity_id = $1`,
      [pr.id],
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('with only expired stock refuses with INSUFFICIENT_STOCK, all or nothing, and on-hand unchanged', async () => {
    const p = await pharmacy(t);
    const a = await medicine(t, p);
    const b = await medicine(t, p);
    await expiredBatch(t, p, a.id, 30);
    await receive(t, p, b.id, [{ batchNumber: 'B1', expiryDate: inDays(100), quantity: 10 }]);
    const pr = await prescribe(p, [
      { medicineId: a.id, quantity: 2 },
      { medicineId: b.id, quantity: 2 },
    ]);
    const res = await dispense(
      p,
      pr.id,
      pr.lines.map((l) => ({ lineId: l.id, quantity: 2 })),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      medicineId: a.id,
      available: 0,
      requested: 2,
    });
    expect(res.json().detail).toMatch(/30 more are in expired batches/);
    // B had stock, but the request is all or nothing.
    expect(await onHand(t, p, a.id)).toMatchObject({ onHand: 0, expired: 30 });
    expect((await onHand(t, p, b.id)).onHand).toBe(10);
    const shown = await current(p, pr.id);
    expect(shown.status).toBe('open');
    expect(dispensed(shown)).toEqual([
      [0, 2],
      [0, 2],
    ]);
    expect(await count('dispensings', p.hospital.id)).toBe(0);
    // A medicine with no batches at all is refused the same way.
    const none = await medicine(t, p);
    const pr2 = await prescribe(p, [{ medicineId: none.id, quantity: 1 }]);
    const empty = await dispense(p, pr2.id, [{ lineId: pr2.lines[0]!.id, quantity: 1 }]);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('INSUFFICIENT_STOCK');
  });

  it("judges expiry in the hospital's time zone: usable through its expiry day there, never the day after", async () => {
    // Kiritimati is UTC+14: for most of the UTC day its date is already tomorrow's.
    const zone = 'Pacific/Kiritimati';
    const p = await pharmacy(t, await createHospital(t.database.db, { timeZone: zone }));
    const m = await medicine(t, p);
    await expiredBatch(t, p, m.id, 5, localDate(zone, -1)); // expired yesterday, there
    await receive(t, p, m.id, [{ batchNumber: 'TODAY', expiryDate: localDate(zone), quantity: 2 }]);
    await receive(t, p, m.id, [{ batchNumber: 'LATER', expiryDate: inDays(200), quantity: 10 }]);
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 3 }]);
    const res = await dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 3 }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(picksOf(res.json(), pr.lines[0]!.id)).toEqual([
      ['TODAY', 2],
      ['LATER', 1],
    ]);
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 9, expired: 5 });
  });
});

describe('retrying a dispensing', () => {
  it('with the same key dispenses once and answers the same, even when sent twice at once', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [
      { batchNumber: 'R1', expiryDate: inDays(60), quantity: 2 },
      { batchNumber: 'R2', expiryDate: inDays(90), quantity: 10 },
    ]);
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 6 }]);
    const lines = [{ lineId: pr.lines[0]!.id, quantity: 4 }];
    const k = key();
    const [a, b] = await Promise.all([dispense(p, pr.id, lines, k), dispense(p, pr.id, lines, k)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const c = await dispense(p, pr.id, lines, k);
    expect(c.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(c.json()).toEqual(a.json());
    expect(picksOf(a.json(), pr.lines[0]!.id)).toEqual([
      ['R1', 2],
      ['R2', 2],
    ]);
    expect((await onHand(t, p, m.id)).onHand).toBe(8);
    expect(await count('dispensings', p.hospital.id)).toBe(1);
    const shown = await current(p, pr.id);
    expect(dispensed(shown)).toEqual([[4, 6]]);

    // The key bound to other content, or another prescription, is refused; nothing moves.
    const changed = await dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 1 }], k);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('IDEMPOTENCY_REUSED');
    const pr2 = await prescribe(p, [{ medicineId: m.id, quantity: 4 }], pr.patientId);
    const moved = await dispense(p, pr2.id, [{ lineId: pr2.lines[0]!.id, quantity: 4 }], k);
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('IDEMPOTENCY_REUSED');
    expect((await onHand(t, p, m.id)).onHand).toBe(8);

    // The rest with a new key finishes it; the first key still answers as it did.
    const rest = await dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 2 }]);
    expect(rest.statusCode).toBe(200);
    const late = await dispense(p, pr.id, lines, k);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({
      id: a.json().id,
      lines: a.json().lines,
      dispensedAt: a.json().dispensedAt,
    });
    expect((await onHand(t, p, m.id)).onHand).toBe(6);
  });

  it('answers a retry line by line, also when two lines are of the same medicine', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    const n = await medicine(t, p);
    // Two batches of m with the same expiry, received one after the other (the older is taken
    // first), and a later one; the first dispensing splits a batch between the two lines of m.
    await receive(t, p, m.id, [{ batchNumber: 'MA', expiryDate: inDays(30), quantity: 2 }]);
    await receive(t, p, m.id, [
      { batchNumber: 'MB', expiryDate: inDays(30), quantity: 3 },
      { batchNumber: 'MC', expiryDate: inDays(60), quantity: 20 },
    ]);
    await receive(t, p, n.id, [{ batchNumber: 'N1', expiryDate: inDays(30), quantity: 20 }]);
    // The same medicine twice (a course and then a lower dose), and another one.
    const pr = await prescribe(p, [
      { medicineId: m.id, quantity: 4, directions: '2 a day for 2 days' },
      { medicineId: n.id, quantity: 3 },
      { medicineId: m.id, quantity: 5, directions: '1 a day for 5 days' },
    ]);
    const [l1, l2, l3] = pr.lines.map((l) => l.id) as [string, string, string];
    const k = key();
    const lines = [
      { lineId: l3, quantity: 3 },
      { lineId: l2, quantity: 3 },
      { lineId: l1, quantity: 4 },
    ];
    const first = await dispense(p, pr.id, lines, k);
    expect(first.statusCode, first.body).toBe(200);
    const d = first.json() as Dispensing;
    // Lines of one medicine are taken in the order asked, each first expiry first.
    expect(picksOf(d, l3)).toEqual([
      ['MA', 2],
      ['MB', 1],
    ]);
    expect(picksOf(d, l1)).toEqual([
      ['MB', 2],
      ['MC', 2],
    ]);
    expect(picksOf(d, l2)).toEqual([['N1', 3]]);
    expect(d.lines.map((l) => [l.lineId, l.quantity])).toEqual(
      expect.arrayContaining([
        [l1, 4],
        [l2, 3],
        [l3, 3],
      ]),
    );
    expect(dispensed(d.prescription)).toEqual([
      [4, 4],
      [3, 3],
      [3, 5],
    ]);

    const retry = await dispense(p, pr.id, lines, k);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect((await onHand(t, p, m.id)).onHand).toBe(18);
    expect((await onHand(t, p, n.id)).onHand).toBe(17);
    expect(await count('dispensings', p.hospital.id)).toBe(1);
  });
});

describe('many pharmacists at once, on two app instances', () => {
  let other: BuiltApp;
  beforeAll(async () => {
    other = await buildApp({ config: { ...t.config, JOBS_ENABLED: false }, database: t.database });
  });
  afterAll(async () => other?.app.close());

  it('18 prescriptions of 1 unit against 10 units: exactly 10 dispensed, stock 0, the rest INSUFFICIENT_STOCK', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [
      { batchNumber: 'X1', expiryDate: inDays(50), quantity: 4 },
      { batchNumber: 'X2', expiryDate: inDays(80), quantity: 6 },
    ]);
    await expiredBatch(t, p, m.id, 7);
    const patients = await Promise.all(
      Array.from({ length: 6 }, () => createPatient(t.database.db, { hospital: p.hospital })),
    );
    const prs: Prescription[] = [];
    for (let i = 0; i < 18; i++)
      prs.push(await prescribe(p, [{ medicineId: m.id, quantity: 1 }], patients[i % 6]!.id));
    const replies = await Promise.all(
      prs.map((pr, i) =>
        dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 1 }], key(), i % 2 ? other.app : t.app),
      ),
    );
    const codes = replies.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(8);
    expect(replies.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(8).fill('INSUFFICIENT_STOCK'),
    );
    // What the answers say was picked is what left the shelf, batch by batch.
    const picked = replies
      .filter((r) => r.statusCode === 200)
      .flatMap((r) => (r.json() as Dispensing).lines[0]!.picks);
    expect(picked.filter((x) => x.batchNumber === 'X1')).toHaveLength(4);
    expect(picked.filter((x) => x.batchNumber === 'X2')).toHaveLength(6);
    const stock = await batchOnHand(m.id);
    expect(Object.entries(stock).filter(([b]) => !b.startsWith('OLD-'))).toEqual([
      ['X1', 0],
      ['X2', 0],
    ]);
    expect(Object.values(stock).every((n) => n >= 0)).toBe(true);
    expect(await onHand(t, p, m.id)).toMatchObject({ onHand: 0, expired: 7 });
    const list = (await get(`/api/prescriptions?limit=100`, p.headers)).json() as { items: Prescription[] };
    expect(list.items.filter((x) => x.status === 'dispensed')).toHaveLength(10);
    expect(list.items.filter((x) => x.status === 'open')).toHaveLength(8);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('12 pharmacists each dispensing 1 unit of the same 5-unit line: 5 dispensed, never beyond the prescription', async () => {
    const p = await pharmacy(t);
    const m = await medicine(t, p);
    await receive(t, p, m.id, [{ batchNumber: 'Y1', expiryDate: inDays(50), quantity: 40 }]);
    const pr = await prescribe(p, [{ medicineId: m.id, quantity: 5 }]);
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        dispense(p, pr.id, [{ lineId: pr.lines[0]!.id, quantity: 1 }], key(), i % 2 ? other.app : t.app),
      ),
    );
    const codes = replies.map((r) => r.statusCode);
    const bodies = replies.map((r) => `${r.statusCode} ${r.body.slice(0, 300)}`).join('\n');
    expect(
      codes.filter((c) => c === 200),
      bodies,
    ).toHaveLength(5);
    // Once all five are out the prescription is dispensed; a refusal is one of the two, never a 500.
    for (const r of replies.filter((x) => x.statusCode !== 200)) {
      expect([
        [409, 'INVALID_TRANSITION'],
        [422, 'OVER_DISPENSE'],
      ]).toContainEqual([r.statusCode, r.json().code]);
    }
    const shown = await current(p, pr.id);
    expect(shown.status).toBe('dispensed');
    expect(dispensed(shown)).toEqual([[5, 5]]);
    expect((await onHand(t, p, m.id)).onHand).toBe(35);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
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
