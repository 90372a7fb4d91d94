import { describe, expect, it } from 'vitest';
import {
  addDays,
  byPartOfDay,
  groupByLocalDay,
  localDate,
  partOfDay,
  sameClock,
  slotWindow,
} from './slot-days';

describe('localDate', () => {
  it('is the day in the given zone, not in UTC', () => {
    // 20:00 UTC on 2 Dec is 01:30 on 3 Dec in Kolkata and 15:00 on 2 Dec in New York.
    expect(localDate('2026-12-02T20:00:00Z', 'Asia/Kolkata')).toBe('2026-12-03');
    expect(localDate('2026-12-02T20:00:00Z', 'America/New_York')).toBe('2026-12-02');
  });
});

describe('addDays', () => {
  it('crosses months and years, and goes back', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('counts calendar days across a daylight-saving change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
});

describe('groupByLocalDay', () => {
  it("groups by the hospital's day and sorts days and times", () => {
    const slots = [
      { startsAt: '2026-12-03T04:00:00Z' }, // 09:30 on 3 Dec in Kolkata
      { startsAt: '2026-12-02T19:00:00Z' }, // 00:30 on 3 Dec in Kolkata (still 2 Dec in UTC)
      { startsAt: '2026-12-02T08:00:00Z' }, // 13:30 on 2 Dec
      { startsAt: '2026-12-02T03:30:00Z' }, // 09:00 on 2 Dec
    ];
    const days = groupByLocalDay(slots, 'Asia/Kolkata');
    expect(days.map((d) => d.date)).toEqual(['2026-12-02', '2026-12-03']);
    expect(days[0]!.slots.map((s) => s.startsAt)).toEqual(['2026-12-02T03:30:00Z', '2026-12-02T08:00:00Z']);
    expect(days[1]!.slots.map((s) => s.startsAt)).toEqual(['2026-12-02T19:00:00Z', '2026-12-03T04:00:00Z']);
  });

  it('puts the same instants on other days in another zone', () => {
    const days = groupByLocalDay([{ startsAt: '2026-12-02T19:00:00Z' }], 'America/New_York');
    expect(days).toEqual([{ date: '2026-12-02', slots: [{ startsAt: '2026-12-02T19:00:00Z' }] }]);
  });

  it('gives no days for no slots', () => {
    expect(groupByLocalDay([], 'Asia/Kolkata')).toEqual([]);
  });
});

describe('slotWindow', () => {
  it('starts a day early for the first window, so a hospital behind the browser keeps today', () => {
    expect(slotWindow('2026-12-02', 0, 14)).toEqual({ from: '2026-12-01', to: '2026-12-15' });
  });
  it('follows on from the previous window', () => {
    expect(slotWindow('2026-12-02', 14, 14)).toEqual({ from: '2026-12-16', to: '2026-12-29' });
  });
});

describe('sameClock', () => {
  it('tells zones with the same clock from different ones', () => {
    const at = new Date('2026-12-02T12:00:00Z');
    expect(sameClock('Asia/Kolkata', 'Asia/Calcutta', at)).toBe(true);
    expect(sameClock('Asia/Kolkata', 'Europe/London', at)).toBe(false);
  });
});

describe('parts of the day', () => {
  it('splits a day of slots into morning, afternoon and evening on the hospital’s clock', () => {
    // Kolkata is UTC+05:30: 06:30Z is 12:00 there, 11:29Z is 16:59, 11:30Z is 17:00.
    const tz = 'Asia/Kolkata';
    const at = (z: string) => ({ startsAt: `2026-12-03T${z}:00.000Z` });
    expect(partOfDay('2026-12-03T06:29:00.000Z', tz)).toBe('morning');
    expect(partOfDay('2026-12-03T06:30:00.000Z', tz)).toBe('afternoon');
    expect(partOfDay('2026-12-03T11:29:00.000Z', tz)).toBe('afternoon');
    expect(partOfDay('2026-12-03T11:30:00.000Z', tz)).toBe('evening');
    const parts = byPartOfDay([at('03:30'), at('04:00'), at('08:00'), at('12:00'), at('13:00')], tz);
    expect(parts.map((p) => [p.part, p.slots.length])).toEqual([
      ['morning', 2],
      ['afternoon', 1],
      ['evening', 2],
    ]);
    // A day of afternoon slots only has one part.
    expect(byPartOfDay([at('08:00')], tz).map((p) => p.part)).toEqual(['afternoon']);
  });
});
