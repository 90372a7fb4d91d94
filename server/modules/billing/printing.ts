// Printing: an invoice as the staff or the patient may see it, and the receipt of a payment (or the
// voucher of an advance paid back).
import type { Ctx } from '../../platform/context';
import { auditRead } from '../../platform/audit/audit.service';
import { findUserNames } from '../identity';
import { patientBriefs } from '../patients';
import { invoicePdf, receiptPdf } from './billing-pdf';
import { balanceOf, getInvoice, getOwnInvoice, toPayment } from './invoices.read';
import { summaries } from './invoices.repo';
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
