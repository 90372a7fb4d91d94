// A hospital ready to buy: its pharmacy, procurement officer, admin, a supplier and medicines.
import type { Medicine } from '../../../contracts/pharmacy';
import type { PurchaseOrder, Supplier } from '../../../contracts/procurement';
import type { AuthHeaders } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { medicine, pharmacy, staffAt, type Pharmacy } from '../pharmacy/pharmacy.test-helpers';

export interface Buyer {
  p: Pharmacy;
  officer: AuthHeaders;
  admin: AuthHeaders;
  supplier: Supplier;
  meds: Medicine[];
}

export const send = (
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: AuthHeaders,
  payload?: object,
) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

export async function buyer(t: TestApp): Promise<Buyer> {
  const p = await pharmacy(t);
  const officer = await staffAt(t, p.hospital, 'procurement_officer');
  const admin = await staffAt(t, p.hospital, 'hospital_admin');
  const s = await send(t, 'POST', '/api/suppliers', officer, {
    name: `Supplier ${Math.random().toString(36).slice(2, 8)}`,
    leadTimeDays: 4,
  });
  const meds = [
    await medicine(t, p, { genericName: 'Amoxicillin', strength: '500 mg', form: 'capsule', packSize: 10 }),
    await medicine(t, p, { genericName: 'Metformin', strength: '500 mg', packSize: 20 }),
  ];
  return { p, officer, admin, supplier: s.json() as Supplier, meds };
}

/** A draft order of `packs` of each medicine at `price` per pack. */
export async function draftOrder(t: TestApp, b: Buyer, packs = 10, price = 1000): Promise<PurchaseOrder> {
  const r = await send(t, 'POST', '/api/purchase-orders', b.officer, {
    supplierId: b.supplier.id,
    storeId: b.p.store.id,
    lines: b.meds.map((m) => ({ medicineId: m.id, packs, unitPriceMinor: price })),
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  return r.json() as PurchaseOrder;
}

/** An order approved by its submission (below the default threshold). */
export async function approvedOrder(t: TestApp, b: Buyer, packs = 10, price = 1000): Promise<PurchaseOrder> {
  const d = await draftOrder(t, b, packs, price);
  const r = await send(t, 'POST', `/api/purchase-orders/${d.id}/submit`, b.officer);
  if (r.statusCode !== 200 || (r.json() as PurchaseOrder).status !== 'approved') throw new Error(r.body);
  return r.json() as PurchaseOrder;
}
