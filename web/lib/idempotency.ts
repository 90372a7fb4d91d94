import { useCallback, useState } from 'react';

/**
 * A fresh idempotency key: 32 hexadecimal characters from the browser's random source.
 * getRandomValues works on plain-HTTP intranet addresses, where crypto.randomUUID does not.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per attempt at an action: a retry after a failure or a lost answer sends the same key
 * (so the server does the work once); `renew` starts a new attempt once the last one succeeded.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return [key, renew];
}

/**
 * Whether a failed attempt may have been done after all (no answer, or the server failed): then
 * the retry must send the same key. A refusal (4xx) did nothing, so the next attempt takes a new key.
 */
export function outcomeUnknown(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 0 || status >= 500;
}
