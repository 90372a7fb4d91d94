// Kept apart from dashboard.ts, and free of zod, so the dashboard's first load does not fetch zod
// for one set of names (about 25 KB compressed).
import type { DashboardCardKey } from './dashboard';

/** Figures that are money in the hospital's currency (minor units), not counts. */
export const MONEY_CARDS: ReadonlySet<DashboardCardKey> = new Set<DashboardCardKey>([
  'pharmacySalesToday',
  'revenueToday',
]);
