import { describe, expect, it } from 'vitest';
import {
  chosenTotal,
  draftRequests,
  initialChoice,
  priceOf,
  suggestionKey,
  type Choice,
} from './reorder-selection';
import type { ReorderSuggestion } from '../../../contracts/procurement';

const S1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const S2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SUP = { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Acme', leadTimeDays: 5 };
const OTHER = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const suggestion = (medicineId: string, storeId: string, over: Partial<ReorderSuggestion> = {}) =>
  ({
    medicineId,
    medicineName: `M ${medicineId}`,
    strength: '500 mg',
    form: 'tablet',
    storeId,
    storeName: storeId === S1 ? 'Main store' : 'Pharmacy',
    onHand: 0,
    reorderLevel: 100,
    onOrderPacks: 0,
    packSize: 10,
    avgDaily30: 1,
    avgDaily90: 1,
    suggestedPacks: 3,
    supplier: SUP,
    lastPriceMinor: 250,
    ...over,
  }) as ReorderSuggestion;

const a = suggestion('m1', S1);
const b = suggestion('m2', S1, { supplier: null, lastPriceMinor: null });
const c = suggestion('m1', S2);

describe('reorder selection', () => {
  it('starts each row unchosen with the suggested packs and supplier', () => {
    expect(initialChoice(a)).toEqual({ selected: false, packs: 3, supplierId: SUP.id });
    expect(initialChoice(b).supplierId).toBeNull();
  });

  it('asks for a choice, a supplier and whole packs before it makes a request', () => {
    expect(draftRequests([a, b], {})).toEqual({ problem: 'needSelection' });
    const choices: Record<string, Choice> = { [suggestionKey(b)]: { ...initialChoice(b), selected: true } };
    expect(draftRequests([a, b], choices)).toEqual({ problem: 'needSupplier' });
    choices[suggestionKey(a)] = { ...initialChoice(a), selected: true, packs: '' };
    choices[suggestionKey(b)] = { selected: true, packs: 2, supplierId: OTHER };
    expect(draftRequests([a, b], choices)).toEqual({ problem: 'packs' });
  });

  it('makes one request per store with each chosen line', () => {
    const choices: Record<string, Choice> = {
      [suggestionKey(a)]: { ...initialChoice(a), selected: true, packs: 7 },
      [suggestionKey(b)]: { selected: true, packs: 2, supplierId: OTHER },
      [suggestionKey(c)]: { ...initialChoice(c), selected: true },
    };
    expect(draftRequests([a, b, c], choices)).toEqual({
      requests: [
        {
          storeId: S1,
          lines: [
            { medicineId: 'm1', supplierId: SUP.id, packs: 7 },
            { medicineId: 'm2', supplierId: OTHER, packs: 2 },
          ],
        },
        { storeId: S2, lines: [{ medicineId: 'm1', supplierId: SUP.id, packs: 3 }] },
      ],
    });
  });

  it('values a chosen row at the last price only while its suggested supplier is kept', () => {
    expect(priceOf(a, initialChoice(a))).toBe(250);
    expect(priceOf(a, { ...initialChoice(a), supplierId: OTHER })).toBeNull();
    const choices: Record<string, Choice> = {
      [suggestionKey(a)]: { ...initialChoice(a), selected: true, packs: 4 },
      [suggestionKey(c)]: { selected: true, packs: 4, supplierId: OTHER },
    };
    expect(chosenTotal([a, b, c], choices)).toEqual({ count: 2, total: 1000 });
  });
});
