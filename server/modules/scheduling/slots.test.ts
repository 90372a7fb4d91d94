// Slot generation across daylight-saving changes, exceptions and bookings, without a database.
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDateOf, localToInstant } from './local-time';
import {
  blockedIntervals,
  freeSlots,
  offeredSlotAt,
  templateSlots,
  type ExceptionRule,
  type TemplateRule,
} from './slots';

const iso = (ms: number) => new Date(ms).toISOString();
const weekly = (weekday: number, startTime: string, endTime: string, slotMinutes = 60): TemplateRule => ({
  weekday,
  startTime,
  endTime,
  slotMinutes,
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
});

describe('local time to instants', () => {
  it('reads ordinary times with the offset in force', () => {
    expect(iso(localToInstant('2027-01-15', '09:00', 'Europe/London'))).toBe('2027-01-15T09:00:00.000Z');
    expect(iso(localToInstant('2027-07-15', '09:00', 'Europe/London'))).toBe('2027-07-15T08:00:00.000Z');
    expect(iso(localToInstant('2027-07-15', '09:00', 'Asia/Kolkata'))).toBe('2027-07-15T03:30:00.000Z');
  });

  it('maps a skipped time to the jump, and a repeated time to its first occurrence', () => {
    // London, Sunday 28 March 2027: 01:00 GMT becomes 02:00 BST.
    expect(iso(localToInstant('2027-03-28', '01:30', 'Europe/London'))).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(localToInstant('2027-03-28', '02:00', 'Europe/London'))).toBe('2027-03-28T01:00:00.000Z');
    // Sunday 31 October 2027: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    expect(iso(localToInstant('2027-10-31', '01:30', 'Europe/London'))).toBe('2027-10-31T00:30:00.000Z');
    // New York springs forward at 02:00 local on 14 March 2027.
    expect(iso(localToInstant('2027-03-14', '02:30', 'America/New_York'))).toBe('2027-03-14T07:00:00.000Z');
  });
});

describe('slots on a daylight-saving day', () => {
  it('gives 09:00–12:00 in summer time on the day the clocks go forward', () => {
    const slots = templateSlots([weekly(7, '09:00', '12:00')], '2027-03-27', '2027-03-28', 'Europe/London');
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2027-03-28T08:00:00.000Z',
      '2027-03-28T09:00:00.000Z',
      '2027-03-28T10:00:00.000Z',
    ]);
  });

  it('gives 09:00–12:00 in winter time on the day the clocks go back', () => {
    const slots = templateSlots([weekly(7, '09:00', '12:00')], '2027-10-31', '2027-10-31', 'Europe/London');
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2027-10-31T09:00:00.000Z',
      '2027-10-31T10:00:00.000Z',
      '2027-10-31T11:00:00.000Z',
    ]);
  });

  it('offers nothing inside a skipped hour, and every slot lasts its length', () => {
    const night = [weekly(7, '00:00', '03:00', 30)];
    const slots = templateSlots(night, '2027-03-28', '2027-03-28', 'Europe/London');
    // 00:00–01:00 GMT, then the clock jumps to 02:00 BST: two hours of real time in all.
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2027-03-28T00:00:00.000Z',
      '2027-03-28T00:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-28T01:30:00.000Z',
    ]);
    expect(slots.every((s) => s.end - s.start === 30 * 60_000)).toBe(true);
    // A window wholly inside the skipped hour does not exist that day.
    expect(
      templateSlots([weekly(7, '01:00', '01:45', 15)], '2027-03-28', '2027-03-28', 'Europe/London'),
    ).toEqual([]);
  });

  it('offers the repeated hour twice when the window spans it (it is two real hours)', () => {
    const slots = templateSlots([weekly(7, '00:00', '03:00')], '2027-10-31', '2027-10-31', 'Europe/London');
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2027-10-30T23:00:00.000Z', // 00:00 BST
      '2027-10-31T00:00:00.000Z', // 01:00 BST
      '2027-10-31T01:00:00.000Z', // 01:00 GMT
      '2027-10-31T02:00:00.000Z', // 02:00 GMT
    ]);
  });
});

describe('free slots', () => {
  const base = {
    templates: [weekly(1, '10:00', '11:00', 15)],
    timeZone: 'Asia/Kolkata',
    from: '2027-02-01',
    to: '2027-02-01',
  };
  const at = (t: string) => localToInstant('2027-02-01', t, 'Asia/Kolkata');

  it('leaves out booked, blocked and past slots; touching ones stay', () => {
    const free = freeSlots({
      ...base,
      exceptions: [{ startsOn: '2027-02-01', endsOn: '2027-02-01', startTime: '10:45', endTime: '11:00' }],
      booked: [{ start: at('10:15'), end: at('10:30') }],
      now: at('10:00'),
    });
    expect(free.map((s) => s.start)).toEqual([at('10:30')]);
  });

  it('leaves out whole days of leave and hospital holidays', () => {
    const free = freeSlots({
      ...base,
      exceptions: [{ startsOn: '2027-01-30', endsOn: '2027-02-02', startTime: null, endTime: null }],
      booked: [],
      now: 0,
    });
    expect(free).toEqual([]);
  });

  it('finds the offered slot at an instant, and none between slots or on leave', () => {
    expect(offeredSlotAt(base.templates, [], at('10:15'), base.timeZone)).toEqual({
      start: at('10:15'),
      end: at('10:30'),
    });
    expect(offeredSlotAt(base.templates, [], at('10:20'), base.timeZone)).toBeNull();
    expect(offeredSlotAt(base.templates, [], at('11:00'), base.timeZone)).toBeNull();
    const leave = [{ startsOn: '2027-02-01', endsOn: '2027-02-01', startTime: null, endTime: null }];
    expect(offeredSlotAt(base.templates, leave, at('10:15'), base.timeZone)).toBeNull();
  });
});

describe('the offered slot at an instant, against laying out the days', () => {
  // What offeredSlotAt answered before it stopped laying out three days of slots for each booking:
  // the slot templateSlots lists around the instant's local date, unless an exception blocks it.
  const laidOut = (
    templates: TemplateRule[],
    exceptions: ExceptionRule[],
    startsAt: number,
    timeZone: string,
  ) => {
    const date = localDateOf(startsAt, timeZone);
    const [from, to] = [addDays(date, -1), addDays(date, 1)];
    const slot = templateSlots(templates, from, to, timeZone).find((s) => s.start === startsAt);
    if (!slot) return null;
    const blocked = blockedIntervals(exceptions, from, to, timeZone);
    return blocked.some((b) => b.start < slot.end && slot.start < b.end) ? null : slot;
  };
  // Zones whose clocks change at 01:00, 02:00 and midnight, by half an hour, or never.
  const zones = [
    'Europe/London',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ];
  // Days around the changes of 2027 in those zones, and ordinary ones.
  const days = [
    '2027-03-14',
    '2027-03-28',
    '2027-04-04',
    '2027-09-05',
    '2027-10-03',
    '2027-10-31',
    '2027-11-07',
    '2027-06-15',
  ];
  const times = [
    '00:00',
    '00:30',
    '01:00',
    '01:45',
    '02:00',
    '02:30',
    '08:00',
    '12:15',
    '22:00',
    '23:30',
    '23:59',
  ];

  it('gives the same answer for every zone, template and instant tried', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: T[]) => xs[random(xs.length)]!;
    let offered = 0;
    for (let round = 0; round < 400; round++) {
      const timeZone = pick(zones);
      const day = pick(days);
      const templates: TemplateRule[] = Array.from({ length: 1 + random(3) }, () => {
        const [a, b] = [pick(times), pick(times)].sort();
        return {
          weekday: isoWeekday(addDays(day, random(3) - 1)),
          startTime: a!,
          endTime: b === a ? '23:59' : b!,
          slotMinutes: pick([5, 15, 20, 30, 45, 60]),
          effectiveFrom: addDays(day, -random(3)),
          effectiveTo: random(4) === 0 ? day : null,
        };
      });
      const exceptions: ExceptionRule[] =
        random(3) === 0
          ? [
              {
                startsOn: day,
                endsOn: day,
                startTime: random(2) ? '01:00' : null,
                endTime: random(2) ? '03:00' : null,
              },
            ]
          : [];
      // Instants at slot starts of the templates (so that many are offered) and in between.
      const near = templateSlots(templates, addDays(day, -1), addDays(day, 1), timeZone).map((s) => s.start);
      const instants = [
        ...near.slice(0, 40),
        ...Array.from(
          { length: 20 },
          () => localToInstant(day, '00:00', timeZone) + random(48 * 12) * 5 * 60_000,
        ),
      ];
      for (const at of instants) {
        const expected = laidOut(templates, exceptions, at, timeZone);
        expect(offeredSlotAt(templates, exceptions, at, timeZone), `${timeZone} ${iso(at)}`).toEqual(
          expected,
        );
        if (expected) offered++;
      }
    }
    // The comparison covered offered slots, not only refusals.
    expect(offered).toBeGreaterThan(1000);
  });
});
