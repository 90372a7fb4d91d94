// Bills that make themselves (ADR 13): other modules call these inside the transaction of the
// event, so the event and its bill commit together or not at all. A finished consultation leaves
// a draft with the consultation fee for the front desk to complete; a pharmacy counter sale,
// already priced and paid for at the counter, gets a final invoice at once, and so does an online
// order as it is dispensed (paid at pickup or delivery; credited in full if cancelled before).
import { withDoctorTitle } from '../../../contracts/names';
import type { Executor, Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { creditInvoice } from './credit-notes.service';
import { finaliseDraft } from './invoice-finalise';
import * as repo from './invoices.repo';
import { createDraft, discardDraft } from './invoices.service';
import { priceInvoiceLine } from './money';
import * as prices from './price-list.repo';
import { requestHash } from './payments.service';
import { consultationFee, serviceToCharge } from './price-list.service';

/**
 * A draft invoice for a closed consultation, at the fee of the doctor's department or else the
 * doctor's own, once per consultation. None when the fee is nothing. Returns the invoice's id.
 */
export async function billConsultation(
  tx: Tx,
  ctx: Ctx,
  c: { consultationId: string; hospitalId: string; patientId: string; doctorProfileId: string },
): Promise<string | null> {
  const existing = await repo.findBySource(tx, c.hospitalId, 'consultation', c.consultationId);
  if (existing) return existing.id;
  const fee = await consultationFee(tx, c.hospitalId, c.doctorProfileId);
  if (!fee || fee.feeMinor === 0) return null;
  const doctor = await prices.doctorOf(tx, c.hospitalId, c.doctorProfileId);
  const base = { quantity: 1, unitPriceMinor: fee.feeMinor, taxRateBp: fee.taxRateBp };
  const row = await createDraft(tx, ctx, {
    hospitalId: c.hospitalId,
    patientId: c.patientId,
    source: 'consultation',
    sourceId: c.consultationId,
    departmentId: fee.departmentId,
    doctorProfileId: c.doctorProfileId,
    lines: [
      {
        ...base,
        kind: 'consultation',
        refId: c.consultationId,
        description: `Consultation - ${withDoctorTitle(doctor?.name ?? 'doctor')}`,
        discountKind: null,
        discountValue: null,
        discountReason: null,
        ...priceInvoiceLine(base),
      },
    ],
  });
  return row.id;
}

/** A final invoice of what the pharmacy charged, its lines as charged, once per sale or order. */
async function billPharmacyCharge(
  tx: Tx,
  ctx: Ctx,
  source: 'pharmacy_sale' | 'pharmacy_order',
  sourceId: string,
): Promise<string | null> {
  const charge = await repo.pharmacyCharge(tx, source, sourceId);
  if (!charge || charge.lines.length === 0) return null;
  const existing = await repo.findBySource(tx, charge.hospitalId, source, sourceId);
  if (existing) return existing.id;
  const draft = await createDraft(tx, ctx, {
    hospitalId: charge.hospitalId,
    patientId: charge.patientId,
    source,
    sourceId,
    notes: charge.number ? `Online order ${charge.number}` : null,
    lines: charge.lines.map((l) => {
      const base = { quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp };
      return {
        ...base,
        kind: 'medicine',
        refId: l.medicineId,
        description: l.label,
        discountKind: null,
        discountValue: null,
        discountReason: null,
        ...priceInvoiceLine(base),
      };
    }),
  });
  return (await finaliseDraft(tx, ctx, draft)).id;
}

/** The final invoice of a pharmacy counter sale, its lines as the sale charged them. */
export const billPharmacySale = (tx: Tx, ctx: Ctx, saleId: string): Promise<string | null> =>
  billPharmacyCharge(tx, ctx, 'pharmacy_sale', saleId);

/**
 * The final invoice of an online order as it is dispensed, its lines as the order priced them at
 * checkout; paid at pickup or delivery. Once per order: a retry returns the same invoice.
 */
export const billPharmacyOrder = (tx: Tx, ctx: Ctx, orderId: string): Promise<string | null> =>
  billPharmacyCharge(tx, ctx, 'pharmacy_order', orderId);

/**
 * Credits in full the invoice of a dispensed order cancelled before it was collected; whatever was
 * paid on it goes to the patient's advance. Returns the credit note's id (none without an invoice
 * or with nothing left to credit); once per order.
 */
export function creditPharmacyOrder(
  tx: Tx,
  ctx: Ctx,
  order: { id: string; hospitalId: string; number: string },
  reason: string | null,
): Promise<string | null> {
  const why = `Online order ${order.number} cancelled before collection${reason ? `: ${reason}` : ''}`;
  return creditInFull(tx, ctx, 'pharmacy_order', order, why);
}

/** Credits the final invoice of `source` in full, paid amounts to the advance, once per source. */
async function creditInFull(
  tx: Tx,
  ctx: Ctx,
  source: 'pharmacy_order' | 'lab_order',
  order: { id: string; hospitalId: string },
  reason: string,
): Promise<string | null> {
  const found = await repo.findBySource(tx, order.hospitalId, source, order.id);
  const invoice = found && (await repo.lockInvoice(tx, order.hospitalId, found.id));
  if (!invoice || invoice.status !== 'final') return null;
  // An invoice issued at nothing (a full discount) has nothing to credit.
  if (invoice.totalMinor - invoice.creditedMinor <= 0) return null;
  const idempotencyKey = `order-cancelled:${order.id}`;
  const input = { idempotencyKey, reason: reason.slice(0, 500), refundMethod: 'advance' as const };
  return creditInvoice(tx, ctx, invoice, input, requestHash({ invoiceId: invoice.id, idempotencyKey }));
}

/** A lab test as it is charged: its price-list service's price and tax when it was ordered. */
export interface PricedLabTest {
  serviceId: string;
  unitPriceMinor: number;
  taxRateBp: number;
}

/**
 * The price and tax of each test to order, from its price-list service (ADR 29), in the order
 * given. A test billed as a service taken off the list refuses the order (422), naming the test's
 * place in `testIds`. The order keeps these on its tests, and bills them on its own draft or on
 * the stay's bill.
 */
export async function priceLabTests(
  exec: Executor,
  hospitalId: string,
  tests: { serviceId: string }[],
): Promise<PricedLabTest[]> {
  const priced: PricedLabTest[] = [];
  for (const [i, t] of tests.entries()) {
    const service = await serviceToCharge(exec, hospitalId, t.serviceId, `body.testIds.${i}`);
    priced.push({ serviceId: service.id, unitPriceMinor: service.priceMinor, taxRateBp: service.taxRateBp });
  }
  return priced;
}

/**
 * A draft invoice of a lab order's tests, each at the price and tax priceLabTests gave it, for the
 * front desk to take payment; once per order. None when the tests cost nothing.
 */
export async function billLabOrder(
  tx: Tx,
  ctx: Ctx,
  order: { id: string; hospitalId: string; patientId: string; number: string },
  tests: (PricedLabTest & { code: string; name: string })[],
): Promise<string | null> {
  const existing = await repo.findBySource(tx, order.hospitalId, 'lab_order', order.id);
  if (existing) return existing.id;
  if (tests.every((t) => t.unitPriceMinor === 0)) return null;
  const lines = tests.map((t) => {
    const base = { quantity: 1, unitPriceMinor: t.unitPriceMinor, taxRateBp: t.taxRateBp };
    return {
      ...base,
      kind: 'service' as const,
      refId: t.serviceId,
      description: `${t.code} - ${t.name}`,
      discountKind: null,
      discountValue: null,
      discountReason: null,
      ...priceInvoiceLine(base),
    };
  });
  const draft = await createDraft(tx, ctx, {
    hospitalId: order.hospitalId,
    patientId: order.patientId,
    source: 'lab_order',
    sourceId: order.id,
    notes: `Lab order ${order.number}`,
    lines,
  });
  return draft.id;
}

/**
 * The bill of a lab order cancelled before any sample: its draft is discarded; a final invoice is
 * credited in full, whatever was paid going to the patient's advance.
 */
export async function unbillLabOrder(
  tx: Tx,
  ctx: Ctx,
  order: { id: string; hospitalId: string; number: string },
  reason: string,
): Promise<void> {
  const why = `Lab order ${order.number} cancelled: ${reason}`;
  const found = await repo.findBySource(tx, order.hospitalId, 'lab_order', order.id);
  const invoice = found && (await repo.lockInvoice(tx, order.hospitalId, found.id));
  if (invoice?.status === 'draft') await discardDraft(tx, ctx, invoice, why.slice(0, 500));
  else if (invoice?.status === 'final') await creditInFull(tx, ctx, 'lab_order', order, why);
}
