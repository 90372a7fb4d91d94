import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/client';
import { openAndMigrate } from './db/open';
import { seedDemoIfEmpty } from './db/seed';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const database = await openAndMigrate(config);
  const demo = config.SEED_DEMO ? await seedDemoIfEmpty(database, (m) => console.log(m)) : null;
  const { app, beginShutdown, mailer, sms } = await buildApp({ config, database });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    beginShutdown();
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests and running jobs
      mailer.close();
      await database.close();
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
  const lines = [
    '',
    `  Hospitium is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  API docs: ${url}/api/docs`,
    `  Database: ${database.mode === 'embedded' ? `embedded PGlite in ${config.dataDir}/db (one process only)` : 'PostgreSQL'}`,
    `  Mail:     ${mailer.describe}`,
    `  SMS:      ${sms.describe}`,
    `  Jobs:     ${config.JOBS_ENABLED ? 'worked in this process' : 'queued only (JOBS_ENABLED=false): run `hospitium worker` to send them'}`,
  ];
  if (!config.JOBS_ENABLED && database.mode === 'embedded') {
    lines.push(
      '  Warning: the embedded database serves one process, so no worker can run: nothing will be sent.',
    );
  }
  if (database.mode === 'embedded') {
    lines.push(
      '  Note: the embedded database survives a crash of this process, not a power cut (PGlite does not fsync).',
      '        For production, set DATABASE_URL to a PostgreSQL server.',
    );
  }
  if (demo) {
    lines.push('', `  Demo sign-ins (password for all: ${demo.password}):`);
    for (const u of demo.users) lines.push(`    ${u.role.padEnd(28)} ${u.email}`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error('Hospitium failed to start:', err);
  }
  process.exit(1);
});
