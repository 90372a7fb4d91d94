// Shared by this module's tests: a hospital with a pharmacist, medicines and stock made through the
// API, and (for what the API rightly refuses) an expired batch written directly.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CreateMedicine, Medicine, Store } from '../../../contracts/pharmacy';
import type { HospitalRole } from '../../../contracts/roles';
import {
  createHospital,
  createStaff,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';

export const key = () => `k-${randomBytes(8).toString('hex')}`;

export interface Pharmacy {
  hospital: HospitalRow;
  headers: AuthHeaders;
  store: Store;
}

export async function staffAt(t: TestApp, hospital: HospitalRow, role: HospitalRole): Promise<AuthHeaders> {
  return sessionHeaders(t.database.db, await createStaff(t.database.db, hospital, role), hospital);
}

/** A fresh hospital, its pharmacist, and its pharmacy store. */
export async function pharmacy(t: TestApp, hospital?: HospitalRow): Promise<Pharmacy> {
  const h = hospital ?? (await createHospital(t.database.db));
  const headers = await staffAt(t, h, 'pharmacist');
  const stores = (await t.app.inject({ method: 'GET', url: '/api/stores', headers })).json() as {
    items: Store[];
  };
  return { hospital: h, headers, store: stores.items.find((s) => s.kind === 'pharmacy')! };
}

export async function medicine(t: TestApp, p: Pharmacy, o: Partial<CreateMedicine> = {}): Promise<Medicine> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/medicines',
    headers: p.headers,
    payload: {
      genericName: `Testamol ${randomBytes(3).toString('hex')}`,
      form: 'tablet',
      strength: '500 mg',
      dispensingUnit: 'tablet',
      salePriceMinor: 250,
      taxRateBp: 1200,
      ...o,
    },
  });
  if (res.statusCode !== 201) throw new Error(`medicine: ${res.statusCode} ${res.body}`);
  return res.json() as Medicine;
}

export interface BatchIn {
  batchNumber: string;
  expiryDate: string;
  quantity: number;
  unitCostMinor?: number;
}

/** Receives batches into a store (the pharmacy by default) through the API. */
export async function receive(
  t: TestApp,
  p: Pharmacy,
  medicineId: string,
  batches: BatchIn[],
  storeId = p.store.id,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/stock/receipts',
    headers: p.headers,
    payload: {
      storeId,
      lines: batches.map((b) => ({ medicineId, unitCostMinor: 100, ...b })),
    },
  });
  if (res.statusCode !== 201) throw new Error(`receive: ${res.statusCode} ${res.body}`);
  return res.json() as { entries: { batchId: string; quantity: number }[] };
}

/** An expired batch with stock: received before it expired (written directly, as time has passed). */
export async function expiredBatch(
  t: TestApp,
  p: Pharmacy,
  medicineId: string,
  quantity: number,
  expiryDate = '2020-06-30',
) {
  const rows = await t.database.db.execute(sql`
    with b as (
      insert into stock_batches (id, hospital_id, store_id, medicine_id, batch_number, expiry_date, unit_cost_minor)
      values (gen_random_uuid(), ${p.hospital.id}, ${p.store.id}, ${medicineId}, ${'OLD-' + randomBytes(3).toString('hex')}, ${expiryDate}, 90)
      returning id)
    insert into stock_ledger (id, hospital_id, store_id, batch_id, medicine_id, kind, quantity, balance_after, unit_cost_minor)
    select gen_random_uuid(), ${p.hospital.id}, ${p.store.id}, b.id, ${medicineId}, 'receipt', ${quantity}, 0, 90 from b
    returning batch_id`);
  return (rows as unknown as { rows: { batch_id: string }[] }).rows[0]!.batch_id;
}

/** Usable units of a medicine (its stock summary). */
export async function onHand(t: TestApp, p: Pharmacy, medicineId: string): Promise<Medicine['stock']> {
  const res = await t.app.inject({ method: 'GET', url: `/api/medicines/${medicineId}`, headers: p.headers });
  return (res.json() as Medicine).stock;
}

/** A date n days from today, as YYYY-MM-DD (UTC; tests use far enough dates for any zone). */
export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
