// Expiry arithmetic on calendar dates (YYYY-MM-DD) in the hospital's own day, and the groupings
// the alerts screen shows: within 30, 60 and 90 days, and expired stock per store.
import type { ExpiryState } from '../../../contracts/pharmacy';
import type { ExpiringBatch } from '../../../contracts/stock-control';

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Whole days from `today` to `date` (negative when it is past). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The state of a batch expiring on `date`, by the server's rule: usable through its expiry day,
 * expired from the next; "expiring_30" while fewer than 30 days are left, and so on.
 */
export function expiryStateOf(date: string, today: string): ExpiryState {
  const days = daysUntil(date, today);
  if (days < 0) return 'expired';
  if (days < 30) return 'expiring_30';
  if (days < 60) return 'expiring_60';
  if (days < 90) return 'expiring_90';
  return 'ok';
}

export interface ExpiryGroups {
  within30: ExpiringBatch[];
  within60: ExpiringBatch[];
  within90: ExpiringBatch[];
}

/** Usable batches by days left: under 30, 30–59 and 60–89 (the server's bands); order kept. */
export function groupExpiring(batches: readonly ExpiringBatch[]): ExpiryGroups {
  const groups: ExpiryGroups = { within30: [], within60: [], within90: [] };
  for (const b of batches) {
    if (b.daysLeft < 0) continue;
    if (b.daysLeft < 30) groups.within30.push(b);
    else if (b.daysLeft < 60) groups.within60.push(b);
    else if (b.daysLeft < 90) groups.within90.push(b);
  }
  return groups;
}

export interface ExpiredInStore {
  storeId: string;
  storeName: string;
  batches: ExpiringBatch[];
  units: number;
  valueMinor: number;
}

/** Expired batches per store (each store is written off in one action), stores by name. */
export function groupExpiredByStore(batches: readonly ExpiringBatch[]): ExpiredInStore[] {
  const stores = new Map<string, ExpiredInStore>();
  for (const b of batches) {
    let s = stores.get(b.storeId);
    if (!s) {
      s = { storeId: b.storeId, storeName: b.storeName, batches: [], units: 0, valueMinor: 0 };
      stores.set(b.storeId, s);
    }
    s.batches.push(b);
    s.units += b.onHand;
    s.valueMinor += b.valueMinor;
  }
  return [...stores.values()].sort((a, b) => a.storeName.localeCompare(b.storeName));
}

/** Mantine colours per expiry state, the same on every stock screen. */
export const EXPIRY_COLOR: Record<ExpiryState, string> = {
  ok: 'teal',
  expiring_90: 'yellow',
  expiring_60: 'orange',
  expiring_30: 'red',
  expired: 'gray',
};
