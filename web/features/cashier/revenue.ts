// The revenue report's range (this month so far on the hospital's clock by default), its rows as
// a bar chart's data, and the money columns of its table.
import type { RevenueGrouping, RevenueReport, RevenueRow } from '../../../contracts/billing-reports';

export const GROUPINGS: RevenueGrouping[] = ['day', 'department', 'doctor', 'method'];

/** The first day of `today`'s month to `today` (YYYY-MM-DD, the hospital's calendar). */
export function monthSoFar(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 7)}-01`, to: today };
}

/** Why a range cannot be asked for, the server's rule: null when it can. */
export function rangeProblem(
  from: string | null,
  to: string | null,
): 'missing' | 'reversed' | 'tooLong' | null {
  if (!from || !to) return 'missing';
  if (to < from) return 'reversed';
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 366 * 86_400_000) return 'tooLong';
  return null;
}

/** How a row is named for people: `label` is the server's name, worded here for days and methods. */
export interface RowLabels {
  day: (isoDate: string) => string;
  method: (method: string) => string;
  /** "No department" / "No doctor" for rows without one. */
  none: (by: RevenueGrouping) => string;
}

export function rowLabel(by: RevenueGrouping, row: RevenueRow, labels: RowLabels): string {
  if (row.key === null) return labels.none(by);
  if (by === 'day') return labels.day(row.key);
  if (by === 'method') return labels.method(row.key);
  return row.label;
}

export interface ChartPoint {
  label: string;
  /** Net in minor units: invoiced less credited, or collected less refunded. */
  net: number;
}

/**
 * One bar per row, net revenue. Days stay in calendar order (zero days included, so gaps show);
 * other groupings go largest first and keep the `limit` largest, the rest summed into "others".
 */
export function chartData(
  report: Pick<RevenueReport, 'by' | 'rows'>,
  labels: RowLabels & { others: string },
  limit = 12,
): ChartPoint[] {
  const points = report.rows.map((r) => ({ label: rowLabel(report.by, r, labels), net: r.netMinor }));
  if (report.by === 'day') return points;
  const sorted = [...points].sort((a, b) => b.net - a.net);
  if (sorted.length <= limit) return sorted;
  const rest = sorted.slice(limit - 1).reduce((s, p) => s + p.net, 0);
  return [...sorted.slice(0, limit - 1), { label: labels.others, net: rest }];
}
