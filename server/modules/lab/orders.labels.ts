// The labels of an order's samples, printed before they are taken: one block per test with the
// sample's accession number large and as a Code 128 barcode under it (what the lab scans), the
// patient's name, MRN, sex and date of birth, the test and its sample type, on an A4 sheet to cut
// (or a label sheet). A cancelled test gets no label.
import type { LabOrder } from '../../../contracts/lab-orders';
import type { Ctx } from '../../platform/context';
import { PdfDocument } from '../../platform/pdf';
import { AppError } from '../../platform/errors';
import { getOrder } from './orders.read';

const SAMPLE_NAMES: Record<string, string> = {
  whole_blood: 'Whole blood',
  serum: 'Serum',
  plasma: 'Plasma',
  urine: 'Urine',
  stool: 'Stool',
  sputum: 'Sputum',
  swab: 'Swab',
  csf: 'CSF',
  other: 'Other',
};

/** A label's height in points (a name long enough to wrap makes it taller, rarely). */
const LABEL_HEIGHT = 125;

export function labelsPdf(order: LabOrder): { body: Buffer; filename: string } {
  const items = order.items.filter((i) => i.status !== 'cancelled');
  if (items.length === 0) {
    throw new AppError('INVALID_TRANSITION', 'This order was cancelled: it has no samples to label.');
  }
  const doc = new PdfDocument(`Sample labels ${order.number}`);
  const p = order.patient;
  const who = [
    p.mrn ?? '',
    p.sex ? p.sex.charAt(0).toUpperCase() : '',
    p.dateOfBirth ? `DOB ${p.dateOfBirth}` : '',
  ]
    .filter(Boolean)
    .join('   ');
  for (const item of items) {
    // A label is cut out whole: its accession number, barcode and patient on one page.
    doc.keep(LABEL_HEIGHT);
    doc.text(item.accession, { size: 16, bold: true, gap: 4 });
    // What the lab's scanners read at every bench: 0.96 pt is 4 dots of a 300 dpi label printer.
    doc.barcode(item.accession, { height: 28, moduleWidth: 0.96 });
    doc.space(4);
    doc.text(p.name, { size: 11, bold: true });
    if (who) doc.text(who, { size: 9 });
    doc.pair(`${item.code} - ${item.name}`, SAMPLE_NAMES[item.sampleType] ?? item.sampleType, { size: 9 });
    const when = `Ordered ${order.orderedAt.slice(0, 10)}${order.priority === 'urgent' ? '   URGENT' : ''}`;
    doc.text(when, { size: 8 });
    doc.rule(8);
  }
  return { body: doc.toBuffer(), filename: `${order.number}-labels.pdf` };
}

/** The labels of an order of the hospital (the read is audited as the order's). */
export async function printLabels(ctx: Ctx, id: string) {
  return labelsPdf(await getOrder(ctx, id));
}
