import type { Pick } from '../../../contracts/pharmacy';
import type { PickedLine } from '../dispensing/DispensedCard';
import type { WardRequestLine } from './queries';

// The server lists one pick per ledger row: a line issued twice from the same batch has two picks
// of that batch.

/** One row per batch, quantities added up, in the server's order (first expiry first). */
export function picksByBatch(picks: readonly Pick[]): Pick[] {
  const out = new Map<string, Pick>();
  for (const p of picks) {
    const seen = out.get(p.batchId);
    out.set(p.batchId, seen ? { ...seen, quantity: seen.quantity + p.quantity } : p);
  }
  return [...out.values()];
}

/** The picks in `after` that `before` did not have: what one issue just took, batch by batch. */
function newPicks(before: readonly Pick[], after: readonly Pick[]): Pick[] {
  const left = new Map<string, number>();
  const key = (p: Pick) => `${p.batchId}:${p.quantity}`;
  for (const p of before) left.set(key(p), (left.get(key(p)) ?? 0) + 1);
  return after.filter((p) => {
    const n = left.get(key(p)) ?? 0;
    if (n === 0) return true;
    left.set(key(p), n - 1);
    return false;
  });
}

/** What one issue took, line by line, from a request's lines before and after it. */
export function issuedNow(
  before: readonly WardRequestLine[],
  after: readonly WardRequestLine[],
): PickedLine[] {
  return after.flatMap((l) => {
    const was = before.find((b) => b.id === l.id);
    const quantity = l.quantityIssued - (was?.quantityIssued ?? 0);
    if (quantity <= 0) return [];
    return [
      {
        key: l.id,
        name: l.medicineName,
        quantity,
        unit: l.dispensingUnit,
        picks: picksByBatch(newPicks(was?.picks ?? [], l.picks)),
      },
    ];
  });
}
