import { describe, expect, it } from 'vitest';
import { IdempotencyKey } from '../../contracts/dispensing';
import { newIdempotencyKey } from './idempotency';

describe('newIdempotencyKey', () => {
  it('makes keys the contract accepts', () => {
    expect(IdempotencyKey.safeParse(newIdempotencyKey()).success).toBe(true);
  });

  it('makes a different key each time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
  });
});
