// Shared by this module's tests: a hospital's front desk (admin, receptionist, pharmacist), a
// patient registered there with an account, a doctor, and bills made through the API.
import { randomBytes } from 'node:crypto';
import type { Invoice, Payment } from '../../../contracts/billing';
import type { PharmacyOrder } from '../../../contracts/pharmacy-orders';
import {
  createHospital,
  createPatientUser,
  sessionHeaders,
  type AuthHeaders,
  type HospitalRow,
} from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { key as orderKey, pharmacy, staffAt, type Pharmacy } from '../pharmacy/pharmacy.test-helpers';
import { doctorAt } from '../scheduling/scheduling.test-helpers';

export const key = () => `k-${randomBytes(8).toString('hex')}`;

export const send = (
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: AuthHeaders,
  payload?: object,
) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

export interface Desk {
  hospital: HospitalRow;
  admin: AuthHeaders;
  reception: AuthHeaders;
  ph: Pharmacy;
  doctor: Awaited<ReturnType<typeof doctorAt>>;
  patient: { id: string; userId: string; email: string; headers: AuthHeaders };
}

export async function desk(t: TestApp, o: { timeZone?: string; currency?: string } = {}): Promise<Desk> {
  const db = t.database.db;
  const hospital = await createHospital(db, {
    addressLine: '12 Hill Road',
    city: 'Pune',
    country: 'India',
    phone: '+912012345678',
    timeZone: o.timeZone ?? 'Asia/Kolkata',
    currency: o.currency ?? 'INR',
  });
  const { user, patient } = await createPatientUser(db, { hospital });
  return {
    hospital,
    admin: await staffAt(t, hospital, 'hospital_admin'),
    reception: await staffAt(t, hospital, 'receptionist'),
    ph: await pharmacy(t, hospital),
    doctor: await doctorAt(t, hospital),
    patient: { id: patient.id, userId: user.id, email: user.email, headers: await sessionHeaders(db, user) },
  };
}

/** A service on the price list, added by the admin. */
export async function service(t: TestApp, d: Desk, priceMinor: number, taxRateBp = 0, code?: string) {
  const res = await send(t, 'POST', '/api/billing/services', d.admin, {
    code: code ?? `S${randomBytes(3).toString('hex')}`,
    name: `Service ${randomBytes(2).toString('hex')}`,
    priceMinor,
    taxRateBp,
  });
  if (res.statusCode !== 201) throw new Error(`service: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; code: string; name: string };
}

/** A draft for the desk's patient with lines described and priced here. */
export async function draft(
  t: TestApp,
  d: Desk,
  lines: { unitPriceMinor: number; taxRateBp?: number; quantity?: number }[],
  headers = d.reception,
): Promise<Invoice> {
  const res = await send(t, 'POST', '/api/billing/invoices', headers, {
    patientId: d.patient.id,
    lines: lines.map((l, i) => ({ description: `Item ${i + 1}`, taxRateBp: 0, ...l })),
  });
  if (res.statusCode !== 201) throw new Error(`draft: ${res.statusCode} ${res.body}`);
  return res.json() as Invoice;
}

export async function finalised(t: TestApp, d: Desk, lines: Parameters<typeof draft>[2]): Promise<Invoice> {
  const inv = await draft(t, d, lines);
  const res = await send(t, 'POST', `/api/billing/invoices/${inv.id}/finalise`, d.reception);
  if (res.statusCode !== 200) throw new Error(`finalise: ${res.statusCode} ${res.body}`);
  return res.json() as Invoice;
}

export async function pay(
  t: TestApp,
  headers: AuthHeaders,
  invoiceId: string,
  body: Partial<{
    method: string;
    amountMinor: number;
    tenderedMinor: number;
    advance: boolean;
    idempotencyKey: string;
  }>,
) {
  return send(t, 'POST', `/api/billing/invoices/${invoiceId}/payments`, headers, {
    idempotencyKey: key(),
    method: 'cash',
    ...body,
  });
}

export const paymentOf = (res: { json(): unknown }) => res.json() as Payment;

/** An online order by the desk's patient for pickup, placed and approved by the pharmacist (not dispensed). */
export async function approvedOrder(
  t: TestApp,
  d: Desk,
  lines: { medicineId: string; quantity: number }[],
  expectedTotalMinor: number,
): Promise<PharmacyOrder> {
  const placed = await send(t, 'POST', '/api/shop/orders', d.patient.headers, {
    idempotencyKey: orderKey(),
    hospitalId: d.hospital.id,
    lines,
    fulfilment: 'pickup',
    expectedTotalMinor,
  });
  if (placed.statusCode !== 201) throw new Error(`order: ${placed.statusCode} ${placed.body}`);
  const order = placed.json() as PharmacyOrder;
  const approved = await send(t, 'POST', `/api/pharmacy/orders/${order.id}/approve`, d.ph.headers);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  return approved.json() as PharmacyOrder;
}
