import type { Database } from '../../db/client';
import { sealPending } from './audit.repo';

/**
 * Runs the audit sealer every `intervalMs` in this process. Every instance may run one: the
 * database lets one seal at a time and the others skip. Returns a stop function that also seals
 * what is left, for graceful shutdown.
 */
export function startAuditSealer(database: Database, onError: (err: unknown) => void, intervalMs = 1000) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sealPending(database)).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await sealPending(database).catch(onError);
  };
}
