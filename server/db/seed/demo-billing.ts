// The demo's billing: a price list at each hospital (common services at realistic prices, GST-style
// rates in India: health care 0%, a room above ₹5,000 a day 5%, devices 12%, certificates and copies
// 18%; in London VAT 0% on care and 20% on reports), department fees where no doctor's own applies,
// and a month of City General's bills for its patients (paid by cash, card, UPI or transfer, some in
// part, one credited, one draft), so the revenue report, the balances, My bills and the dashboards
// show something real. The bills go through billing's own rules (pricing, gap-free numbers,
// payments, credit notes), then are dated back to the day they stand for.
import { sql } from 'drizzle-orm';
import { withDoctorTitle } from '../../../contracts/names';
import type { InvoiceLineInput } from '../../../contracts/billing';
import {
  billPharmacySale,
  createDraft,
  creditInvoice,
  finaliseDraft,
  lockInvoice,
  priceLines,
  requestHash,
  takePayment,
} from '../../modules/billing';
import { billingDepartmentFees, billingServices } from '../../modules/billing/billing.tables';
import type { Ctx } from '../../platform/context';
import { queryRows, type Tx } from '../client';
import { staffCtx } from './seed-ctx';
import { CGH_SERVICES, DEPARTMENT_FEES, RVC_SERVICES, type PricedService } from './demo-prices';
import { newId } from '../ids';
import { localToInstant } from '../../modules/scheduling';
import { localDate } from './demo-stock';
import type { VisitBills } from './demo-visits';

/** The most minutes a bill is dated before its day's moment (see BILLS and `minutesBefore`). */
const MAX_MINUTES_BEFORE = 100;

/**
 * `minutes` (under MAX_MINUTES_BEFORE) before `base`, kept on `base`'s local day: just after local
 * midnight the offsets shrink in proportion, so a bill of "today" is never dated yesterday and the
 * bills keep their order.
 */
export function minutesBefore(base: Date, minutes: number, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(base);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const intoDay =
    ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + base.getUTCMilliseconds();
  const scale = Math.min(1, intoDay / (MAX_MINUTES_BEFORE * 60_000));
  return new Date(base.getTime() - Math.floor(minutes * 60_000 * scale));
}

/**
 * `at`, or the first moment of `now`'s year in the time zone if `at` is earlier: a visit of last
 * year is billed on New Year's Day, as the BILLS are, since invoice numbers are of this year's series.
 */
export function notBeforeNewYear(at: Date, now: Date, timeZone: string): Date {
  const yearStart = localToInstant(`${localDate(now, timeZone).slice(0, 4)}-01-01`, '00:00', timeZone);
  return new Date(Math.max(at.getTime(), yearStart));
}

export type BillLine = { service: string; quantity?: number; discount?: InvoiceLineInput['discount'] };
export type BillPayment = {
  method: 'cash' | 'card' | 'upi' | 'bank_transfer';
  amountMinor?: number;
  tenderedMinor?: number;
};

/** One bill of the month: whose, how many days ago, what, and what became of it. */
interface DemoBill {
  patient: number;
  daysAgo: number;
  doctor?: string;
  lines: BillLine[];
  paid?: BillPayment[];
  draft?: boolean;
  credit?: { daysLater: number; amountMinor: number; reason: string; refundMethod: 'bank_transfer' };
}

/** Indexes into PATIENTS. The bills of a doctor's visit are the visits' own (demo-visits.ts). */
const BILLS: DemoBill[] = [
  {
    patient: 1,
    daysAgo: 20,
    lines: [{ service: 'DRESS', quantity: 3 }, { service: 'INJ' }],
    paid: [{ method: 'cash', tenderedMinor: 90_000 }],
  },
  {
    patient: 2,
    daysAgo: 15,
    lines: [
      {
        service: 'USG-ABD',
        discount: { kind: 'percent', percentBp: 1000, reason: 'Senior citizen concession' },
      },
      { service: 'HBA1C' },
    ],
    paid: [{ method: 'card' }],
  },
  {
    patient: 3,
    daysAgo: 12,
    lines: [{ service: 'ROOM-DLX', quantity: 2 }, { service: 'REG' }],
    paid: [{ method: 'bank_transfer' }],
    credit: {
      daysLater: 1,
      amountMinor: 630_000,
      reason: 'Discharged a day early: one day of the room was not used',
      refundMethod: 'bank_transfer',
    },
  },
  { patient: 6, daysAgo: 3, lines: [{ service: 'BRACE-KNEE' }, { service: 'XR-CHEST' }] },
  { patient: 5, daysAgo: 0, lines: [{ service: 'REG' }, { service: 'CBC' }], paid: [{ method: 'cash' }] },
  { patient: 7, daysAgo: 0, doctor: 'doctor', lines: [{ service: 'ECG' }], draft: true },
];

const SALE_METHODS = ['cash', 'upi', 'cash', 'card', 'cash', 'upi'] as const;

export interface DemoBillingInput {
  now: Date;
  hospitals: Record<'CGH' | 'RVC', { id: string; timeZone: string }>;
  departmentId: (key: string) => string | undefined;
  patientIds: string[];
  /** A doctor's profile at CGH by their login, and their name for the line. */
  doctor: (login: string) => { id: string; name: string; feeMinor: number; departmentId: string } | undefined;
  receptionist: string;
  admin: string;
  pharmacist: string;
  /** Bills other parts of the demo make (a ward stay's at its discharge), numbered in their turn. */
  otherBills?: { at: Date; write: (desk: Ctx) => Promise<string> }[];
  /** The bills of the demo's past visits: each consultation's, and each dispensing's. */
  visits?: VisitBills;
  /** Runs once the price lists exist, before any bill: what other parts price by them (ward services). */
  beforeBills?: (service: (hospital: 'CGH' | 'RVC', code: string) => PricedService) => Promise<void>;
}

/**
 * Writes the demo's price lists and City General's month of bills (its counter sales' among them)
 * inside `tx`; returns how many invoices.
 */
export async function writeDemoBilling(tx: Tx, o: DemoBillingInput): Promise<number> {
  const priced = new Map<string, PricedService>();
  for (const [key, list] of [
    ['CGH', CGH_SERVICES],
    ['RVC', RVC_SERVICES],
  ] as const) {
    const rows = list.map(([code, name, priceMinor, taxRateBp]) => {
      const row = { id: newId(), code, name, priceMinor, taxRateBp };
      priced.set(`${key}/${code}`, row);
      return { ...row, hospitalId: o.hospitals[key].id };
    });
    await tx.insert(billingServices).values(rows);
  }
  await o.beforeBills?.((hospital, code) => priced.get(`${hospital}/${code}`)!);
  const serviceId = new Map([...priced].map(([k, s]) => [k, s.id]));
  await tx.insert(billingDepartmentFees).values(
    DEPARTMENT_FEES.map((f) => ({
      hospitalId: o.hospitals[f.hospital].id,
      departmentId: o.departmentId(`${f.hospital}/${f.department}`)!,
      feeMinor: f.feeMinor,
      taxRateBp: 0,
      updatedBy: o.admin,
    })),
  );

  const cgh = o.hospitals.CGH;
  const staff = {
    desk: staffCtx(tx, o.receptionist, cgh.id, 'receptionist'),
    admin: staffCtx(tx, o.admin, cgh.id, 'hospital_admin'),
  };
  const pharmacy = staffCtx(tx, o.pharmacist, cgh.id, 'pharmacist');
  // Nothing dated before New Year's Day: invoice numbers are of this year's series.
  const today = localDate(o.now, cgh.timeZone);
  const intoYear =
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${today.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000;
  const at = (daysAgo: number, minutes: number) =>
    minutesBefore(
      new Date(o.now.getTime() - Math.min(daysAgo, intoYear) * 86_400_000),
      minutes,
      cgh.timeZone,
    );
  // The demo's counter sales this year are billed as the app bills a sale, on the day they were made.
  const sales = await queryRows<{ id: string; soldAt: Date }>(
    tx,
    sql`select id, sold_at as "soldAt" from pharmacy_sales
         where hospital_id = ${cgh.id}
           and (sold_at at time zone ${cgh.timeZone})::date >= date_trunc('year', ${o.now.toISOString()}::timestamptz at time zone ${cgh.timeZone})::date`,
  );
  const thisYear = (d: Date) => notBeforeNewYear(d, o.now, cgh.timeZone);
  const visits = o.visits ?? { consultations: [], dispensings: [] };
  const events = [
    ...BILLS.map((bill, n) => ({ at: at(bill.daysAgo, 90 - n), bill, n })),
    ...visits.consultations.map((v, n) => ({ at: thisYear(v.at), visit: v, n })),
    ...visits.dispensings.map((d, n) => ({ at: thisYear(d.at), dispensing: d, n })),
    ...sales.map((sale) => ({ at: new Date(sale.soldAt), saleId: sale.id })),
    ...(o.otherBills ?? []).map((other) => ({ at: other.at, other })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const dated: Dated[] = [];
  for (const e of events) {
    if ('other' in e) {
      dated.push({ invoiceId: await e.other.write(staff.desk), at: e.at, creditAt: null });
      continue;
    }
    if ('saleId' in e) {
      const invoiceId = await billPharmacySale(tx, pharmacy, e.saleId);
      if (!invoiceId) continue;
      // Paid at the counter there and then, mostly in cash.
      const row = (await lockInvoice(tx, cgh.id, invoiceId))!;
      const input = {
        idempotencyKey: `demo-sale-payment-${e.saleId}`,
        method: SALE_METHODS[dated.length % SALE_METHODS.length]!,
        amountMinor: row.totalMinor,
        advance: false,
      };
      await takePayment(tx, pharmacy, row, input, requestHash({ invoiceId, ...input }));
      dated.push({ invoiceId, at: e.at, creditAt: null });
      continue;
    }
    if ('visit' in e) {
      const v = e.visit;
      const bill = {
        ...v,
        key: `visit-${e.n}`,
        source: { kind: 'consultation' as const, id: v.consultationId },
      };
      dated.push({ invoiceId: await writeBill(tx, o, staff, serviceId, bill), at: e.at, creditAt: null });
      continue;
    }
    if ('dispensing' in e) {
      // Paid at the pharmacy's counter as the medicines are handed over.
      const d = e.dispensing;
      const bill = {
        key: `dispensing-${e.n}`,
        patientId: d.patientId,
        source: { kind: 'dispensing' as const, id: d.dispensingId },
        lines: d.lines,
        paid: [{ method: SALE_METHODS[e.n % SALE_METHODS.length]! }],
      };
      const invoiceId = await writeBill(tx, o, { ...staff, desk: pharmacy }, serviceId, bill);
      dated.push({ invoiceId, at: e.at, creditAt: null });
      continue;
    }
    const { bill, n } = e;
    const patientId = o.patientIds[bill.patient];
    if (!patientId) throw new Error(`demo billing: no patient ${bill.patient}`);
    const invoiceId = await writeBill(tx, o, staff, serviceId, { ...bill, key: String(n), patientId });
    dated.push({
      invoiceId,
      at: e.at,
      creditAt: bill.credit ? at(bill.daysAgo - bill.credit.daysLater, 60) : null,
    });
  }
  await dateBack(tx, cgh.timeZone, dated);
  return dated.length;
}

type Dated = { invoiceId: string; at: Date; creditAt: Date | null };

/** A bill to write: the demo's own (BILLS), a visit's consultation, or a dispensing's medicines. */
interface BillToWrite {
  /** Tells its payments' and credit's idempotency keys apart. */
  key: string;
  patientId: string;
  doctor?: string;
  source?: { kind: 'consultation' | 'dispensing'; id: string };
  lines: (BillLine | { medicineId: string; quantity: number })[];
  paid?: BillPayment[];
  draft?: boolean;
  credit?: DemoBill['credit'];
}

/** One of City General's bills through billing's rules: priced, finalised, paid, credited. */
async function writeBill(
  tx: Tx,
  o: DemoBillingInput,
  staff: { desk: Ctx; admin: Ctx },
  serviceId: Map<string, string>,
  bill: BillToWrite,
): Promise<string> {
  const hospitalId = o.hospitals.CGH.id;
  const doctor = bill.doctor ? o.doctor(bill.doctor) : undefined;
  const ctx = bill.lines.some((l) => 'discount' in l && l.discount) ? staff.admin : staff.desk;
  const consultation = doctor
    ? [
        {
          description: `Consultation - ${withDoctorTitle(doctor.name)}`,
          unitPriceMinor: doctor.feeMinor,
          taxRateBp: 0,
        },
      ]
    : [];
  const lines = await priceLines(
    tx,
    ctx,
    hospitalId,
    [
      ...consultation,
      ...bill.lines.map((l) =>
        'medicineId' in l
          ? l
          : {
              serviceId: serviceId.get(`CGH/${l.service}`)!,
              quantity: l.quantity ?? 1,
              ...(l.discount ? { discount: l.discount } : {}),
            },
      ),
    ],
    (i) => `demo.bills.${bill.key}.lines.${i}`,
  );
  // A visit's consultation line is the consultation's, as billing's own (automatic.ts) makes it.
  if (doctor && bill.source?.kind === 'consultation')
    lines[0] = { ...lines[0]!, kind: 'consultation', refId: bill.source.id };
  const draft = await createDraft(tx, ctx, {
    hospitalId,
    patientId: bill.patientId,
    source: bill.source?.kind ?? 'manual',
    sourceId: bill.source?.id ?? null,
    departmentId: doctor?.departmentId ?? null,
    doctorProfileId: doctor?.id ?? null,
    lines,
  });
  if (bill.draft) return draft.id;
  const invoice = await finaliseDraft(tx, staff.desk, draft, { mail: false });
  for (const [k, p] of (bill.paid ?? []).entries()) {
    const input = {
      idempotencyKey: `demo-payment-${bill.key}-${k}`,
      method: p.method,
      amountMinor: p.amountMinor ?? invoice.balanceMinor,
      advance: false,
      ...(p.tenderedMinor ? { tenderedMinor: p.tenderedMinor } : {}),
    };
    const row = (await lockInvoice(tx, hospitalId, invoice.id))!;
    await takePayment(tx, staff.desk, row, input, requestHash({ invoiceId: invoice.id, ...input }));
  }
  if (bill.credit) {
    const input = {
      idempotencyKey: `demo-credit-${bill.key}`,
      reason: bill.credit.reason,
      amountMinor: bill.credit.amountMinor,
      refundMethod: bill.credit.refundMethod,
    };
    const row = (await lockInvoice(tx, hospitalId, invoice.id))!;
    await creditInvoice(tx, staff.admin, row, input, requestHash({ invoiceId: invoice.id, ...input }));
  }
  return invoice.id;
}

/**
 * Dates each bill, its payments and its credit note back to the day it stands for. Final invoices,
 * payments and credit notes never change (ADR 13's triggers): the seed, alone in an installation
 * it is creating, lifts those guards for these updates only, inside its transaction.
 */
async function dateBack(
  tx: Tx,
  timeZone: string,
  dated: { invoiceId: string; at: Date; creditAt: Date | null }[],
) {
  await tx.execute(sql`alter table invoices disable trigger invoices_guard`);
  await tx.execute(sql`alter table billing_payments disable trigger billing_payments_append_only`);
  await tx.execute(sql`alter table credit_notes disable trigger credit_notes_append_only`);
  for (const d of dated) {
    const at = d.at.toISOString();
    await tx.execute(sql`update invoices set created_at = ${at}, updated_at = ${at},
        finalised_at = case when number is null then null else ${at}::timestamptz end,
        issued_on = case when number is null then null else (${at}::timestamptz at time zone ${timeZone})::date end
      where id = ${d.invoiceId}`);
    await tx.execute(sql`update billing_payments set received_at = ${at} where invoice_id = ${d.invoiceId}`);
    if (d.creditAt) {
      const c = d.creditAt.toISOString();
      await tx.execute(sql`update credit_notes set created_at = ${c},
          issued_on = (${c}::timestamptz at time zone ${timeZone})::date where invoice_id = ${d.invoiceId}`);
    }
  }
  await tx.execute(sql`alter table invoices enable trigger invoices_guard`);
  await tx.execute(sql`alter table billing_payments enable trigger billing_payments_append_only`);
  await tx.execute(sql`alter table credit_notes enable trigger credit_notes_append_only`);
}
