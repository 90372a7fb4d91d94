// `hospitium worker`: a process that only works background jobs (mail, SMS, in-app notices, cron),
// next to app instances started with JOBS_ENABLED=false. With PostgreSQL any number may run. The
// embedded database serves one process, so there the app works its own jobs; a worker can still
// run on an embedded data directory that no server has open (recovery, tests).
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError, type Database } from './db/client';
import { openAndMigrate } from './db/open';
import { registerModuleJobs } from './modules';
import { JobRunner, jobRunnerOptions, type JobLog } from './platform/jobs';
import { createMailer } from './platform/mail/mailer';
import { createRegistry, serveMetrics } from './platform/metrics';
import { smsProviderFromConfig } from './platform/sms';

export interface WorkerHandle {
  runner: JobRunner;
  /** Graceful stop: running jobs finish (or are handed back), then the database closes. */
  stop(): Promise<void>;
}

/**
 * Installs pg-boss's schema and every module's queues and schedules without working them, for
 * processes that enqueue but are not the app (CLI tasks that notify). Stop the returned runner.
 */
export async function installJobs(
  config: Config,
  database: Database,
  log: JobLog = silentLog,
): Promise<JobRunner> {
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    outboxDir: path.join(config.dataDir, 'mail'),
  });
  const runner = new JobRunner(database, jobRunnerOptions(config, log, { work: false }));
  try {
    await registerModuleJobs(runner, { config, database, mailer, sms: smsProviderFromConfig(config), log });
    await runner.install();
  } finally {
    mailer.close(); // never used: this runner does not work jobs
  }
  return runner;
}

const silentLog: JobLog = { info() {}, warn() {}, error() {} };

/** Opens the database, defines every module's jobs and works them until stopped (SIGTERM/SIGINT). */
export async function runWorker(
  config: Config,
  opts: { handleSignals?: boolean; log?: JobLog } = {},
): Promise<WorkerHandle> {
  const log = opts.log ?? pino({ level: config.LOG_LEVEL, base: { process: 'worker' } });
  const database = await openAndMigrate(config);
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    outboxDir: path.join(config.dataDir, 'mail'),
  });
  const sms = smsProviderFromConfig(config);
  const runner = new JobRunner(database, jobRunnerOptions(config, log, { work: true }));
  let metrics: Server | undefined;
  try {
    await registerModuleJobs(runner, { config, database, mailer, sms, log });
    await runner.install();
    await runner.start();
    if (config.WORKER_METRICS_PORT)
      metrics = await serveMetrics(createRegistry(config, database, log), {
        host: config.HOST,
        port: config.WORKER_METRICS_PORT,
        token: config.METRICS_TOKEN,
      });
  } catch (err) {
    await runner.stop(0).catch(() => undefined);
    mailer.close();
    await database.close();
    throw err;
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      metrics?.close();
      await runner.stop();
      mailer.close();
      await database.close();
    })());

  if (opts.handleSignals ?? true) {
    const onSignal = (signal: string) => {
      log.info({ signal }, 'worker stopping: finishing running jobs');
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'error while stopping the worker');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  }
  log.info(
    {
      database: database.mode,
      mail: mailer.describe,
      sms: sms.describe,
      metricsPort: config.WORKER_METRICS_PORT ?? null,
      pid: process.pid,
    },
    'Hospitium worker is working jobs',
  );
  return { runner, stop };
}

// Run directly (`tsx server/worker.ts`, `npm run worker`): configuration from the environment.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runWorker(loadConfig()).catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
    else console.error('Hospitium worker failed to start:', err);
    process.exit(1);
  });
}
