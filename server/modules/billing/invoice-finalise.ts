// Finalising: a draft gets the hospital's next invoice number of the year (INV-<year>-<n>, the
// year and the invoice date on the hospital's clock, gap-free through nextNumber in the same
// transaction) and is frozen from then on by the database (ADR 13). The patient is mailed the PDF.
import type { Invoice } from '../../../contracts/billing';
import type { Tx } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { nextNumber } from '../../platform/numbering/numbering';
import { notify } from '../notifications';
import { invoicePdf, printedMoney } from './billing-pdf';
import { readInvoice } from './invoices.read';
import * as repo from './invoices.repo';
import { lockDraft } from './invoices.service';
import * as prices from './price-list.repo';

/** A number of a per-hospital, per-year series: "INV-2026-00042". */
export async function numberFor(tx: Tx, hospitalId: string, prefix: string, year: string): Promise<string> {
  const n = await nextNumber(tx, hospitalId, `${prefix.toLowerCase()}-${year}`);
  return `${prefix}-${year}-${String(n).padStart(5, '0')}`;
}

/** Mails the final invoice's PDF to the patient (once per invoice), when they can be reached. */
async function mailInvoice(tx: Tx, invoice: Invoice, hospital: prices.HospitalFacts): Promise<void> {
  if (!invoice.patient) return;
  const contact = await repo.patientContact(tx, invoice.patient.id);
  if (!contact?.userId && !contact?.email) return;
  const pdf = invoicePdf(invoice, hospital);
  const money = (minor: number) => printedMoney(minor, invoice.currency);
  await notify(tx, {
    template: 'billing.invoice_issued',
    ...(contact.userId ? { userId: contact.userId } : { email: contact.email! }),
    hospitalId: invoice.hospitalId,
    hospital: { id: hospital.id, name: hospital.name, timeZone: hospital.timeZone },
    idempotencyKey: `invoice-issued:${invoice.id}`,
    data: {
      invoiceId: invoice.id,
      number: invoice.number!,
      total: money(invoice.totalMinor),
      balance: money(invoice.balanceMinor),
      settled: invoice.balanceMinor === 0,
    },
    attachments: [{ filename: pdf.filename, contentType: 'application/pdf', content: pdf.body }],
  });
}

/**
 * Numbers and freezes a locked draft, in the caller's transaction, and mails it to the patient
 * (not when `mail` is false: the demo's invoices, dated in the past, are written before any job
 * queue exists).
 */
export async function finaliseDraft(
  tx: Tx,
  ctx: Ctx,
  row: repo.InvoiceRow,
  { mail = true }: { mail?: boolean } = {},
): Promise<Invoice> {
  const lines = await repo.linesOf(tx, row.id);
  if (lines.length === 0) throw new AppError('RULE_VIOLATION', 'An invoice needs at least one line.');
  const hospital = await prices.hospitalFacts(tx, row.hospitalId);
  const number = await numberFor(tx, row.hospitalId, 'INV', hospital.year);
  await repo.updateInvoice(tx, row.id, {
    status: 'final',
    number,
    issuedOn: hospital.today,
    finalisedAt: new Date(),
    finalisedBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: 'invoice.finalised',
    entityType: 'invoice',
    entityId: row.id,
    patientId: row.patientId,
    hospitalId: row.hospitalId,
    before: { status: 'draft' },
    after: { status: 'final', number, issuedOn: hospital.today, totalMinor: row.totalMinor },
  });
  const invoice = await readInvoice(tx, row.id);
  if (mail) await mailInvoice(tx, invoice, hospital);
  return invoice;
}

/** Finalises a draft of the active hospital. */
export async function finaliseInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  return ctx.db.transaction(async (tx) => finaliseDraft(tx, ctx, await lockDraft(tx, ctx, id)));
}
