// The demo's bills of "today" stay on today in the hospital's zone, even just after its midnight
// (the PG suite once ran across midnight in Kolkata and found today's bills dated yesterday).
import { describe, expect, it } from 'vitest';
import { minutesBefore } from './demo-billing';
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
