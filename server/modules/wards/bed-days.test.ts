// The bed-day rules as pure functions: midnights (or calendar days) in the hospital's zone, the bed
// held at each, transfers on either side of midnight, stays that cross no midnight, and the days
// of a daylight-saving change counted once.
import { describe, expect, it } from 'vitest';
import { chargedDays, groupDays, type CensusStay } from './bed-days';

interface Stay extends CensusStay {
  bed: string;
}

const KOLKATA = 'Asia/Kolkata';
const LONDON = 'Europe/London';

/** A stay in `bed` at `rate` from one ISO instant to another (null: still in it). */
const stay = (bed: string, dailyRateMinor: number, from: string, to: string | null): Stay => ({
  bed,
  dailyRateMinor,
  from: new Date(from),
  to: to === null ? null : new Date(to),
});

const census = (stays: Stay[], zone = KOLKATA, until = '2100-01-01T00:00:00Z') =>
  chargedDays(stays, 'midnight_census', zone, new Date(until)).map((d) => [d.date, d.stay.bed]);
const calendar = (stays: Stay[], zone = KOLKATA, until = '2100-01-01T00:00:00Z') =>
  chargedDays(stays, 'calendar_day', zone, new Date(until)).map((d) => [d.date, d.stay.bed]);

describe('the midnight census', () => {
  it('charges one day for each midnight spent in a bed, in the hospital zone', () => {
    // 1 March 10:00 to 3 March 09:00 in Kolkata (UTC+5:30): the midnights of 2 and 3 March.
    const s = [stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-03T09:00:00+05:30')];
    expect(census(s)).toEqual([
      ['2026-03-02', 'A'],
      ['2026-03-03', 'A'],
    ]);
    // The same instants in Los Angeles (8.30 pm on 28 February to 7.30 pm on 2 March) cross the
    // midnights of 1 and 2 March.
    expect(census(s, 'America/Los_Angeles').map(([d]) => d)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('charges a stay that crosses no midnight one day at the admitting bed, even after a transfer', () => {
    expect(census([stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-01T18:00:00+05:30')])).toEqual([
      ['2026-03-01', 'A'],
    ]);
    const moved = [
      stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-01T12:00:00+05:30'),
      stay('B', 5000, '2026-03-01T12:00:00+05:30', '2026-03-01T18:00:00+05:30'),
    ];
    expect(census(moved)).toEqual([['2026-03-01', 'A']]);
  });

  it('charges the bed held at midnight: a transfer before midnight counts the new bed, after it the old', () => {
    const before = [
      stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-01T23:00:00+05:30'),
      stay('B', 5000, '2026-03-01T23:00:00+05:30', '2026-03-02T11:00:00+05:30'),
    ];
    expect(census(before)).toEqual([['2026-03-02', 'B']]);
    const after = [
      stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-02T01:00:00+05:30'),
      stay('B', 5000, '2026-03-02T01:00:00+05:30', '2026-03-02T11:00:00+05:30'),
    ];
    expect(census(after)).toEqual([['2026-03-02', 'A']]);
    // Exactly at midnight the patient is already in the new bed (stays are half-open).
    const atMidnight = [
      stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-02T00:00:00+05:30'),
      stay('B', 5000, '2026-03-02T00:00:00+05:30', '2026-03-02T11:00:00+05:30'),
    ];
    expect(census(atMidnight)).toEqual([['2026-03-02', 'B']]);
  });

  it('does not count the midnight of a discharge at midnight, and counts an open stay up to now', () => {
    expect(census([stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-02T00:00:00+05:30')])).toEqual([
      ['2026-03-01', 'A'],
    ]);
    const open = [stay('A', 1000, '2026-03-01T10:00:00+05:30', null)];
    expect(census(open, KOLKATA, '2026-03-04T12:00:00+05:30').map(([d]) => d)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    // Admitted a minute ago: one day so far.
    expect(census(open, KOLKATA, '2026-03-01T10:01:00+05:30')).toEqual([['2026-03-01', 'A']]);
  });

  it('counts the days of a daylight-saving change once each (Europe/London, 23 and 25 hour days)', () => {
    // Clocks go forward at 01:00 GMT on 29 March 2026: noon on the 28th to noon on the 30th is 47 hours.
    const spring = [stay('A', 1000, '2026-03-28T12:00:00Z', '2026-03-30T11:00:00Z')];
    expect(census(spring, LONDON).map(([d]) => d)).toEqual(['2026-03-29', '2026-03-30']);
    // Clocks go back at 01:00 GMT on 25 October 2026: noon on the 24th to noon on the 26th is 49 hours.
    const autumn = [stay('A', 1000, '2026-10-24T11:00:00Z', '2026-10-26T12:00:00Z')];
    expect(census(autumn, LONDON).map(([d]) => d)).toEqual(['2026-10-25', '2026-10-26']);
    // 23:30 BST on the 24th to 00:30 GMT on the 26th: both midnights, though only 26 hours.
    const short = [stay('A', 1000, '2026-10-24T22:30:00Z', '2026-10-26T00:30:00Z')];
    expect(census(short, LONDON).map(([d]) => d)).toEqual(['2026-10-25', '2026-10-26']);
  });

  it('counts a day whose midnight the clocks skip (Chile: 00:00 becomes 01:00) at its first instant', () => {
    // 6 September 2026 in Santiago starts at 01:00 -03 (04:00 UTC).
    const s = [stay('A', 1000, '2026-09-05T12:00:00-04:00', '2026-09-07T12:00:00-03:00')];
    expect(census(s, 'America/Santiago').map(([d]) => d)).toEqual(['2026-09-06', '2026-09-07']);
    const leftAtStart = [stay('A', 1000, '2026-09-05T12:00:00-04:00', '2026-09-06T04:00:00Z')];
    expect(census(leftAtStart, 'America/Santiago')).toEqual([['2026-09-05', 'A']]);
  });
});

describe('every calendar day begun', () => {
  it('charges each local date spent in a bed, at the highest rate held that date', () => {
    const s = [
      stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-02T15:00:00+05:30'),
      stay('B', 5000, '2026-03-02T15:00:00+05:30', '2026-03-03T09:00:00+05:30'),
    ];
    expect(calendar(s)).toEqual([
      ['2026-03-01', 'A'],
      ['2026-03-02', 'B'],
      ['2026-03-03', 'B'],
    ]);
    // Leaving at midnight begins no new day; a same-day stay is one day.
    expect(calendar([stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-02T00:00:00+05:30')])).toEqual([
      ['2026-03-01', 'A'],
    ]);
    const spring = [stay('A', 1000, '2026-03-28T12:00:00Z', '2026-03-30T11:00:00Z')];
    expect(calendar(spring, LONDON).map(([d]) => d)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });
});

describe('grouping charged days into lines', () => {
  it('groups by the key and the rate, in the order first charged, with the first and last dates', () => {
    const s = [
      stay('A', 1000, '2026-03-01T10:00:00+05:30', '2026-03-02T15:00:00+05:30'),
      stay('B', 5000, '2026-03-02T15:00:00+05:30', '2026-03-04T15:00:00+05:30'),
      stay('A', 1000, '2026-03-04T15:00:00+05:30', '2026-03-06T09:00:00+05:30'),
    ];
    const days = chargedDays(s, 'midnight_census', KOLKATA, new Date());
    expect(
      groupDays(
        days,
        (x) => x.bed,
        (k) => k,
      ),
    ).toEqual([
      { key: 'A', dailyRateMinor: 1000, days: 3, from: '2026-03-02', to: '2026-03-06' },
      { key: 'B', dailyRateMinor: 5000, days: 2, from: '2026-03-03', to: '2026-03-04' },
    ]);
  });
});
