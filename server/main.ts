import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError, openDatabase } from './db/client';
import { runMigrations } from './db/migrate';
import { seedDemoIfEmpty } from './db/seed';

/** Opens the database (PGlite in DATA_DIR unless DATABASE_URL is set) and brings its schema up to date. */
export async function openAndMigrate(config: Config) {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await runMigrations(database);
  return database;
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const database = await openAndMigrate(config);
  const demo = config.SEED_DEMO ? await seedDemoIfEmpty(database, (m) => console.log(m)) : null;
  const { app, beginShutdown, mailer } = await buildApp({ config, database });

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
      await app.close(); // stops accepting, waits for in-flight requests
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
  ];
  if (database.mode === 'embedded') {
    lines.push(
      '  Note: the embedded database survives a crash of this process, not a power cut (PGlite does not fsync).',
      '        For production, set DATABASE_URL to a PostgreSQL server.',
    );
  }
  if (demo) {
    lines.push('', `  Demo sign-ins (password for all: ${demo.password}):`);
    for (const u of demo.users) lines.push(`    ${u.role.padEnd(22)} ${u.email}`);
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
