// First expiry, first out: which batches a quantity is taken from. Pure, so it is tested alone;
// the caller passes batches it has locked (FOR UPDATE) and not expired, in pick order.

export interface PickableBatch {
  id: string;
  batchNumber: string;
  /** YYYY-MM-DD */
  expiryDate: string;
  /** What this picking may take from the batch (on hand, less what others have reserved). */
  available: number;
}

export interface Picked {
  batchId: string;
  batchNumber: string;
  expiryDate: string;
  quantity: number;
}

/**
 * Takes `quantity` from the batches, soonest expiry first (ties: the order given, which is oldest
 * receipt first). Returns the picks, or null when the batches together hold less than asked: a
 * picking is all or nothing.
 */
export function pickFefo(batches: readonly PickableBatch[], quantity: number): Picked[] | null {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new Error(`pickFefo: bad quantity ${quantity}`);
  const ordered = [...batches].sort((a, b) =>
    a.expiryDate < b.expiryDate ? -1 : a.expiryDate > b.expiryDate ? 1 : 0,
  );
  const picks: Picked[] = [];
  let left = quantity;
  for (const b of ordered) {
    if (left === 0) break;
    if (b.available <= 0) continue;
    const take = Math.min(b.available, left);
    picks.push({ batchId: b.id, batchNumber: b.batchNumber, expiryDate: b.expiryDate, quantity: take });
    left -= take;
  }
  return left === 0 ? picks : null;
}
