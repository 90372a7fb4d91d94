import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './zoned-time';

describe('a datetime-local value in the hospital’s zone', () => {
  it('names the instant of that wall-clock time in the zone, whatever the browser’s zone', () => {
    expect(fromLocalInput('2026-05-04T14:30', 'Asia/Kolkata')).toBe(Date.parse('2026-05-04T09:00:00Z'));
    expect(fromLocalInput('2026-01-15T08:00', 'America/New_York')).toBe(Date.parse('2026-01-15T13:00:00Z'));
    // Summer time: four hours behind UTC, not five.
    expect(fromLocalInput('2026-07-15T08:00', 'America/New_York')).toBe(Date.parse('2026-07-15T12:00:00Z'));
  });

  it('writes an instant back as the zone’s wall clock, and refuses what is not a date and time', () => {
    const at = Date.parse('2026-11-01T05:30:00Z');
    expect(toLocalInput(at, 'Asia/Kolkata')).toBe('2026-11-01T11:00');
    expect(fromLocalInput(toLocalInput(at, 'Europe/London'), 'Europe/London')).toBe(at);
    expect(fromLocalInput('', 'Asia/Kolkata')).toBeNull();
    expect(fromLocalInput('2026-05-04', 'Asia/Kolkata')).toBeNull();
  });
});
