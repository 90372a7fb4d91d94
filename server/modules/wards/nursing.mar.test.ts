// The medication administration record: a dose given leaves the ward's store first expiry first,
// once, through the ledger (which still adds up); a dose the store cannot give, or a ward without a
// store, writes nothing; of several nurses giving the last units at once exactly one succeeds; a
// retry gives nothing twice; a dose not given moves no stock; a discharged stay is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MedicationAdministration, MedicationAdministrationList } from '../../../contracts/nursing';
import type { Medicine, Store } from '../../../contracts/pharmacy';
import type { Admission, Ward } from '../../../contracts/wards';
import { verifyStock } from '../pharmacy';
import {
  expiredBatch,
  inDays,
  key,
  medicine,
  pharmacy,
  receive,
  type Pharmacy,
} from '../pharmacy/pharmacy.test-helpers';
import { buildTestApp, type TestApp } from '../../test/harness';
import { administeredForBill } from './nursing.repo';
import { summaryBody } from './discharge.test-helpers';
import { admit, call, count, patientAt, site, wardWithBeds, type Site } from './wards.test-helpers';

let t: TestApp;
let s: Site;
let p: Pharmacy;
beforeAll(async () => {
  t = await buildTestApp();
  s = await site(t);
  p = await pharmacy(t, s.hospital);
});
afterAll(async () => t?.close());

/** A ward stocked from its own ward store, a patient admitted to it, and a medicine. */
async function stockedWard(units: number, withStore = true) {
  const { ward, beds } = await wardWithBeds(t, s, 1);
  const made = await call(t, 'POST', '/api/stores', s.admin, { name: `${ward.name} store`, kind: 'ward' });
  expect(made.statusCode, made.body).toBe(201);
  const store = made.json<Store>();
  if (withStore) {
    const set = await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { storeId: store.id });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<Ward>().storeId).toBe(store.id);
  }
  const m = await medicine(t, p);
  if (units > 0) {
    await receive(
      t,
      p,
      m.id,
      [{ batchNumber: `W-${key()}`, expiryDate: inDays(200), quantity: units }],
      store.id,
    );
  }
  const res = await admit(t, s.reception, (await patientAt(t, s)).id, beds[0]!.id);
  expect(res.statusCode, res.body).toBe(201);
  return { ward, store, medicine: m, admission: res.json<Admission>() };
}

const give = (a: Admission, m: Medicine, o: object = {}) =>
  call(t, 'POST', `/api/wards/admissions/${a.id}/medications`, s.nurse, {
    idempotencyKey: key(),
    medicineId: m.id,
    quantity: 2,
    dose: '1 g',
    route: 'oral',
    ...o,
  });

const onHandIn = async (storeId: string, medicineId: string) =>
  Number(
    (
      await t.database.query<{ n: number }>(
        'select coalesce(sum(on_hand), 0)::int as n from stock_batches where store_id = $1 and medicine_id = $2',
        [storeId, medicineId],
      )
    ).rows[0]!.n,
  );

describe('medication administration record', () => {
  it("takes a dose from the ward's store first expiry first, once, with a ledger row referencing the entry", async () => {
    const w = await stockedWard(0);
    await receive(
      t,
      p,
      w.medicine.id,
      [
        { batchNumber: 'LATE', expiryDate: inDays(300), quantity: 10 },
        { batchNumber: 'SOON', expiryDate: inDays(60), quantity: 1 },
      ],
      w.store.id,
    );
    await expiredBatch(t, { ...p, store: w.store }, w.medicine.id, 5);
    const res = await give(w.admission, w.medicine, { route: 'iv', note: 'Slow push', quantity: 3 });
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json<MedicationAdministration>();
    expect(entry).toMatchObject({
      outcome: 'given',
      quantity: 3,
      route: 'iv',
      storeId: w.store.id,
      storeName: w.store.name,
      medicineName: expect.stringContaining(w.medicine.genericName),
    });
    expect(entry.batches.map((b) => [b.batchNumber, b.quantity])).toEqual([
      ['SOON', 1],
      ['LATE', 2],
    ]);
    expect(entry.recordedBy.name).not.toBe('');
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(5 + 10 - 2);
    const ledger = await t.database.query<{ kind: string; quantity: number }>(
      `select kind, quantity from stock_ledger where reference_type = 'ward_administration' and reference_id = $1`,
      [entry.id],
    );
    expect(ledger.rows.map((r) => [r.kind, r.quantity]).sort()).toEqual([
      ['dispense', -1],
      ['dispense', -2],
    ]);
    expect(
      await count(t, `audit_events where action = 'wards.medication.given' and entity_id = $1`, [entry.id]),
    ).toBe(1);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);

    const list = await call(t, 'GET', `/api/wards/admissions/${w.admission.id}/medications`, s.nurse);
    expect(list.statusCode).toBe(200);
    expect(list.json<MedicationAdministrationList>().items).toEqual([entry]);
    expect(await administeredForBill(t.database.db, s.hospital.id, w.admission.id)).toEqual([
      {
        administrationId: entry.id,
        medicineId: w.medicine.id,
        quantity: 3,
        givenAt: new Date(entry.givenAt),
      },
    ]);
  });

  it('a retry with the same key gives nothing twice; the key with other content is refused', async () => {
    const w = await stockedWard(10);
    const body = {
      idempotencyKey: key(),
      medicineId: w.medicine.id,
      quantity: 2,
      dose: '1 g',
      route: 'oral',
    };
    const url = `/api/wards/admissions/${w.admission.id}/medications`;
    const first = await call(t, 'POST', url, s.nurse, body);
    const again = await call(t, 'POST', url, s.nurse, body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json<MedicationAdministration>().id).toBe(first.json<MedicationAdministration>().id);
    const other = await call(t, 'POST', url, s.nurse, { ...body, quantity: 3 });
    expect([other.statusCode, other.json().code]).toEqual([409, 'IDEMPOTENCY_REUSED']);
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(8);
  });

  it('more than the store holds is INSUFFICIENT_STOCK and writes nothing', async () => {
    const w = await stockedWard(3);
    const res = await give(w.admission, w.medicine, { quantity: 4 });
    expect([res.statusCode, res.json().code]).toEqual([409, 'INSUFFICIENT_STOCK']);
    expect(res.json().detail).toContain('Only 3 usable unit(s)');
    expect(await count(t, 'medication_administrations where admission_id = $1', [w.admission.id])).toBe(0);
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(3);
  });

  it('of five nurses giving the last two units at once, exactly one succeeds', async () => {
    const w = await stockedWard(2);
    const all = await Promise.all(
      Array.from({ length: 5 }, () => give(w.admission, w.medicine, { quantity: 2 })),
    );
    const codes = all.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    for (const r of all.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('INSUFFICIENT_STOCK');
    expect(await count(t, 'medication_administrations where admission_id = $1', [w.admission.id])).toBe(1);
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(0);
    expect((await verifyStock(t.database.db)).differences).toEqual([]);
  });

  it('a dose not given says why and moves no stock', async () => {
    const w = await stockedWard(5);
    const res = await give(w.admission, w.medicine, {
      outcome: 'refused',
      quantity: undefined,
      reason: 'Patient refused: nauseous',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MedicationAdministration>()).toMatchObject({
      outcome: 'refused',
      quantity: null,
      storeId: null,
      batches: [],
      reason: 'Patient refused: nauseous',
    });
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(5);
    expect(await administeredForBill(t.database.db, s.hospital.id, w.admission.id)).toEqual([]);
  });

  it.each([
    ['given without a quantity', { quantity: undefined }],
    ['not given without a reason', { outcome: 'held', quantity: undefined }],
    ['not given with a quantity', { outcome: 'held', reason: 'NPO' }],
    ['an unknown route', { route: 'nasal' }],
    ['no dose', { dose: '' }],
    ['a time still to come', { givenAt: new Date(Date.now() + 3_600_000).toISOString() }],
    ['a time before the admission', { givenAt: '2020-01-01T08:00:00Z' }],
  ])('refuses %s with 400 and moves nothing', async (_what, o) => {
    const w = await stockedWard(5);
    const res = await give(w.admission, w.medicine, o);
    expect(res.statusCode, res.body).toBe(400);
    expect(await count(t, 'medication_administrations where admission_id = $1', [w.admission.id])).toBe(0);
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(5);
  });

  it('a ward without a store cannot give from stock, but can record a dose not given', async () => {
    const w = await stockedWard(5, false);
    const res = await give(w.admission, w.medicine);
    expect([res.statusCode, res.json().code]).toEqual([422, 'RULE_VIOLATION']);
    expect(res.json().detail).toContain('has no stock store');
    expect(await count(t, 'medication_administrations where admission_id = $1', [w.admission.id])).toBe(0);
    const held = await give(w.admission, w.medicine, {
      outcome: 'unavailable',
      quantity: undefined,
      reason: 'No stock',
    });
    expect(held.statusCode, held.body).toBe(201);
  });

  it("a ward's store must be one of the hospital's ward stores", async () => {
    const { ward } = await wardWithBeds(t, s, 1);
    const res = await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { storeId: p.store.id });
    expect([res.statusCode, res.json().code]).toEqual([422, 'RULE_VIOLATION']);
    const elsewhere = await pharmacy(t);
    const foreign = await call(t, 'PATCH', `/api/wards/${ward.id}`, s.admin, { storeId: elsewhere.store.id });
    expect(foreign.statusCode).toBe(422);
  });

  it("a discharged stay's record is closed (409) and another hospital's admission is 404", async () => {
    const w = await stockedWard(5);
    const out = await call(
      t,
      'POST',
      `/api/wards/admissions/${w.admission.id}/discharge`,
      s.nurse,
      summaryBody(),
    );
    expect(out.statusCode, out.body).toBe(200);
    const res = await give(w.admission, w.medicine);
    expect([res.statusCode, res.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    const elsewhere = await site(t);
    const foreign = await call(
      t,
      'POST',
      `/api/wards/admissions/${w.admission.id}/medications`,
      elsewhere.nurse,
      {
        idempotencyKey: key(),
        medicineId: w.medicine.id,
        quantity: 1,
        dose: '1 g',
        route: 'oral',
      },
    );
    expect(foreign.statusCode).toBe(404);
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(5);
  });

  it('a prescription line must be this patient’s, for this medicine', async () => {
    const w = await stockedWard(5);
    const other = await medicine(t, p);
    const written = await call(t, 'POST', '/api/prescriptions', p.headers, {
      patientId: w.admission.patient.id,
      prescriberName: 'Dr Ward',
      writtenOn: inDays(0),
      lines: [
        { medicineId: w.medicine.id, quantity: 10, directions: '1 g every 6 hours' },
        { medicineId: other.id, quantity: 5 },
      ],
    });
    expect(written.statusCode, written.body).toBe(201);
    const [line, otherLine] = written.json<{ lines: { id: string }[] }>().lines;

    for (const lineId of [otherLine!.id, '0190aaaa-0000-7000-8000-000000000000']) {
      const res = await give(w.admission, w.medicine, { prescriptionLineId: lineId });
      expect([res.statusCode, res.json().code]).toEqual([422, 'RULE_VIOLATION']);
    }
    expect(await onHandIn(w.store.id, w.medicine.id)).toBe(5);
    const ok = await give(w.admission, w.medicine, { prescriptionLineId: line!.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<MedicationAdministration>().prescriptionLineId).toBe(line!.id);
  });
});
