// Printing: an invoice or a credit note as the staff or the patient may see it, and the receipt of
// a payment (or the voucher of an advance paid back).
import type { Ctx } from '../../platform/context';
import { auditRead } from '../../platform/audit/audit.service';
import { findUserNames } from '../identity';
import { patientBriefs } from '../patients';
import { notFound } from '../../platform/errors';
import { creditNotePdf, invoicePdf, receiptPdf } from './billing-pdf';
import {
  balanceOf,
  getInvoice,
  getOwnInvoice,
  ownerMaySee,
  readInvoice,
  staffMaySee,
  toPayment,
} from './invoices.read';
import { findInvoice, summaries } from './invoices.repo';
import { findCreditNote } from './payments.repo';
import { findVisiblePayment } from './payments.service';
import { hospitalFacts } from './price-list.repo';

export async function paymentReceipt(ctx: Ctx, id: string): Promise<{ body: Buffer; filename: string }> {
  const { row, invoice } = await findVisiblePayment(ctx, id);
  const [hospital, [summary], names, payers] = await Promise.all([
    hospitalFacts(ctx.db, row.hospitalId),
    invoice ? summaries(ctx.db, [invoice.id]) : Promise.resolve([]),
    findUserNames(ctx.db, [row.receivedBy]),
    patientBriefs(ctx.db, row.patientId ? [row.patientId] : [], row.hospitalId),
  ]);
  const payer = row.patientId ? (payers.get(row.patientId) ?? null) : null;
  await auditRead(ctx, {
    action: 'payment.receipt.read',
    entityType: 'payment',
    entityId: id,
    patientId: row.patientId,
  });
  return receiptPdf(
    toPayment(row, hospital.currency, invoice?.number ?? null, names),
    hospital,
    payer,
    summary ? { number: summary.number, balanceMinor: balanceOf(summary) } : null,
  );
}

/** An invoice as a PDF: one the member of staff may see, or (`own`) one of the patient's own. */
export async function printInvoice(
  ctx: Ctx,
  id: string,
  own = false,
): Promise<{ body: Buffer; filename: string }> {
  const invoice = own ? await getOwnInvoice(ctx, id) : await getInvoice(ctx, id);
  return invoicePdf(invoice, await hospitalFacts(ctx.db, invoice.hospitalId));
}

/**
 * A credit note as a PDF: one on an invoice the member of staff may see, or (`own`) on one of the
 * patient's own invoices. Anything else is 404.
 */
export async function printCreditNote(
  ctx: Ctx,
  id: string,
  own = false,
): Promise<{ body: Buffer; filename: string }> {
  const note = await findCreditNote(ctx.db, id);
  const row = note && (await findInvoice(ctx.db, note.invoiceId));
  if (!row || !(own ? ownerMaySee(ctx.actor, row) : staffMaySee(ctx.actor, row)))
    throw notFound('Credit note');
  const [invoice, hospital] = await Promise.all([
    readInvoice(ctx.db, row.id),
    hospitalFacts(ctx.db, row.hospitalId),
  ]);
  await auditRead(ctx, {
    action: 'credit_note.pdf.read',
    entityType: 'invoice',
    entityId: row.id,
    patientId: row.patientId,
    hospitalId: row.hospitalId,
    after: { creditNoteId: id },
  });
  return creditNotePdf(
    invoice.creditNotes.find((c) => c.id === id)!,
    invoice,
    hospital,
  );
}
