// The reorder suggestions the officer chose, with the packs and supplier they settled on, as the
// requests that turn them into draft orders: one per store (the API makes one draft per supplier).
import type { ReorderSuggestion } from '../../../contracts/procurement';
import { typedNumber } from './number-input';

export interface Choice {
  selected: boolean;
  packs: number | string;
  supplierId: string | null;
}

export const suggestionKey = (s: Pick<ReorderSuggestion, 'storeId' | 'medicineId'>) =>
  `${s.storeId}:${s.medicineId}`;

/** What a row starts as: not chosen, the suggested packs, the suggested supplier. */
export const initialChoice = (s: ReorderSuggestion): Choice => ({
  selected: false,
  packs: s.suggestedPacks,
  supplierId: s.supplier?.id ?? null,
});

export const choiceOf = (choices: Record<string, Choice>, s: ReorderSuggestion): Choice =>
  choices[suggestionKey(s)] ?? initialChoice(s);

/** The price per pack a row is valued at: the last price, while the suggested supplier is kept. */
export function priceOf(s: ReorderSuggestion, c: Choice): number | null {
  return c.supplierId && c.supplierId === s.supplier?.id ? s.lastPriceMinor : null;
}

export interface DraftRequest {
  storeId: string;
  lines: { medicineId: string; supplierId: string; packs: number }[];
}

export type Problem = 'needSelection' | 'needSupplier' | 'packs';

/** The requests for the chosen rows, or what stops them (none chosen, a supplier or packs missing). */
export function draftRequests(
  items: readonly ReorderSuggestion[],
  choices: Record<string, Choice>,
): { requests: DraftRequest[] } | { problem: Problem } {
  const chosen = items.filter((s) => choiceOf(choices, s).selected);
  if (chosen.length === 0) return { problem: 'needSelection' };
  const byStore = new Map<string, DraftRequest>();
  for (const s of chosen) {
    const c = choiceOf(choices, s);
    if (!c.supplierId) return { problem: 'needSupplier' };
    const packs = typedNumber(c.packs);
    if (packs === undefined || !Number.isInteger(packs) || packs < 1 || packs > 100_000)
      return { problem: 'packs' };
    const request = byStore.get(s.storeId) ?? { storeId: s.storeId, lines: [] };
    request.lines.push({ medicineId: s.medicineId, supplierId: c.supplierId, packs });
    byStore.set(s.storeId, request);
  }
  return { requests: [...byStore.values()] };
}

/** The value of the chosen rows whose price is known, and how many are chosen. */
export function chosenTotal(items: readonly ReorderSuggestion[], choices: Record<string, Choice>) {
  let count = 0;
  let total = 0;
  for (const s of items) {
    const c = choiceOf(choices, s);
    if (!c.selected) continue;
    count++;
    const price = priceOf(s, c);
    const packs = typedNumber(c.packs);
    if (price !== null && packs !== undefined) total += price * packs;
  }
  return { count, total };
}
