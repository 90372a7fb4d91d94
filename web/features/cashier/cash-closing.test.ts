import { describe, expect, it } from 'vitest';
import { CloseCashDay } from '../../../contracts/billing-reports';
import { cashDifference, cashState, countedMinor, toCloseCashDay } from './cash-closing';

describe('cash counted against expected', () => {
  it('reads major units into minor units of the currency', () => {
    expect(countedMinor(1234.5, 'INR')).toBe(123450);
    expect(countedMinor('1,234.56', 'INR')).toBe(123456);
    expect(countedMinor(1.005, 'INR')).toBe(101);
    expect(countedMinor(500, 'JPY')).toBe(500);
    expect(countedMinor(1.234, 'KWD')).toBe(1234);
  });

  it('has no amount while the box is empty, unreadable or negative', () => {
    expect(countedMinor('', 'INR')).toBeUndefined();
    expect(countedMinor('12.', 'INR')).toBe(1200);
    expect(countedMinor('abc', 'INR')).toBeUndefined();
    expect(countedMinor(-5, 'INR')).toBeUndefined();
  });

  it('says short, over or even', () => {
    expect(cashDifference(590, 60000, 'INR')).toEqual({ minor: -1000, state: 'short' });
    expect(cashDifference('600.25', 60000, 'INR')).toEqual({ minor: 25, state: 'over' });
    expect(cashDifference(600, 60000, 'INR')).toEqual({ minor: 0, state: 'even' });
    expect(cashDifference('', 60000, 'INR')).toBeNull();
    expect(cashState(-1)).toBe('short');
  });

  it('counts against a negative expectation (more refunded than taken in cash)', () => {
    expect(cashDifference(0, -5000, 'INR')).toEqual({ minor: 5000, state: 'over' });
  });
});

describe('closing the day', () => {
  it('makes a body the contract accepts, notes trimmed and left out when blank', () => {
    const body = toCloseCashDay({ counted: 590.5, notes: '  ' }, '2026-12-03', 'INR');
    expect(body).toEqual({ businessDate: '2026-12-03', countedCashMinor: 59050, notes: undefined });
    expect(CloseCashDay.safeParse(body).success).toBe(true);
    expect(toCloseCashDay({ counted: 0, notes: ' Float kept ' }, '2026-12-03', 'INR').notes).toBe(
      'Float kept',
    );
  });

  it('leaves an empty count for the contract to call required', () => {
    const parsed = CloseCashDay.safeParse(toCloseCashDay({ counted: '', notes: '' }, '2026-12-03', 'INR'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['countedCashMinor']);
  });
});
