import type { FastifyInstance, RouteOptions } from 'fastify';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Db } from '../../db/client';
import { hitWindow } from '../../modules/identity/identity.repo';

/**
 * Rate limits whose counters live in PostgreSQL, so every app instance behind the load balancer
 * counts the same requests. Only routes that opt in (`config.rateLimit`) are limited.
 */
export async function installRateLimits(app: FastifyInstance, db: Db): Promise<void> {
  class PgStore implements FastifyRateLimitStore {
    private prefix = 'rl';
    incr(
      key: string,
      cb: (e: Error | null, r?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      hitWindow(db, `${this.prefix}:${key}`, timeWindow).then(
        (r) => cb(null, { current: r.count, ttl: r.ttl }),
        (e: Error) => cb(e),
      );
    }
    child(route: RouteOptions & { path: string; prefix: string }) {
      const store = new PgStore();
      store.prefix = `rl:${String(route.method)}:${route.url}`;
      return store;
    }
  }
  await app.register(rateLimit, { global: false, store: PgStore, skipOnError: false });
}
