// Where one of the patient's bills stands, in the words the bill screens use: paid in full,
// something still to pay at the hospital's desk, or cancelled by a credit note.
import type { InvoiceStatus } from '../../../contracts/billing';

export type BillState = 'paid' | 'owing' | 'cancelled' | 'other';

export function billState(b: { status: InvoiceStatus; balanceMinor: number }): BillState {
  if (b.status === 'cancelled') return 'cancelled';
  if (b.status !== 'final') return 'other';
  return b.balanceMinor > 0 ? 'owing' : 'paid';
}

/** Each hospital's balance, most owed first, then most held in advance. */
export function byMostOwed<T extends { outstandingMinor: number; advanceMinor: number }>(
  balances: readonly T[],
): T[] {
  return [...balances].sort(
    (a, b) => b.outstandingMinor - a.outstandingMinor || b.advanceMinor - a.advanceMinor,
  );
}
