import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import type { Database } from './db/client';
import { DataDirLockedError } from './db/data-dir-lock';
import { EmbeddedServerError } from './db/embedded';
import { openAndMigrate } from './db/open';
import { seedDemoIfEmpty } from './db/seed';

let database: Database | null = null;
let closing = false;

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  // A signal during start-up (initdb, migrations, the first seed) lets the current step finish,
  // then stops the embedded server this process started, so it never outlives us. A second
  // signal ends the process at once.
  const earlyStop = () => {
    if (closing) process.exit(1);
    closing = true;
    console.error('Stopping once the current start-up step has finished (signal again to force).');
  };
  process.on('SIGTERM', earlyStop);
  process.on('SIGINT', earlyStop);
  const abandonIfStopping = async () => {
    if (!closing) return;
    await database?.close();
    process.exit(1);
  };

  database = await openAndMigrate(config, { exclusive: true });
  await abandonIfStopping();
  const db = database;
  const demo = config.SEED_DEMO ? await seedDemoIfEmpty(db, (m) => console.log(m)) : null;
  await abandonIfStopping();
  const { app, drain, mailer, sms } = await buildApp({ config, database: db });
  if (closing) await app.close();
  await abandonIfStopping();
  process.off('SIGTERM', earlyStop);
  process.off('SIGINT', earlyStop);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // SIGTERM (a service manager, a rolling restart) gives clients time to finish with their
    // connections; Ctrl-C does not wait for them.
    const waitMs = signal === 'SIGTERM' ? config.SHUTDOWN_DRAIN_SECONDS * 1000 : 0;
    app.log.info({ signal, waitMs }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, waitMs + 15_000);
    force.unref();
    try {
      await drain(waitMs); // readiness 503, no new connections, open ones finish or go idle
      await app.close(); // closes idle connections, waits for in-flight requests and running jobs
      mailer.close();
      await db.close(); // and stops the embedded server
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT });
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const embedded = db.embedded;
  const lines = [
    '',
    `  Hospitium is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  API docs: ${url}/api/docs`,
    `  Database: ${
      embedded
        ? `embedded PostgreSQL ${embedded.version} in ${config.dataDir}/pg (${
            embedded.socketDir ? 'Unix socket; also ' : ''
          }127.0.0.1:${embedded.port}, loopback only)`
        : 'PostgreSQL (DATABASE_URL)'
    }`,
    ...(embedded?.notes ?? []).map((n) => `            ${n}`),
    `  Mail:     ${mailer.describe}`,
    `  SMS:      ${sms.describe}`,
    `  Jobs:     ${config.JOBS_ENABLED ? 'worked in this process' : 'queued only (JOBS_ENABLED=false): run `hospitium worker` to send them'}`,
  ];
  if (embedded) {
    lines.push(
      '  Note: the embedded server is for one machine. For several app instances, point',
      '        DATABASE_URL at a PostgreSQL server you run.',
    );
  }
  if (demo) {
    lines.push('', `  Demo sign-ins (password for all: ${demo.password}):`);
    for (const u of demo.users) lines.push(`    ${u.role.padEnd(28)} ${u.email}`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch(async (err: unknown) => {
  await database?.close().catch(() => undefined);
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof EmbeddedServerError) {
    console.error(err.message);
  } else {
    console.error('Hospitium failed to start:', err);
  }
  process.exit(1);
});
