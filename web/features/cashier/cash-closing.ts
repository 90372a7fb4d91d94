// The cash count a cashier types (major units) against the cash the server expects (minor units):
// the difference shown live before closing, and the body that closes the day.
import type { CloseCashDay } from '../../../contracts/billing-reports';
import { toMinor } from '../../lib/money';
import { typedNumber } from '../procurement/number-input';

export interface CloseDayValues {
  /** Cash counted in the drawer, in major units as typed. */
  counted: number | string;
  notes: string;
}

export type CashState = 'short' | 'over' | 'even';

export interface CashDifference {
  /** Counted less expected, in minor units: negative when cash is short. */
  minor: number;
  state: CashState;
}

/** The cash counted in minor units, or undefined while the box is empty or holds no amount. */
export function countedMinor(counted: number | string, currency: string): number | undefined {
  const major = typedNumber(counted);
  if (major === undefined || major < 0) return undefined;
  return toMinor(major, currency);
}

/** Whether a difference (counted less expected) is cash short, over, or none. */
export function cashState(differenceMinor: number): CashState {
  return differenceMinor < 0 ? 'short' : differenceMinor > 0 ? 'over' : 'even';
}

/** Counted less expected, as the server will record it; null until an amount is typed. */
export function cashDifference(
  counted: number | string,
  expectedMinor: number,
  currency: string,
): CashDifference | null {
  const minor = countedMinor(counted, currency);
  if (minor === undefined) return null;
  const difference = minor - expectedMinor;
  return { minor: difference, state: cashState(difference) };
}

/** Colours of a difference: short is money missing, over is money unaccounted for. */
export const CASH_STATE_COLOR: Record<CashState, string> = { short: 'red', over: 'orange', even: 'teal' };

/**
 * The body of POST /api/billing/cash-closings (checked against the contract by the caller); an
 * unreadable count becomes NaN so the contract names the field.
 */
export function toCloseCashDay(
  values: CloseDayValues,
  businessDate: string,
  currency: string,
): Record<keyof CloseCashDay, unknown> {
  const counted = countedMinor(values.counted, currency);
  const notes = values.notes.trim();
  return {
    businessDate,
    countedCashMinor: counted ?? (typedNumber(values.counted) === undefined ? undefined : Number.NaN),
    notes: notes === '' ? undefined : notes,
  };
}
