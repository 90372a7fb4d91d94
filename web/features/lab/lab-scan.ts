// A sample's barcode scanned at the lab: the hand scanner types the accession number printed on
// the tube's label, then Enter. What the worklist makes of the text it typed, with no network.
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';

/**
 * An accession number (orders.service.ts, samples.service.ts): the order's number, the test's place
 * in it, and for a sample taken again after one was rejected, how many times (LAB-000123-2.1).
 */
const ACCESSION = /^(LAB-\d{6,})-[1-9]\d*(?:\.[1-9]\d*)?$/;

/**
 * The accession number the text is, as printed, or null for anything else (a name, an MRN, an
 * order number or part of one): those are searched for as typed. A scanner with caps lock on
 * types it in small letters, which are taken as the same.
 */
export function scannedAccession(text: string): string | null {
  const accession = text.trim().toUpperCase();
  return ACCESSION.test(accession) ? accession : null;
}

/** The number of the order an accession number belongs to (LAB-000123-2.1 → LAB-000123). */
export const orderNumberOf = (accession: string): string => ACCESSION.exec(accession)?.[1] ?? '';

/**
 * The order and test whose sample has exactly this accession number, among orders found by its
 * order number; null when none has (a mistyped label, another hospital's sample, or the old label
 * of a sample that was rejected and taken again under a new number).
 */
export function findSample(
  orders: readonly LabOrder[],
  accession: string,
): { order: LabOrder; item: LabOrderItem } | null {
  for (const order of orders) {
    const item = order.items.find((i) => i.accession.toUpperCase() === accession);
    if (item) return { order, item };
  }
  return null;
}
