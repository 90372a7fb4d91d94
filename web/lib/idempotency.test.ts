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

describe('outcomeUnknown', () => {
  it('keeps the key when the answer was lost or the server failed, not after a refusal', async () => {
    const { outcomeUnknown } = await import('./idempotency');
    expect(outcomeUnknown({ status: 0 })).toBe(true);
    expect(outcomeUnknown({ status: 503 })).toBe(true);
    expect(outcomeUnknown(new TypeError('failed to fetch'))).toBe(true);
    expect(outcomeUnknown({ status: 409 })).toBe(false);
    expect(outcomeUnknown({ status: 422 })).toBe(false);
  });
});
