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
