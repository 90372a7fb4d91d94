import { describe, expect, it, vi } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('makes distinct, increasing UUIDv7s, also within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the time it was made in its first 48 bits', async () => {
    // A fresh copy of the generator: test files share a worker's modules, and a file that moved the
    // clock forward (two-factor codes) leaves the generator's last time ahead, which it keeps, since
    // its ids only ever increase.
    vi.resetModules();
    const fresh = (await import('./ids')).newId;
    const before = Date.now();
    const ms = parseInt(fresh().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });
});
