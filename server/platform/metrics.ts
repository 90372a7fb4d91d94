import type { FastifyInstance } from 'fastify';
import { statfs } from 'node:fs/promises';
import http from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { safeEqual } from './crypto';
import { isProbePath } from './http/health';
import { registerJobMetrics } from './jobs/jobs.metrics';
import { registerBackupMetrics } from '../ops/backup/metrics';

interface MetricsLog {
  warn(obj: object, msg?: string): void;
}

/**
 * The metrics every Hospitium process exposes: the process's own (memory, CPU, event-loop lag), its
 * database pool, the disk DATA_DIR is on, and the background jobs (outcomes of the jobs this process
 * ran; queue depth as the database sees it).
 */
export function createRegistry(config: Config, database: Database | undefined, log?: MetricsLog): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (database) registerPoolMetrics(registry, database);
  registerDiskMetrics(registry, config.dataDir);
  registerJobMetrics(registry, database, {
    onError: (err) => log?.warn({ err }, 'metrics: could not read the job queues'),
  });
  registerBackupMetrics(registry, config.BACKUP_DIR);
  return registry;
}

function registerPoolMetrics(registry: Registry, database: Database): void {
  const pool = database.pool;
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  gauge('hospitium_db_pool_clients', 'Connections the pool holds (idle and in use)', () => pool.totalCount);
  gauge('hospitium_db_pool_idle_clients', 'Connections in the pool not in use', () => pool.idleCount);
  gauge(
    'hospitium_db_pool_waiting_requests',
    'Queries waiting for a connection from the pool',
    () => pool.waitingCount,
  );
  gauge('hospitium_db_pool_max_clients', 'The most connections the pool opens', () => pool.options.max ?? 10);
}

function registerDiskMetrics(registry: Registry, dataDir: string): void {
  // One statfs per scrape serves both gauges.
  let pending: Promise<{ free: number; size: number } | null> | null = null;
  const read = () =>
    (pending ??= statfs(dataDir)
      .then((s) => ({ free: s.bavail * s.bsize, size: s.blocks * s.bsize }))
      .catch(() => null) // no DATA_DIR (yet): no series
      .finally(() => setImmediate(() => (pending = null))));
  const gauge = (name: string, help: string, pick: (s: { free: number; size: number }) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const s = await read();
        this.reset();
        if (s) this.set(pick(s));
      },
    });
  gauge(
    'hospitium_data_dir_free_bytes',
    'Bytes free for Hospitium on the file system of DATA_DIR',
    (s) => s.free,
  );
  gauge('hospitium_data_dir_size_bytes', 'Size in bytes of the file system of DATA_DIR', (s) => s.size);
}

/** True when /metrics may answer: no token configured, or "Authorization: Bearer <token>" sent. */
export function metricsAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  return safeEqual(authorization?.replace(/^Bearer /, '') ?? '', token);
}

/** Prometheus metrics of an app instance: request counts and latencies by route, plus the process's own. */
export function installMetrics(app: FastifyInstance, config: Config, database?: Database): Registry {
  const registry = createRegistry(config, database, app.log);
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url;
    // The probes that succeed are not counted, as they are not logged (web.ts): a load balancer's
    // health checks and Prometheus's own scrapes, every few seconds from every instance, made the
    // busiest route of a quiet hospital and pulled its latency figures towards theirs. A probe
    // that fails is counted.
    if (reply.statusCode < 400 && route !== undefined && isProbePath(route)) return done();
    // The route pattern, never the raw URL: ids in paths would explode the label set.
    const labels = {
      method: req.method,
      route: route ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req.headers.authorization, config.METRICS_TOKEN))
      return reply.status(401).send('metrics token required\n');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}

/**
 * /metrics of a process without an HTTP app (the worker), on its own port, protected as the app's
 * is. Resolves once listening; close the returned server to stop it.
 */
export async function serveMetrics(
  registry: Registry,
  opts: { host: string; port: number; token: string | undefined },
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) =>
      res.writeHead(status, { 'content-type': type }).end(body);
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics')
      return send(404, 'text/plain', 'not found\n');
    if (!metricsAllowed(req.headers.authorization, opts.token))
      return send(401, 'text/plain', 'metrics token required\n');
    registry.metrics().then(
      (text) => send(200, registry.contentType, text),
      () => send(500, 'text/plain', 'metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return server;
}
