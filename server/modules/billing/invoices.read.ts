// Reading invoices: who may see which (scope), and the invoice as the API shows it, with its lines,
// tax breakdown, payments and credit notes. Reads of a patient's bills are audited.
import type {
  CreditNote,
  Invoice,
  InvoiceSearch,
  InvoiceSource,
  InvoiceSummary,
  MyBills,
  Payment,
  PaymentMethod,
} from '../../../contracts/billing';
import type { Executor } from '../../db/client';
import { can, requireHospital, type Actor } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import * as repo from './invoices.repo';
import { taxBreakdown } from './money';
import * as payments from './payments.repo';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * What the pharmacy bills: counter sales, online orders and dispensed prescriptions, the invoices a
 * pharmacist sees.
 */
export const PHARMACY_SOURCES: readonly InvoiceSource[] = ['pharmacy_sale', 'pharmacy_order', 'dispensing'];
const isPharmacy = (source: string) => (PHARMACY_SOURCES as readonly string[]).includes(source);

/**
 * Whether a member of staff may see an invoice: their active hospital's, all of them with
 * invoices:read, or only the pharmacy's (counter sales, online orders) with pharmacy-invoices:read.
 */
export function staffMaySee(actor: Actor, row: { hospitalId: string; source: string }): boolean {
  if (!actor.hospitalId || row.hospitalId !== actor.hospitalId) return false;
  return can(actor, 'invoices:read') || (isPharmacy(row.source) && can(actor, 'pharmacy-invoices:read'));
}

/** A patient sees their own invoices once issued (final or cancelled), at every hospital. */
export function ownerMaySee(actor: Actor, row: { patientId: string | null; status: string }): boolean {
  return (
    !!actor.patientId &&
    row.patientId === actor.patientId &&
    (row.status === 'final' || row.status === 'cancelled')
  );
}

export const balanceOf = (r: {
  totalMinor: number;
  creditedMinor: number;
  paidMinor: number;
  status: string;
}) => (r.status === 'final' ? r.totalMinor - r.creditedMinor - r.paidMinor : 0);

export function toSummary(r: repo.SummaryRow): InvoiceSummary {
  return {
    id: r.id,
    hospitalId: r.hospitalId,
    number: r.number,
    status: r.status as InvoiceSummary['status'],
    source: r.source as InvoiceSummary['source'],
    patient: r.patientId ? { id: r.patientId, name: r.patientName ?? '', mrn: r.mrn } : null,
    currency: r.currency,
    totalMinor: r.totalMinor,
    paidMinor: r.paidMinor,
    creditedMinor: r.creditedMinor,
    balanceMinor: balanceOf(r),
    issuedOn: r.issuedOn,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toPayment(
  p: payments.PaymentRow,
  currency: string,
  invoiceNumber: string | null,
  names: Map<string, string>,
): Payment {
  return {
    id: p.id,
    number: p.number,
    kind: p.kind as Payment['kind'],
    invoiceId: p.invoiceId,
    invoiceNumber,
    patientId: p.patientId,
    method: p.method as PaymentMethod,
    currency,
    amountMinor: p.amountMinor,
    appliedMinor: p.appliedMinor,
    advanceMinor: p.advanceMinor,
    tenderedMinor: p.tenderedMinor,
    changeMinor: p.changeMinor,
    reference: p.reference,
    note: p.note,
    receivedAt: p.receivedAt.toISOString(),
    receivedByName: names.get(p.receivedBy) ?? null,
  };
}

export function toCreditNote(
  c: payments.CreditNoteRow,
  currency: string,
  invoiceNumber: string,
  names: Map<string, string>,
): CreditNote {
  return {
    id: c.id,
    number: c.number,
    invoiceId: c.invoiceId,
    invoiceNumber,
    currency,
    amountMinor: c.amountMinor,
    netMinor: c.netMinor,
    taxMinor: c.taxMinor,
    refundMinor: c.refundMinor,
    refundMethod: c.refundMethod as PaymentMethod | null,
    reason: c.reason,
    issuedOn: c.issuedOn,
    createdAt: c.createdAt.toISOString(),
    createdByName: names.get(c.createdBy) ?? null,
  };
}

/** The whole invoice as the API shows it. */
export async function readInvoice(db: Executor, id: string): Promise<Invoice> {
  const [row] = await repo.summaries(db, [id]);
  if (!row) throw notFound('Invoice');
  // One after another: inside a transaction these share one connection.
  const lines = await repo.linesOf(db, id);
  const paid = await payments.paymentsOf(db, id);
  const credits = await payments.creditNotesOf(db, id);
  const named = await repo.names(db, row.departmentId, row.doctorProfileId);
  const people = await findUserNames(db, [
    ...paid.map((p) => p.receivedBy),
    ...credits.map((c) => c.createdBy),
  ]);
  return {
    ...toSummary(row),
    timeZone: row.timeZone,
    sourceId: row.sourceId,
    departmentId: row.departmentId,
    departmentName: named.department,
    doctorId: row.doctorProfileId,
    doctorName: named.doctor,
    notes: row.notes,
    grossMinor: row.grossMinor,
    discountMinor: row.discountMinor,
    netMinor: row.netMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      kind: l.kind as Invoice['lines'][number]['kind'],
      refId: l.refId,
      description: l.description,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      taxRateBp: l.taxRateBp,
      discount: l.discountKind
        ? {
            kind: l.discountKind as 'amount' | 'percent',
            value: l.discountValue ?? 0,
            reason: l.discountReason ?? '',
          }
        : null,
      grossMinor: l.grossMinor,
      discountMinor: l.discountMinor,
      netMinor: l.netMinor,
      taxMinor: l.taxMinor,
      totalMinor: l.totalMinor,
    })),
    taxBreakdown: taxBreakdown(lines),
    payments: paid.map((p) => toPayment(p, row.currency, row.number, people)),
    creditNotes: credits.map((c) => toCreditNote(c, row.currency, row.number ?? '', people)),
    finalisedAt: iso(row.finalisedAt),
    discardReason: row.discardReason,
  };
}

/** One invoice the caller may see by `may` (else 404), its read audited. */
async function readVisible(ctx: Ctx, id: string, may: (actor: Actor, row: repo.InvoiceRow) => boolean) {
  const row = await repo.findInvoice(ctx.db, id);
  if (!row || !may(ctx.actor, row)) throw notFound('Invoice');
  const invoice = await readInvoice(ctx.db, id);
  await auditRead(ctx, {
    action: 'invoice.read',
    entityType: 'invoice',
    entityId: id,
    patientId: row.patientId,
    hospitalId: row.hospitalId,
  });
  return invoice;
}

/** One invoice the member of staff may see. */
export const getInvoice = (ctx: Ctx, id: string): Promise<Invoice> => readVisible(ctx, id, staffMaySee);

/** One of the patient's own issued invoices. */
export const getOwnInvoice = (ctx: Ctx, id: string): Promise<Invoice> => readVisible(ctx, id, ownerMaySee);

/** The active hospital's invoices (only the pharmacy's, for those who see only those). */
export async function listInvoices(ctx: Ctx, q: InvoiceSearch) {
  const hospitalId = requireHospital(ctx.actor);
  const pharmacyOnly = !can(ctx.actor, 'invoices:read');
  if (pharmacyOnly && q.source && !isPharmacy(q.source))
    return { items: [], total: 0, limit: q.limit, offset: q.offset };
  const { rows, total } = await repo.searchInvoices(
    ctx.db,
    {
      hospitalId,
      patientId: q.patientId,
      status: q.status,
      source: q.source,
      sources: pharmacyOnly ? PHARMACY_SOURCES : undefined,
      sourceId: q.sourceId,
      text: q.q,
      from: q.from,
      to: q.to,
      unpaid: q.unpaid === 'true',
    },
    q,
  );
  const patientIds = [...new Set(rows.flatMap((r) => (r.patientId ? [r.patientId] : [])))];
  if (patientIds.length > 0) {
    await auditRead(ctx, { action: 'invoice.list', entityType: 'invoice', after: { patientIds } });
  }
  return { items: rows.map(toSummary), total, limit: q.limit, offset: q.offset };
}

/** A patient's own issued invoices at every hospital, newest first, and what they owe and hold at each. */
export async function myBills(ctx: Ctx, page: { limit: number; offset: number }): Promise<MyBills> {
  const patientId = ctx.actor.patientId;
  if (!patientId) return { items: [], total: 0, limit: page.limit, offset: page.offset, balances: [] };
  const { rows, total } = await repo.searchInvoices(ctx.db, { patientId, issuedOnly: true }, page);
  const balances = await repo.ownBalances(ctx.db, patientId);
  await auditRead(ctx, { action: 'invoice.list_own', entityType: 'invoice', patientId, hospitalId: null });
  return {
    items: rows.map((r) => ({ ...toSummary(r), hospitalName: r.hospitalName })),
    total,
    limit: page.limit,
    offset: page.offset,
    balances,
  };
}
