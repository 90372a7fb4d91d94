import { describe, expect, it } from 'vitest';
import type { AvailabilityTemplate } from '../../../contracts/scheduling';
import { slotsPerDay, weekdayName, weekOf } from './week';

const tpl = (o: Partial<AvailabilityTemplate>): AvailabilityTemplate => ({
  id: crypto.randomUUID(),
  doctorId: 'd',
  hospitalId: 'h',
  weekday: 1,
  startTime: '09:00',
  endTime: '13:00',
  slotMinutes: 15,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  ...o,
});

describe('weekdayName', () => {
  it('counts ISO weekdays from Monday', () => {
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'en', 'short')).toBe('Sun');
  });
});

describe('weekOf', () => {
  it('puts each window on its weekday, by start time, and drops hours that have ended', () => {
    const week = weekOf(
      [
        tpl({ weekday: 1, startTime: '14:00', endTime: '17:00' }),
        tpl({ weekday: 1, startTime: '09:00' }),
        tpl({ weekday: 3, effectiveTo: '2026-11-30' }),
        tpl({ weekday: 5, effectiveTo: '2026-12-02' }),
      ],
      '2026-12-02',
    );
    expect(week).toHaveLength(7);
    expect(week[0]!.windows.map((w) => w.startTime)).toEqual(['09:00', '14:00']);
    expect(week[2]!.windows).toEqual([]);
    expect(week[4]!.windows).toHaveLength(1);
  });
});

describe('slotsPerDay', () => {
  it('counts whole slots only', () => {
    expect(slotsPerDay({ startTime: '09:00', endTime: '13:00', slotMinutes: 15 })).toBe(16);
    expect(slotsPerDay({ startTime: '09:00', endTime: '09:50', slotMinutes: 20 })).toBe(2);
  });
});
