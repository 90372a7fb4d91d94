// A purchase order as the supplier receives it: the hospital's letterhead, the order's number and
// revision, the supplier, where to deliver, each line in packs with its price, and the total.
import type { PurchaseOrder } from '../../../contracts/procurement';
import type { Executor } from '../../db/client';
import { notFound } from '../../platform/errors';
import { PdfDocument } from '../../platform/pdf';
import { readOrder } from './orders.read';
import * as repo from './orders.repo';
import * as suppliersRepo from './suppliers.repo';

/** "INR 1,234.50": the currency's code, as the PDF's standard fonts have no rupee or naira sign. */
export function moneyText(minor: number, currency: string): string {
  const f = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code' });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits).replace(/\u00a0/g, ' ');
}

const localDate = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );

const NOT_AN_ORDER: Partial<Record<PurchaseOrder['status'], string>> = {
  draft: 'DRAFT - not yet approved: this is not an order.',
  submitted: 'AWAITING APPROVAL - this is not an order yet.',
  cancelled: 'CANCELLED - this order is no longer in force.',
};

export interface OrderPdf {
  body: Buffer;
  filename: string;
  order: PurchaseOrder;
  supplierEmail: string | null;
  supplierContact: string | null;
}

export async function orderPdf(db: Executor, hospitalId: string, id: string): Promise<OrderPdf> {
  const order = await readOrder(db, hospitalId, id);
  const [supplier, hospital] = await Promise.all([
    suppliersRepo.findSupplier(db, hospitalId, order.supplierId),
    repo.letterhead(db, hospitalId),
  ]);
  if (!supplier) throw notFound('Supplier');
  const money = (minor: number) => moneyText(minor, order.currency);
  const label = order.revision > 1 ? `${order.number} (revision ${order.revision})` : order.number;
  const doc = new PdfDocument(`Purchase order ${label} - ${hospital.name}`);

  const address = doc.letterhead({ ...hospital, addressLine: hospital.address_line });
  doc.pair('PURCHASE ORDER', label, { size: 14, bold: true });
  doc.pair(
    `Date: ${localDate(order.approvedAt ?? order.createdAt, hospital.time_zone)}`,
    order.revision > 1 ? `Replaces revision ${order.revision - 1}` : '',
  );
  const warning = NOT_AN_ORDER[order.status];
  if (warning) doc.text(warning, { bold: true });
  doc.space(6);

  doc.text('Supplier', { bold: true });
  doc.text(supplier.name, { indent: 12 });
  for (const l of [
    supplier.contactName && `Attn: ${supplier.contactName}`,
    supplier.addressLine,
    [supplier.phone, supplier.email].filter(Boolean).join('   '),
    supplier.taxId && `Tax id: ${supplier.taxId}`,
  ]) {
    if (l) doc.text(l, { indent: 12, size: 9 });
  }
  doc.space(4);
  doc.text('Deliver to', { bold: true });
  doc.text(`${order.storeName}, ${hospital.name}${address ? `, ${address}` : ''}`, { indent: 12 });
  if (order.expectedOn) doc.text(`Expected by ${order.expectedOn}`, { indent: 12, size: 9 });
  doc.rule();

  doc.pair('Item', 'Amount', { bold: true });
  order.lines.forEach((l, i) => {
    doc.pair(`${i + 1}. ${l.medicineName}`, money(l.lineTotalMinor));
    doc.text(`${l.packsOrdered} pack(s) of ${l.packSize} at ${money(l.unitPriceMinor)} per pack`, {
      indent: 14,
      size: 9,
      gap: 2,
    });
  });
  doc.rule();
  doc.pair('Total', money(order.totalMinor), { bold: true, size: 12 });
  doc.space(8);
  if (supplier.paymentTerms) doc.text(`Payment terms: ${supplier.paymentTerms}`, { size: 9 });
  if (order.notes) doc.text(`Notes: ${order.notes}`, { size: 9 });
  doc.text(`Please quote ${order.number} on the delivery note and the invoice.`, { size: 9 });

  const filename = `${order.number}${order.revision > 1 ? `-rev${order.revision}` : ''}.pdf`;
  return {
    body: doc.toBuffer(),
    filename,
    order,
    supplierEmail: supplier.email,
    supplierContact: supplier.contactName,
  };
}
