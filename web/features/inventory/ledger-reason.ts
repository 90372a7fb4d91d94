// The ledger's `reason` is stored as text the server composes ("damaged: box crushed",
// "expired 2026-11-30"); these are read back into words the person's language can carry.
import { ADJUSTMENT_REASONS, type LedgerEntry } from '../../../contracts/pharmacy';

export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export type LedgerReason =
  | { kind: 'none' }
  /** An adjustment's reason code, with the note typed beside it. */
  | { kind: 'adjustment'; reason: AdjustmentReason; note: string | null }
  /** An expired batch written off: the date it expired. */
  | { kind: 'expired'; date: string }
  /** Free text a person typed (a receipt's note): shown as written. */
  | { kind: 'text'; text: string };

const isAdjustmentReason = (s: string): s is AdjustmentReason =>
  (ADJUSTMENT_REASONS as readonly string[]).includes(s);

/** What a ledger row's reason says, in parts a screen can translate. */
export function readLedgerReason(entry: Pick<LedgerEntry, 'kind' | 'reason'>): LedgerReason {
  const reason = entry.reason?.trim();
  if (!reason) return { kind: 'none' };
  if (entry.kind === 'adjustment') {
    const colon = reason.indexOf(':');
    const code = colon === -1 ? reason : reason.slice(0, colon);
    if (isAdjustmentReason(code)) {
      const note = colon === -1 ? '' : reason.slice(colon + 1).trim();
      return { kind: 'adjustment', reason: code, note: note || null };
    }
  }
  if (entry.kind === 'write_off') {
    const m = /^expired (\d{4}-\d{2}-\d{2})$/.exec(reason);
    if (m) return { kind: 'expired', date: m[1]! };
  }
  return { kind: 'text', text: reason };
}
