// Printed invoices, credit notes and receipts: the hospital's letterhead, the patient, each line
// with its discount and tax, the totals, tax by rate, the amount in words, and what is paid and owed.
import type { CreditNote, Invoice, Payment } from '../../../contracts/billing';
import { PdfDocument } from '../../platform/pdf';
import { formatInstant } from '../notifications';
import { amountInWords, minorDigits } from './amount-in-words';
import type { HospitalFacts } from './price-list.repo';

/** "INR 1,234.50": the currency's code, as the PDF's standard fonts have no rupee or naira sign. */
export function printedMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const grouped = new Intl.NumberFormat(currency === 'INR' ? 'en-IN' : 'en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
  return `${currency} ${grouped}`;
}

/** 1200 basis points as "12%", 1250 as "12.5%". */
export const ratePercent = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;

const METHOD: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  upi: 'UPI',
  insurance: 'Insurance',
  bank_transfer: 'Bank transfer',
  advance: 'Advance',
};
export const methodName = (m: string) => METHOD[m] ?? m;

function header(doc: PdfDocument, h: HospitalFacts, title: string, number: string) {
  doc.letterhead(h);
  doc.pair(title, number, { size: 14, bold: true });
}

function patientBlock(doc: PdfDocument, invoice: Invoice) {
  const p = invoice.patient;
  doc.text(p ? `Patient: ${p.name}${p.mrn ? `   MRN ${p.mrn}` : ''}` : 'Customer: walk-in (counter sale)', {
    size: 10,
  });
  const care = [
    invoice.doctorName && `Doctor: ${invoice.doctorName}`,
    invoice.departmentName && `Department: ${invoice.departmentName}`,
  ];
  const line = care.filter(Boolean).join('   ');
  if (line) doc.text(line, { size: 9 });
}

/** The invoice as the patient gets it. */
export function invoicePdf(invoice: Invoice, h: HospitalFacts): { body: Buffer; filename: string } {
  const money = (minor: number) => printedMoney(minor, invoice.currency);
  const number = invoice.number ?? 'DRAFT';
  const doc = new PdfDocument(`Invoice ${number} - ${h.name}`);
  header(
    doc,
    h,
    invoice.status === 'draft' || invoice.status === 'discarded' ? 'DRAFT INVOICE' : 'TAX INVOICE',
    number,
  );
  if (invoice.status === 'draft') doc.text('DRAFT - not yet issued: this is not an invoice.', { bold: true });
  if (invoice.status === 'discarded') doc.text('DISCARDED - this draft was never issued.', { bold: true });
  if (invoice.status === 'cancelled') {
    const notes = invoice.creditNotes.map((c) => c.number).join(', ');
    doc.text(`CANCELLED - credited in full by ${notes}.`, { bold: true });
  }
  if (invoice.issuedOn) doc.text(`Date: ${invoice.issuedOn}`, { size: 10 });
  patientBlock(doc, invoice);
  doc.rule();

  doc.pair('Item', 'Amount', { bold: true });
  invoice.lines.forEach((l, i) => {
    doc.pair(`${i + 1}. ${l.description}`, money(l.totalMinor));
    const parts = [`${l.quantity} x ${money(l.unitPriceMinor)}`];
    if (l.discount) {
      const how = l.discount.kind === 'percent' ? ` (${ratePercent(l.discount.value)})` : '';
      parts.push(`less ${money(l.discountMinor)}${how} - ${l.discount.reason}`);
    }
    parts.push(`tax ${ratePercent(l.taxRateBp)} ${money(l.taxMinor)}`);
    doc.text(parts.join(', '), { indent: 14, size: 9, gap: 2 });
  });
  doc.rule();
  doc.pair('Subtotal', money(invoice.grossMinor));
  if (invoice.discountMinor > 0) doc.pair('Discount', `- ${money(invoice.discountMinor)}`);
  doc.pair('Taxable value', money(invoice.netMinor));
  doc.pair('Tax', money(invoice.taxMinor));
  doc.pair('Total', money(invoice.totalMinor), { bold: true, size: 12 });
  doc.text(amountInWords(invoice.totalMinor, invoice.currency), { size: 9, gap: 6 });

  doc.text('Tax by rate', { bold: true, size: 10 });
  for (const t of invoice.taxBreakdown) {
    doc.pair(`${ratePercent(t.taxRateBp)} on ${money(t.netMinor)}`, money(t.taxMinor), { size: 9 });
  }
  if (invoice.status !== 'draft' && invoice.status !== 'discarded') {
    doc.rule();
    for (const p of invoice.payments) {
      doc.pair(
        `Paid ${p.number} (${methodName(p.method)}) ${formatInstant(p.receivedAt, h.timeZone)}`,
        money(p.appliedMinor),
        {
          size: 9,
        },
      );
    }
    for (const c of invoice.creditNotes) {
      doc.pair(`Credit note ${c.number} ${c.issuedOn}: ${c.reason}`, `- ${money(c.amountMinor)}`, {
        size: 9,
      });
      if (c.refundMinor > 0)
        doc.text(`Refunded ${money(c.refundMinor)} by ${methodName(c.refundMethod ?? '')}`, {
          indent: 14,
          size: 9,
        });
    }
    doc.pair('Paid', money(invoice.paidMinor));
    if (invoice.creditedMinor > 0) doc.pair('Credited', money(invoice.creditedMinor));
    doc.pair('Balance due', money(invoice.balanceMinor), { bold: true });
  }
  if (invoice.notes) doc.text(`Notes: ${invoice.notes}`, { size: 9 });
  return { body: doc.toBuffer(), filename: `${invoice.number ?? `draft-${invoice.id.slice(0, 8)}`}.pdf` };
}

/** A receipt for money received (or an advance paid back). */
export function receiptPdf(
  p: Payment,
  h: HospitalFacts,
  payer: { name: string; mrn: string | null } | null,
  invoice: { number: string | null; balanceMinor: number } | null,
): { body: Buffer; filename: string } {
  const money = (minor: number) => printedMoney(minor, p.currency);
  const refund = p.kind === 'advance_refund';
  const doc = new PdfDocument(`${refund ? 'Refund' : 'Receipt'} ${p.number} - ${h.name}`);
  header(doc, h, refund ? 'REFUND VOUCHER' : 'RECEIPT', p.number);
  doc.text(`Date: ${formatInstant(p.receivedAt, h.timeZone)}`, { size: 10 });
  doc.text(
    payer
      ? `${refund ? 'Paid to' : 'Received from'}: ${payer.name}${payer.mrn ? `   MRN ${payer.mrn}` : ''}`
      : 'Received from: walk-in customer',
  );
  doc.rule();
  doc.pair(refund ? 'Advance paid back' : 'Amount received', money(p.amountMinor), { bold: true, size: 12 });
  doc.text(amountInWords(p.amountMinor, p.currency), { size: 9, gap: 6 });
  doc.pair('Method', `${methodName(p.method)}${p.reference ? ` (${p.reference})` : ''}`);
  if (p.tenderedMinor !== null) {
    doc.pair('Cash tendered', money(p.tenderedMinor));
    doc.pair('Change given', money(p.changeMinor ?? 0));
  }
  if (invoice?.number) doc.pair(`Towards invoice ${invoice.number}`, money(p.appliedMinor));
  if (p.advanceMinor > 0) doc.pair('Held as advance', money(p.advanceMinor));
  if (p.method === 'advance') doc.text('Paid from the advance held for the patient.', { size: 9 });
  if (invoice?.number) doc.pair('Balance due on the invoice now', money(invoice.balanceMinor));
  if (p.note) doc.text(`Note: ${p.note}`, { size: 9 });
  if (p.receivedByName) doc.text(`Cashier: ${p.receivedByName}`, { size: 9 });
  return { body: doc.toBuffer(), filename: `${p.number}.pdf` };
}

/** A credit note: the invoice it corrects, what it credits (net and tax), why, and any refund. */
export function creditNotePdf(
  c: CreditNote,
  invoice: Invoice,
  h: HospitalFacts,
): { body: Buffer; filename: string } {
  const money = (minor: number) => printedMoney(minor, c.currency);
  const doc = new PdfDocument(`Credit note ${c.number} - ${h.name}`);
  header(doc, h, 'CREDIT NOTE', c.number);
  doc.text(`Date: ${c.issuedOn}`, { size: 10 });
  doc.text(`Against tax invoice ${c.invoiceNumber} of ${invoice.issuedOn ?? ''}`, { size: 10 });
  patientBlock(doc, invoice);
  doc.rule();
  doc.pair('Taxable value credited', money(c.netMinor));
  doc.pair('Tax credited', money(c.taxMinor));
  doc.pair('Credit total', money(c.amountMinor), { bold: true, size: 12 });
  doc.text(amountInWords(c.amountMinor, c.currency), { size: 9, gap: 6 });
  doc.text(`Reason: ${c.reason}`, { size: 10 });
  doc.rule();
  if (c.refundMinor > 0) {
    const to = c.refundMethod === 'advance' ? " (to the patient's advance)" : '';
    doc.pair(`Refunded by ${methodName(c.refundMethod ?? '')}${to}`, money(c.refundMinor), { bold: true });
  } else {
    doc.text('Nothing refunded: the credit is taken off what the invoice owes.', { size: 9 });
  }
  doc.pair(`Invoice ${c.invoiceNumber} total`, money(invoice.totalMinor));
  doc.pair('Credited on it in all', money(invoice.creditedMinor));
  doc.pair('Paid on it', money(invoice.paidMinor));
  doc.pair('Balance due on the invoice now', money(invoice.balanceMinor));
  if (c.createdByName) doc.text(`Issued by: ${c.createdByName}`, { size: 9 });
  return { body: doc.toBuffer(), filename: `${c.number}.pdf` };
}
