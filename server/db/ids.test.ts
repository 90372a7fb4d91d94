import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { newId, v7Into } from './ids';

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

  it('lays out its bytes as the uuid package does, for any time, sequence and random bytes', () => {
    const cases: [number, number][] = [
      [0, 0],
      [1, 1],
      [Date.now(), 0x7fffffff],
      [Date.now(), -1],
      [0xffffffffffff, 0x12345678],
      [1_700_000_000_123, 0x0abcdef0],
    ];
    for (let i = 0; i < 200; i++)
      cases.push([Math.floor(Math.random() * 2 ** 48), (Math.random() * 2 ** 32) | 0]);
    for (const [msecs, seq] of cases) {
      const random = randomFillSync(Buffer.alloc(16));
      const mine = Buffer.from(random);
      v7Into(mine, 0, msecs, seq);
      expect(mine).toEqual(Buffer.from(v7({ msecs, seq, random }, new Uint8Array(16))));
    }
  });
});
