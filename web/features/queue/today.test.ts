import { describe, expect, it } from 'vitest';
import { localToday } from './queries';

describe('localToday', () => {
  it('is the date on the hospital’s clock, not the browser’s', () => {
    const at = new Date('2026-12-02T19:00:00Z'); // 00:30 on 3 December in India
    expect(localToday('Asia/Kolkata', at)).toBe('2026-12-03');
    expect(localToday('UTC', at)).toBe('2026-12-02');
    expect(localToday('America/New_York', at)).toBe('2026-12-02');
  });
});
