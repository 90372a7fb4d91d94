import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { newId } from './db/ids';
import type { Config } from './config';
import type { Database } from './db/client';
import {
  AccessTokens,
  makeAuthenticator,
  getOrCreateSetting,
  auditCheckpointKey,
  type CachedCaller,
} from './modules/identity';
import { installAccessControl, type RouteEntry } from './platform/access';
import { PrincipalCache } from './platform/auth/principal-cache';
import { auditRoutes } from './platform/audit/audit.routes';
import { insertAuditEvent } from './platform/audit/audit.repo';
import { ReadAuditLog } from './platform/audit/read-audit';
import { startAuditSealer } from './platform/audit/sealer';
import { installHealth } from './platform/http/health';
import { installOpenApi } from './platform/http/openapi';
import { installProblemHandlers } from './platform/http/problem';
import { frameworkErrorHandler, installSecurityHeaders } from './platform/http/security-headers';
import { installRateLimits } from './platform/http/rate-limit';
import { installWebApp, WebAppLogController } from './platform/http/web';
import { JobRunner, jobRunnerOptions, jobsRoutes, queuesEnqueuedSince } from './platform/jobs';
import { createMailer, type Mailer } from './platform/mail/mailer';
import { installMetrics } from './platform/metrics';
import { randomToken } from './modules/identity/identity.crypto';
import { registerModuleJobs, registerModules } from './modules';
import { smsProviderFromConfig, type SmsProvider } from './platform/sms';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BuiltApp {
  app: FastifyInstance;
  /** Every /api route with the access rule it declared (walked by the access test). */
  routes: RouteEntry[];
  mailer: Mailer;
  sms: SmsProvider;
  /** Background jobs: installed always (so requests can enqueue), working when JOBS_ENABLED. */
  jobs: JobRunner;
  /**
   * Drains before a shutdown: /readyz answers 503, no new connection is taken, every answer says
   * Connection: close; resolves once the open connections have ended, or after `waitMs`.
   */
  drain(waitMs: number): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  mailer?: Mailer;
  sms?: SmsProvider;
}

/** How recently an answer went out for the process to count as busy (its job workers then yield). */
const BUSY_WINDOW_MS = 100;

/** Assembles the HTTP application: platform plugins first, then every module's routes. */
export async function buildApp({
  config,
  database,
  mailer: givenMailer,
  sms: givenSms,
}: BuildOptions): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            // Query strings can hold patient names (search) or one-time tokens: log the path only.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({
                method: req.method,
                path: req.url.split('?')[0],
                ip: req.ip,
              }),
            },
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'req.headers["x-csrf-token"]',
                'res.headers["set-cookie"]',
              ],
              censor: '[redacted]',
            },
          },
    // API requests are logged at info; the files of the web build at debug (a line per asset
    // drowned the API requests).
    logController: new WebAppLogController(),
    genReqId: () => newId(),
    requestIdHeader: 'x-request-id',
    trustProxy: config.TRUST_PROXY,
    // Requests that arrive while the app closes are still answered (with Connection: close):
    // a proxy sent them on a connection it had open, and a 503 would fail them.
    return503OnClosing: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Refuse, rather than strip, __proto__ and constructor.prototype keys in JSON.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler(config),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  const readAudit = new ReadAuditLog(database);
  app.decorate('readAudit', readAudit);
  let shuttingDown = false;
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    // Draining: the client (nginx) closes this connection after the answer instead of reusing it.
    if (shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });
  const mailer =
    givenMailer ??
    createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      outboxDir: path.join(config.dataDir, 'mail'),
    });
  const jwtSecret =
    config.JWT_SECRET ?? (await getOrCreateSetting(database.db, 'jwt_secret', () => randomToken(48)));
  const tokens = new AccessTokens(jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS);
  const callers = new PrincipalCache<CachedCaller>(config.AUTH_CACHE_SECONDS * 1000);
  await callers.start(database, app.log);
  app.addHook('onClose', async () => callers.stop());
  const auth = makeAuthenticator({ db: database.db, config, tokens, cache: callers });

  await app.register(cookie);
  installSecurityHeaders(app, config);
  installProblemHandlers(app, async (req, err) => {
    // Every refusal goes in the audit log: who tried what, and why it was refused.
    await insertAuditEvent(database.db, {
      actorUserId: req.actor?.userId ?? null,
      actorRole: req.actingRole,
      hospitalId: req.actor?.hospitalId ?? null,
      patientId: null,
      action: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
      entityType: 'request',
      entityId: null,
      outcome: 'denied',
      before: null,
      after: { code: err.code, detail: err.message },
      ip: req.ip,
      requestId: req.id,
    });
  });
  installMetrics(app, config, database);
  await installRateLimits(app, database.db);
  const routes = installAccessControl(app, auth);
  await installOpenApi(app);
  installHealth(app, database, () => shuttingDown);

  auditRoutes(app);

  // Jobs are installed before any route can enqueue one, and stopped (running jobs finished or
  // handed back) when the app closes, before the database does.
  const sms = givenSms ?? smsProviderFromConfig(config);
  // Busy: an answer went out in the last BUSY_WINDOW_MS. The workers of this process then pause
  // between batches (JOBS_YIELD_MS), so a backlog of mail does not take the requests' CPU.
  let answeredAt = -Infinity;
  const jobs = new JobRunner(
    database,
    jobRunnerOptions(config, app.log, { busy: () => performance.now() - answeredAt < BUSY_WINDOW_MS }),
  );
  app.addHook('onClose', async () => jobs.stop());
  // A change that enqueued jobs has committed by the time its reply goes out: look for work now
  // rather than at the next poll, so mail follows the action at once without fast polling. Only
  // the queues enqueued into since the request began are woken (idle queues would each fetch for
  // nothing, on every write); the 5 ms margin covers the two clocks read apart.
  app.addHook('onResponse', (req, reply, done) => {
    answeredAt = performance.now();
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) {
      const queues = queuesEnqueuedSince(performance.now() - reply.elapsedTime - 5);
      if (queues.length > 0) jobs.wake(queues);
    }
    done();
  });
  try {
    await registerModuleJobs(jobs, { config, database, mailer, sms, log: app.log });
    await jobs.install();
    jobsRoutes(app, { runner: jobs });
    const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
    await registerModules(app, {
      config,
      database,
      mailer,
      sms,
      log: app.log,
      jobs,
      auth,
      tokens,
      publicUrl,
    });
    await installWebApp(app); // last: its catch-all serves the web app for every non-API GET

    // Chains committed audit rows every second, and writes a signed checkpoint of the chain's head
    // to DATA_DIR at most once a minute (ADR 2); a last pass runs when the app closes.
    const stopSealer = startAuditSealer(database, (err) => app.log.error({ err }, 'audit sealing failed'), {
      dataDir: config.dataDir,
      key: await auditCheckpointKey(database.db),
      everyMs: config.AUDIT_CHECKPOINT_SECONDS * 1000,
    });
    app.addHook('onClose', async () => {
      await readAudit.flush();
      await stopSealer();
    });

    await app.ready();
    await jobs.start();
  } catch (err) {
    await jobs.stop(0).catch(() => undefined);
    throw err;
  }
  const drain = async (waitMs: number) => {
    shuttingDown = true;
    // Stop listening only: http.Server.close would also close the idle connections, and a proxy
    // may be sending a request on one of them at that moment (it fails, and is not retried).
    if (app.server.listening) net.Server.prototype.close.call(app.server);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && (await openConnections(app.server)) > 0) await sleep(25);
  };
  return { app, routes, mailer, sms, jobs, drain };
}

const openConnections = (server: net.Server) =>
  new Promise<number>((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)));
