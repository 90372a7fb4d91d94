import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ShopItem } from '../../../contracts/pharmacy-orders';
import { useSession } from '../../lib/session';
import * as cart from './cart';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed a cart.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

const raw = (key: string) => {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
};

/** The signed-in patient's cart at one hospital, kept in localStorage and shared between tabs. */
export function useCart(hospitalId: string | null) {
  const { me } = useSession();
  const key = hospitalId ? cart.cartKey(me.user.id, hospitalId) : null;
  // The stored string is the snapshot: it only changes when the cart does.
  const stored = useSyncExternalStore(subscribe, () => (key ? raw(key) : null));
  const lines = useMemo(
    () => (key && stored ? cart.loadCart({ getItem: () => stored }, key) : []),
    [key, stored],
  );

  const update = useCallback(
    (change: (lines: cart.CartLine[]) => cart.CartLine[]) => {
      if (!key) return;
      cart.saveCart(window.localStorage, key, change(cart.loadCart(window.localStorage, key)));
      notify();
    },
    [key],
  );

  return {
    lines,
    count: lines.length,
    add: (item: ShopItem, quantity = 1) => update((ls) => cart.addItem(ls, item, quantity)),
    setQuantity: (id: string, quantity: number) => update((ls) => cart.setQuantity(ls, id, quantity)),
    remove: (id: string) => update((ls) => cart.removeItem(ls, id)),
    replace: (next: cart.CartLine[]) => update(() => next),
    clear: () => update(() => []),
  };
}

export type Cart = ReturnType<typeof useCart>;
