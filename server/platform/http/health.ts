import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client';

/**
 * The probes a load balancer or a monitor sends every few seconds: health, readiness, and the
 * metrics (metrics.ts). Answered as the API is (its security headers), and logged only when they fail.
 */
const PROBE_PATH = /^\/(?:healthz|readyz|metrics)(?:\?|$)/;
export function isProbePath(url: string): boolean {
  return PROBE_PATH.test(url);
}

/** Liveness (the process answers) and readiness (the database answers and we are not shutting down). */
export function installHealth(app: FastifyInstance, database: Database, isShuttingDown: () => boolean): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (isShuttingDown()) return reply.status(503).send({ status: 'shutting-down' });
    try {
      await database.query('select 1');
      return { status: 'ready', database: database.mode };
    } catch {
      return reply.status(503).send({ status: 'database-unavailable' });
    }
  });
}
