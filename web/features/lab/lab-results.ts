// What the lab results screens work out themselves: the limits a patient's value is judged against
// (the same rule the server records the flag by), how a value and a range read, what the results
// form starts from and sends, and where an order's results stand.
import type { LabAnalyte } from '../../../contracts/lab';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import {
  flagOf,
  rangeFor,
  rangeText as rangeOf,
  type EnterResults,
  type LabResult,
  type Limits,
  type ResultFlag,
} from '../../../contracts/lab-results';

/** The limits an analyte's value is judged against for a patient of this sex. */
export function limitsFor(sex: string, a: LabAnalyte): Limits {
  return { ...rangeFor(sex, a), criticalLow: a.criticalLow, criticalHigh: a.criticalHigh };
}

/** A number written with exactly `decimals` decimals, in the locale's digits. */
export function fixed(n: number, decimals: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

/** "13.0 – 17.0", "< 200", "> 40" (as the printed report writes them), or "" without a range. */
export function rangeText(
  r: { refLow: number | null; refHigh: number | null; decimals: number },
  locale = 'en',
): string {
  return rangeOf(r, (v) => fixed(v, r.decimals, locale));
}

/** A recorded result's value: the number with its decimals and unit, or the text. */
export function valueText(r: LabResult, locale = 'en'): string {
  if (r.kind === 'text' || r.value == null) return r.text;
  return `${fixed(r.value, r.decimals, locale)} ${r.unit}`.trim();
}

/** A flag that calls for attention: anything but normal (or no flag at all). */
export const abnormal = (flag: ResultFlag | null): boolean => flag != null && flag !== 'normal';
export const critical = (flag: ResultFlag | null): boolean =>
  flag === 'critical_low' || flag === 'critical_high';

/** The flag a value typed in the form will get, as the server will record it (none while empty). */
export function liveFlag(value: number | string, limits: Limits): ResultFlag | null {
  return typeof value === 'number' && Number.isFinite(value) ? flagOf(value, limits) : null;
}

/** What the results form holds: one entry per analyte of the test, in its order, and the remark. */
export interface ResultsFormValues {
  values: { analyteId: string; value: number | string; text: string }[];
  comment: string;
  /** A correction's reason (ADR 35); unused when results are first entered. */
  reason?: string;
}

/** The form's first values: empty, or the results entered before (entering them again replaces them). */
export function initialResults(
  analytes: readonly Pick<LabAnalyte, 'id'>[],
  item: Pick<LabOrderItem, 'results' | 'resultComment'>,
): ResultsFormValues {
  return {
    values: analytes.map((a) => {
      const before = item.results.find((r) => r.analyteId === a.id);
      return { analyteId: a.id, value: before?.value ?? '', text: before?.text ?? '' };
    }),
    comment: item.resultComment,
  };
}

/**
 * The request body, in the analytes' order (the server's error paths, `values.1.value`, point at
 * the form's fields), or what is missing: a number for each numeric analyte, text for each text one.
 */
export function toEnterResults(
  analytes: readonly Pick<LabAnalyte, 'id' | 'kind'>[],
  form: ResultsFormValues,
): { body: EnterResults; missing: null } | { body: null; missing: string[] } {
  const missing: string[] = [];
  const values = analytes.map((a, i) => {
    const v = form.values.find((x) => x.analyteId === a.id);
    if (a.kind === 'text') {
      const text = v?.text.trim() ?? '';
      if (!text) missing.push(`values.${i}.text`);
      return { analyteId: a.id, text };
    }
    const value = typeof v?.value === 'number' && Number.isFinite(v.value) ? v.value : null;
    if (value === null) missing.push(`values.${i}.value`);
    return { analyteId: a.id, value };
  });
  if (missing.length > 0) return { body: null, missing };
  return { body: { values, comment: form.comment.trim() }, missing: null };
}

/** Results may be entered (again) once the sample is in, until they are verified. */
export const resultsEnterable = (order: Pick<LabOrder, 'status'>, item: Pick<LabOrderItem, 'status'>) =>
  order.status !== 'cancelled' && (item.status === 'collected' || item.status === 'resulted');

/** Verified results are put right by a correction (ADR 35), entered again until released. */
export const correctable = (order: Pick<LabOrder, 'status'>, item: Pick<LabOrderItem, 'status'>) =>
  order.status !== 'cancelled' && item.status === 'verified';

/** A sample in the lab whose results are not verified may be rejected (and taken again). */
export const rejectable = (order: Pick<LabOrder, 'status'>, item: Pick<LabOrderItem, 'status'>) =>
  order.status !== 'cancelled' && (item.status === 'collected' || item.status === 'resulted');

/** Results wait for a second person's verification. */
export const verifiable = (order: Pick<LabOrder, 'status'>, item: Pick<LabOrderItem, 'status'>) =>
  order.status !== 'cancelled' && item.status === 'resulted';

/** The report has something in it once any test is verified. */
export const hasReport = (order: Pick<LabOrder, 'items'>): boolean =>
  order.items.some((i) => i.status === 'verified');

/** What the lab still has to do on an order: tests whose results to enter, to verify, and corrections to release. */
export function resultsProgress(order: Pick<LabOrder, 'items'>): {
  toEnter: number;
  toVerify: number;
  toRelease: number;
  verified: number;
  total: number;
} {
  const count = (s: LabOrderItem['status']) => order.items.filter((i) => i.status === s).length;
  return {
    toEnter: count('collected'),
    toVerify: count('resulted'),
    toRelease: order.items.filter((i) => i.pendingAmendment).length,
    verified: count('verified'),
    total: order.items.filter((i) => i.status !== 'cancelled').length,
  };
}

/** Where a patient's order stands, in their words. */
export type ReportState = 'awaiting_sample' | 'in_progress' | 'partial' | 'ready' | 'cancelled';

export function reportState(order: Pick<LabOrder, 'status' | 'items'>): ReportState {
  if (order.status === 'cancelled') return 'cancelled';
  if (order.status === 'reported') return 'ready';
  if (hasReport(order)) return 'partial';
  return order.status === 'awaiting_sample' ? 'awaiting_sample' : 'in_progress';
}

/** Where one test of a patient's order stands: its results are theirs to see once verified. */
export function testState(item: Pick<LabOrderItem, 'status'>): ReportState {
  switch (item.status) {
    case 'verified':
      return 'ready';
    case 'cancelled':
      return 'cancelled';
    case 'awaiting_sample':
      return 'awaiting_sample';
    default:
      return 'in_progress';
  }
}

/** A test whose report is past due: its sample in, its results not yet verified, the due time gone. */
export const overdue = (item: Pick<LabOrderItem, 'status' | 'dueAt'>, now = Date.now()): boolean =>
  (item.status === 'collected' || item.status === 'resulted') &&
  item.dueAt != null &&
  Date.parse(item.dueAt) < now;

/** How many of the order's tests are past their report's due time. */
export const overdueCount = (order: Pick<LabOrder, 'items'>, now = Date.now()): number =>
  order.items.filter((i) => overdue(i, now)).length;
