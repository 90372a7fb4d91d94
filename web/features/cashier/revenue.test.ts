import { describe, expect, it } from 'vitest';
import type { RevenueRow } from '../../../contracts/billing-reports';
import { chartData, monthSoFar, rangeProblem, rowLabel, type RowLabels } from './revenue';

const labels: RowLabels & { others: string } = {
  day: (d) => `day ${d}`,
  method: (m) => `method ${m}`,
  none: (by) => `no ${by}`,
  others: 'Others',
};
const row = (key: string | null, label: string, netMinor: number): RevenueRow => ({
  key,
  label,
  count: 1,
  amountMinor: netMinor,
  lessMinor: 0,
  netMinor,
  taxMinor: 0,
});

describe('the revenue range', () => {
  it('defaults to the month so far', () => {
    expect(monthSoFar('2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(monthSoFar('2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('refuses what the server refuses', () => {
    expect(rangeProblem('2026-12-01', '2026-12-01')).toBeNull();
    expect(rangeProblem(null, '2026-12-01')).toBe('missing');
    expect(rangeProblem('2026-12-02', '2026-12-01')).toBe('reversed');
    expect(rangeProblem('2026-01-01', '2027-01-02')).toBeNull();
    expect(rangeProblem('2026-01-01', '2027-01-03')).toBe('tooLong');
  });
});

describe('the revenue chart', () => {
  it('names rows by grouping', () => {
    expect(rowLabel('day', row('2026-12-03', '2026-12-03', 1), labels)).toBe('day 2026-12-03');
    expect(rowLabel('method', row('upi', 'UPI', 1), labels)).toBe('method upi');
    expect(rowLabel('department', row('d1', 'Cardiology', 1), labels)).toBe('Cardiology');
    expect(rowLabel('doctor', row(null, 'No doctor', 1), labels)).toBe('no doctor');
  });

  it('keeps days in calendar order, zero days included', () => {
    const data = chartData(
      { by: 'day', rows: [row('2026-12-01', '', 0), row('2026-12-02', '', 500), row('2026-12-03', '', 100)] },
      labels,
    );
    expect(data).toEqual([
      { label: 'day 2026-12-01', net: 0 },
      { label: 'day 2026-12-02', net: 500 },
      { label: 'day 2026-12-03', net: 100 },
    ]);
  });

  it('puts the largest first and sums the tail into others', () => {
    const rows = [1, 5, 3, 4, 2].map((n) => row(`k${n}`, `D${n}`, n * 100));
    expect(chartData({ by: 'department', rows }, labels, 3)).toEqual([
      { label: 'D5', net: 500 },
      { label: 'D4', net: 400 },
      { label: 'Others', net: 600 },
    ]);
    expect(chartData({ by: 'department', rows }, labels, 5)).toHaveLength(5);
  });
});
