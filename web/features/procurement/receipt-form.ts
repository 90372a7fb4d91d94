// The receive-goods form: per order line, one or more batches as they arrived; and the ReceiveGoods
// body built from the batches with something in them (an untouched line is skipped).
import type { PurchaseOrder, PurchaseOrderLine } from '../../../contracts/procurement';
import { typedNumber } from './number-input';

export interface BatchValues {
  key: string;
  batchNumber: string;
  expiryDate: string | null;
  packsAccepted: number | string;
  packsDamaged: number | string;
}

export interface ReceiveLineValues {
  orderLineId: string;
  batches: BatchValues[];
}

export interface ReceiveValues {
  deliveryNote: string;
  notes: string;
  lines: ReceiveLineValues[];
}

let next = 0;
export const newBatch = (): BatchValues => ({
  key: `batch-${++next}`,
  batchNumber: '',
  expiryDate: null,
  packsAccepted: '',
  packsDamaged: '',
});

/** Packs a line may still take: ordered plus the allowed over-delivery, less what came already. */
export const capacityOf = (l: PurchaseOrderLine) =>
  Math.max(0, l.maxPacks - l.packsReceived - l.packsDamaged);

export function receiveValuesOf(order: PurchaseOrder): ReceiveValues {
  return {
    deliveryNote: '',
    notes: '',
    lines: order.lines.map((l) => ({ orderLineId: l.id, batches: capacityOf(l) > 0 ? [newBatch()] : [] })),
  };
}

const num = typedNumber;

/** Whether a batch was filled in at all (else it is left out of the delivery). */
export const touched = (b: BatchValues) =>
  b.batchNumber.trim() !== '' || b.expiryDate !== null || b.packsAccepted !== '' || b.packsDamaged !== '';

/**
 * The body of POST /api/purchase-orders/:id/receipts, and for each of its lines the form path of
 * the batch it came from (`lines.2.batches.0`), so the contract's and the server's problems land
 * on the right fields.
 */
export function toReceiveGoods(values: ReceiveValues, idempotencyKey: string) {
  const paths: string[] = [];
  const lines = values.lines.flatMap((l, i) =>
    l.batches.flatMap((b, j) => {
      if (!touched(b)) return [];
      paths.push(`lines.${i}.batches.${j}`);
      return [
        {
          orderLineId: l.orderLineId,
          batchNumber: b.batchNumber.trim(),
          expiryDate: b.expiryDate ?? undefined,
          packsAccepted: num(b.packsAccepted) ?? 0,
          packsDamaged: num(b.packsDamaged) ?? 0,
        },
      ];
    }),
  );
  const body = {
    idempotencyKey,
    ...(values.deliveryNote.trim() ? { deliveryNote: values.deliveryNote.trim() } : {}),
    ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
    lines,
  };
  return { body, paths };
}

/** A problem's path in the body (`lines.1.expiryDate`) as the form's (`lines.3.batches.0.expiryDate`). */
export function toReceiveFormPath(path: string, paths: readonly string[]): string {
  const m = /^lines\.(\d+)\.(.+)$/.exec(path);
  const batch = m ? paths[Number(m[1])] : undefined;
  return m && batch ? `${batch}.${m[2]}` : path;
}

/** Packs a delivery puts into stock, all lines together. */
export const packsInto = (body: { lines: { packsAccepted: number }[] }) =>
  body.lines.reduce((s, l) => s + l.packsAccepted, 0);
