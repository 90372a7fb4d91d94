// The patient's cart: kept in the browser (localStorage), one per person and hospital, so it
// survives a reload and a second tab sees the same cart. Pure functions here; useCart wraps them.
import type { ShopItem } from '../../../contracts/pharmacy-orders';

/** A line as the cart keeps it: the item as it was shown when added (prices are checked again). */
export interface CartLine {
  item: ShopItem;
  quantity: number;
}

/** The most lines one order may have (contracts/pharmacy-orders.ts, Checkout). */
export const MAX_LINES = 30;

/** Where the cart of this person at this hospital is kept. */
export const cartKey = (userId: string, hospitalId: string) => `hospitium.cart.${userId}.${hospitalId}`;

/** A quantity the item can be ordered in: whole, at least 1, never above what can be had now. */
export function clampQuantity(quantity: number, maxQuantity: number): number {
  if (!Number.isFinite(quantity)) return Math.min(1, maxQuantity);
  return Math.max(Math.min(Math.floor(quantity), maxQuantity), Math.min(1, maxQuantity));
}

/** Adds `quantity` of an item (to what is already there), never above its maxQuantity. */
export function addItem(lines: readonly CartLine[], item: ShopItem, quantity = 1): CartLine[] {
  if (item.maxQuantity < 1) return [...lines];
  const existing = lines.find((l) => l.item.id === item.id);
  if (existing) {
    return lines.map((l) =>
      l.item.id === item.id ? { item, quantity: clampQuantity(l.quantity + quantity, item.maxQuantity) } : l,
    );
  }
  if (lines.length >= MAX_LINES) return [...lines];
  return [...lines, { item, quantity: clampQuantity(quantity, item.maxQuantity) }];
}

/** Sets one line's quantity (clamped); 0 or less removes it. */
export function setQuantity(lines: readonly CartLine[], medicineId: string, quantity: number): CartLine[] {
  if (quantity <= 0) return removeItem(lines, medicineId);
  return lines.map((l) =>
    l.item.id === medicineId ? { ...l, quantity: clampQuantity(quantity, l.item.maxQuantity) } : l,
  );
}

export function removeItem(lines: readonly CartLine[], medicineId: string): CartLine[] {
  return lines.filter((l) => l.item.id !== medicineId);
}

/**
 * The cart with the shop's current answer for each item: new prices and limits are taken, a
 * quantity above the new limit comes down to it, and items no longer to be had drop out.
 */
export function refreshLines(lines: readonly CartLine[], current: ReadonlyMap<string, ShopItem>): CartLine[] {
  return lines.flatMap((l) => {
    const item = current.get(l.item.id);
    if (!item || item.maxQuantity < 1) return [];
    return [{ item, quantity: clampQuantity(l.quantity, item.maxQuantity) }];
  });
}

/** Whether the shop's answer changes what the patient pays or gets (not just how much is left). */
export function changesWhatIsPaid(before: readonly CartLine[], after: readonly CartLine[]): boolean {
  if (before.length !== after.length) return true;
  return before.some((b) => {
    const a = after.find((x) => x.item.id === b.item.id);
    return (
      !a ||
      a.quantity !== b.quantity ||
      a.item.unitPriceMinor !== b.item.unitPriceMinor ||
      a.item.taxRateBp !== b.item.taxRateBp
    );
  });
}

export const needsPrescription = (lines: readonly CartLine[]) => lines.some((l) => l.item.prescriptionOnly);

/** Reads a cart; anything unreadable or malformed reads as an empty cart. */
export function loadCart(storage: Pick<Storage, 'getItem'>, key: string): CartLine[] {
  try {
    const raw = storage.getItem(key);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (l): l is CartLine =>
        !!l &&
        typeof l === 'object' &&
        typeof (l as CartLine).quantity === 'number' &&
        Number.isInteger((l as CartLine).quantity) &&
        (l as CartLine).quantity > 0 &&
        !!(l as CartLine).item &&
        typeof (l as CartLine).item.id === 'string' &&
        typeof (l as CartLine).item.unitPriceMinor === 'number' &&
        typeof (l as CartLine).item.taxRateBp === 'number',
    );
  } catch {
    return [];
  }
}

/** Writes a cart (an empty one is removed); storage that refuses (private mode, full) is ignored. */
export function saveCart(storage: Pick<Storage, 'setItem' | 'removeItem'>, key: string, lines: CartLine[]) {
  try {
    if (lines.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(lines));
  } catch {
    // The cart then lives only as long as the page.
  }
}
