// The demo's bills of "today" stay on today in the hospital's zone, even just after its midnight
// (the PG suite once ran across midnight in Kolkata and found today's bills dated yesterday).
import { describe, expect, it } from 'vitest';
import { minutesBefore, notBeforeNewYear } from './demo-billing';
import { localDate } from './demo-stock';

const zone = 'Asia/Kolkata';

describe('minutesBefore', () => {
  it('is exact once the local day is older than the offsets', () => {
    const base = new Date('2026-12-04T06:00:00Z'); // 11:30 in Kolkata
    expect(minutesBefore(base, 90, zone).toISOString()).toBe('2026-12-04T04:30:00.000Z');
  });

  it('keeps bills on their local day, in order, ten minutes after local midnight', () => {
    const base = new Date('2026-12-03T18:40:00Z'); // 00:10 on 4 December in Kolkata
    const times = [90, 89, 60, 1].map((m) => minutesBefore(base, m, zone));
    for (const t of times) expect(localDate(t, zone)).toBe('2026-12-04');
    const ms = times.map((t) => t.getTime());
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(new Set(ms).size).toBe(ms.length);
    expect(ms[ms.length - 1]).toBeLessThan(base.getTime());
  });
});

describe('notBeforeNewYear', () => {
  it('moves a visit of last year to the first moment of this year in the hospital’s zone', () => {
    const now = new Date('2027-01-03T06:00:00Z'); // 3 January in Kolkata
    const lastYear = new Date('2026-12-28T05:00:00Z');
    expect(notBeforeNewYear(lastYear, now, zone).toISOString()).toBe('2026-12-31T18:30:00.000Z');
    // Already in this year (here on 1 January, local time, though 31 December in UTC): unchanged.
    const justIn = new Date('2026-12-31T19:00:00Z');
    expect(notBeforeNewYear(justIn, now, zone)).toEqual(justIn);
  });

  it('leaves every moment of the year alone', () => {
    const now = new Date('2026-12-07T06:00:00Z');
    const at = new Date('2026-11-09T05:00:00Z');
    expect(notBeforeNewYear(at, now, zone)).toEqual(at);
  });
});
