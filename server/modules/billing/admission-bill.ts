// The bill of an in-patient's stay (ADR 13, ADR 14, ADR 30): the wards module counts the bed-days,
// the services given on the ward (ward charges), the lab tests ordered during the stay and the
// medicines given there; billing prices them (bed-days at the rate the stay kept, with the
// hospital's tax on bed-days; ward charges at the price and tax each service had when given; lab
// tests at the price and tax each had when ordered; medicines at the catalog's sale price and tax,
// like a dispensing) the same way for the running bill and for the invoice, and at discharge makes
// one final invoice of them (source admission, once per admission, in the discharge's transaction).
// Also what a patient still owes here and the advance that can pay it, for the discharge check.
import type { InvoiceSummary } from '../../../contracts/billing';
import type { Executor, Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { finaliseDraft } from './invoice-finalise';
import { toSummary } from './invoices.read';
import * as repo from './invoices.repo';
import { createDraft } from './invoices.service';
import { priceInvoiceLine, sumAmounts, type LineAmounts } from './money';
import { advanceOf } from './payments.repo';
import * as prices from './price-list.repo';

/** The hospital's letterhead, clock and currency (wards print discharge summaries with it). */
export { hospitalFacts } from './price-list.repo';

export interface StayCharges {
  /** Days in beds of one kind at one rate ("Bed-days, General ward (standard bed)"), and the tax. */
  bedDays: { description: string; days: number; dailyRateMinor: number; taxRateBp: number }[];
  /** Services from the price list given on the ward, at the price and tax each had when given. */
  services: {
    serviceId: string;
    description: string;
    quantity: number;
    unitPriceMinor: number;
    taxRateBp: number;
  }[];
  /**
   * Lab tests of orders placed during the stay and not cancelled, one entry per test, at the price
   * and tax it had when ordered ("Lab: CBC - Complete blood count (LAB-000123-1)"); billed as the
   * price-list service the test is billed as. Tests that cost nothing are left out.
   */
  labTests: { serviceId: string; description: string; unitPriceMinor: number; taxRateBp: number }[];
  /** Medicines given, one entry per medicine. */
  medicines: { medicineId: string; quantity: number }[];
}

export interface PricedStayLine extends LineAmounts {
  kind: 'bed_day' | 'service' | 'medicine';
  refId: string | null;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
}

/**
 * The stay's charges priced as invoice lines, in the order given (bed-days, services, lab tests,
 * medicines), and their sums. Lab tests are lines of kind `service`, one per test. A medicine no longer sold is still charged at its last price: it was given.
 */
export async function priceStay(
  exec: Executor,
  hospitalId: string,
  charges: StayCharges,
): Promise<{ lines: PricedStayLine[]; totals: LineAmounts }> {
  const found = await prices.medicinePrices(
    exec,
    hospitalId,
    charges.medicines.map((m) => m.medicineId),
  );
  const priced = (
    kind: PricedStayLine['kind'],
    refId: string | null,
    description: string,
    base: { quantity: number; unitPriceMinor: number; taxRateBp: number },
  ): PricedStayLine => ({ kind, refId, description, ...base, ...priceInvoiceLine(base) });
  const lines: PricedStayLine[] = [
    ...charges.bedDays.map((b) =>
      priced('bed_day', null, b.description, {
        quantity: b.days,
        unitPriceMinor: b.dailyRateMinor,
        taxRateBp: b.taxRateBp,
      }),
    ),
    ...charges.services.map(({ serviceId, description, ...base }) =>
      priced('service', serviceId, description, base),
    ),
    ...charges.labTests.map(({ serviceId, description, ...price }) =>
      priced('service', serviceId, description, { quantity: 1, ...price }),
    ),
    ...charges.medicines.map((m) => {
      const med = found.get(m.medicineId);
      if (!med)
        throw new Error(`billing: medicine ${m.medicineId} is not in hospital ${hospitalId}'s catalog`);
      return priced('medicine', med.id, med.label, {
        quantity: m.quantity,
        unitPriceMinor: med.salePriceMinor,
        taxRateBp: med.taxRateBp,
      });
    }),
  ];
  return { lines, totals: sumAmounts(lines) };
}

/**
 * The final invoice of a stay, in the discharge's transaction: its lines as priced by priceStay
 * (those that cost nothing left out), numbered and mailed like any other. None when nothing is
 * owed for the stay. Once per admission: a retry returns the same invoice.
 */
export async function billAdmission(
  tx: Tx,
  ctx: Ctx,
  a: { admissionId: string; hospitalId: string; patientId: string; charges: StayCharges; notes: string },
): Promise<InvoiceSummary | null> {
  const existing = await repo.findBySource(tx, a.hospitalId, 'admission', a.admissionId);
  if (!existing) {
    const { lines } = await priceStay(tx, a.hospitalId, a.charges);
    const billed = lines.filter((l) => l.totalMinor > 0);
    if (billed.length === 0) return null;
    const draft = await createDraft(tx, ctx, {
      hospitalId: a.hospitalId,
      patientId: a.patientId,
      source: 'admission',
      sourceId: a.admissionId,
      notes: a.notes,
      lines: billed.map((l) => ({ ...l, discountKind: null, discountValue: null, discountReason: null })),
    });
    await finaliseDraft(tx, ctx, draft);
  }
  return admissionInvoice(tx, a.hospitalId, a.admissionId);
}

/** The invoice a discharge made for the admission, if any. */
export async function admissionInvoice(
  exec: Executor,
  hospitalId: string,
  admissionId: string,
): Promise<InvoiceSummary | null> {
  const found = await repo.findBySource(exec, hospitalId, 'admission', admissionId);
  if (!found) return null;
  const [row] = await repo.summaries(exec, [found.id]);
  return row ? toSummary(row) : null;
}

/**
 * What a patient owes at a hospital (final invoices with a balance, up to 100, newest first), the
 * drafts not yet issued, and the advance they hold there.
 */
export async function patientBalance(exec: Executor, hospitalId: string, patientId: string) {
  const page = { limit: 100, offset: 0 };
  // One after another: inside a transaction these share one connection.
  const open = await repo.searchInvoices(exec, { hospitalId, patientId, unpaid: true }, page);
  const drafts = await repo.searchInvoices(exec, { hospitalId, patientId, status: 'draft' }, page);
  const advanceMinor = await advanceOf(exec, hospitalId, patientId);
  const { currency } = await prices.hospitalFacts(exec, hospitalId);
  const openInvoices = open.rows.map(toSummary);
  return {
    currency,
    advanceMinor,
    openInvoices,
    draftInvoices: drafts.rows.map(toSummary),
    outstandingMinor: openInvoices.reduce((s, i) => s + i.balanceMinor, 0),
  };
}
