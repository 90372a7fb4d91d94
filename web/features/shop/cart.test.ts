import { describe, expect, it } from 'vitest';
import type { ShopItem } from '../../../contracts/pharmacy-orders';
import {
  addItem,
  changesWhatIsPaid,
  cartKey,
  clampQuantity,
  loadCart,
  MAX_LINES,
  needsPrescription,
  refreshLines,
  removeItem,
  saveCart,
  setQuantity,
  type CartLine,
} from './cart';

const item = (over: Partial<ShopItem> = {}): ShopItem => ({
  id: '0190a1b2-0000-7000-8000-000000000001',
  genericName: 'Paracetamol',
  brandName: 'Crocin',
  form: 'tablet',
  strength: '500 mg',
  dispensingUnit: 'tablet',
  prescriptionOnly: false,
  unitPriceMinor: 200,
  taxRateBp: 1200,
  currency: 'INR',
  availability: 'in_stock',
  maxQuantity: 10,
  ...over,
});

/** A Storage stand-in: a Map behind the three calls the cart uses. */
function memoryStorage() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('cart lines', () => {
  it('adds an item, and adding it again raises the quantity', () => {
    let lines = addItem([], item(), 2);
    lines = addItem(lines, item(), 3);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.quantity).toBe(5);
  });

  it('never goes above the item’s maxQuantity', () => {
    expect(addItem([], item({ maxQuantity: 4 }), 9)[0]!.quantity).toBe(4);
    const lines = addItem([], item({ maxQuantity: 4 }), 3);
    expect(addItem(lines, item({ maxQuantity: 4 }), 3)[0]!.quantity).toBe(4);
    expect(setQuantity(lines, item().id, 50)[0]!.quantity).toBe(4);
  });

  it('does not add an item that cannot be had', () => {
    expect(addItem([], item({ maxQuantity: 0, availability: 'out_of_stock' }))).toEqual([]);
  });

  it('keeps whole quantities of at least one; zero removes the line', () => {
    expect(clampQuantity(2.7, 10)).toBe(2);
    expect(clampQuantity(-3, 10)).toBe(1);
    expect(clampQuantity(Number.NaN, 10)).toBe(1);
    const lines = addItem([], item(), 2);
    expect(setQuantity(lines, item().id, 0)).toEqual([]);
    expect(removeItem(lines, item().id)).toEqual([]);
  });

  it('holds at most the number of lines an order may have', () => {
    let lines: CartLine[] = [];
    for (let i = 0; i < MAX_LINES + 5; i++)
      lines = addItem(lines, item({ id: `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}` }));
    expect(lines).toHaveLength(MAX_LINES);
  });

  it('takes the shop’s current prices and limits, and drops what is gone', () => {
    const a = item();
    const b = item({ id: '0190a1b2-0000-7000-8000-000000000002', prescriptionOnly: true });
    const lines = addItem(addItem([], a, 8), b, 1);
    const now = new Map([[a.id, { ...a, unitPriceMinor: 250, maxQuantity: 5 }]]);
    const fresh = refreshLines(lines, now);
    expect(fresh).toEqual([{ item: { ...a, unitPriceMinor: 250, maxQuantity: 5 }, quantity: 5 }]);
    expect(needsPrescription(lines)).toBe(true);
    expect(needsPrescription(fresh)).toBe(false);
  });

  it('tells a change in price or quantity from a change in what is left', () => {
    const lines = addItem([], item(), 2);
    const fewerLeft = [{ ...lines[0]!, item: { ...item(), maxQuantity: 3, availability: 'low' as const } }];
    expect(changesWhatIsPaid(lines, fewerLeft)).toBe(false);
    const dearer = [{ ...lines[0]!, item: { ...item(), unitPriceMinor: 210 } }];
    expect(changesWhatIsPaid(lines, dearer)).toBe(true);
    expect(changesWhatIsPaid(lines, [{ ...lines[0]!, quantity: 1 }])).toBe(true);
    expect(changesWhatIsPaid(lines, [])).toBe(true);
  });
});

describe('cart storage', () => {
  it('keeps one cart per person and hospital', () => {
    expect(cartKey('u1', 'h1')).not.toBe(cartKey('u1', 'h2'));
    expect(cartKey('u1', 'h1')).not.toBe(cartKey('u2', 'h1'));
  });

  it('reads back what it wrote, and removes an empty cart', () => {
    const s = memoryStorage();
    const lines = addItem([], item(), 3);
    saveCart(s, 'k', lines);
    expect(loadCart(s, 'k')).toEqual(lines);
    saveCart(s, 'k', []);
    expect(s.m.has('k')).toBe(false);
    expect(loadCart(s, 'k')).toEqual([]);
  });

  it('reads a damaged or tampered cart as empty, keeping only well-formed lines', () => {
    const s = memoryStorage();
    s.setItem('bad', '{not json');
    expect(loadCart(s, 'bad')).toEqual([]);
    s.setItem('obj', JSON.stringify({ item: item() }));
    expect(loadCart(s, 'obj')).toEqual([]);
    s.setItem('mixed', JSON.stringify([{ item: item(), quantity: 2 }, { item: item(), quantity: -1 }, null]));
    expect(loadCart(s, 'mixed')).toEqual([{ item: item(), quantity: 2 }]);
  });

  it('survives storage that refuses to write', () => {
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => saveCart(refusing, 'k', addItem([], item()))).not.toThrow();
  });
});
