import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Db } from '../../db/client';
import { hitWindow } from '../throttles/throttles.repo';

/**
 * Rate limits whose counters live in PostgreSQL, so every app instance behind the load balancer
 * counts the same requests. Only routes that opt in (`config.rateLimit`) are limited. Each route
 * counts on its own, per account for a signed-in caller (wherever they call from) and per client
 * address for anyone else. The check runs after authentication (preHandler), so it knows the caller.
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
    // Typed as the route's options, but at run time the plugin passes the route's merged limit
    // settings with the route itself under `routeInfo` (reading `method`/`url` off the argument
    // gave every route the same key).
    child(settings: RouteOptions & { path: string; prefix: string }) {
      const route = (settings as unknown as { routeInfo?: { method?: string | string[]; url?: string } })
        .routeInfo;
      if (!route?.url) throw new Error('rate limit: a limited route without a URL');
      const store = new PgStore();
      store.prefix = `rl:${[route.method].flat().join(',')}:${route.url}`;
      return store;
    }
  }
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    store: PgStore,
    skipOnError: false,
    keyGenerator: (req: FastifyRequest) => (req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`),
  });
}
