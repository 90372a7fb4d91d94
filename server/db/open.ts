import type { Config } from '../config';
import { openDatabase, type Database } from './client';
import { openEmbeddedServer } from './embedded';
import { runMigrations } from './migrate';
import { useConfiguredFieldKeys } from '../platform/sealing';

export interface OpenConfiguredOptions {
  /** The app: refuse a DATA_DIR another process holds. CLI and worker: join that process's server. */
  exclusive?: boolean;
  poolSize?: number;
}

/** PostgreSQL at DATABASE_URL, or the embedded server in DATA_DIR (started, or joined). */
export async function openConfiguredDatabase(
  config: Config,
  opts: OpenConfiguredOptions = {},
): Promise<Database> {
  // Before anything (the demo seed, a CLI command) reads or writes a sealed column (ADR 34).
  useConfiguredFieldKeys(config);
  const common = {
    poolSize: opts.poolSize ?? config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    prepareStatements: config.DATABASE_PREPARE_STATEMENTS,
  };
  if (config.DATABASE_URL) return openDatabase({ ...common, url: config.DATABASE_URL });
  const server = await openEmbeddedServer({
    dataDir: config.dataDir,
    serviceUser: config.EMBEDDED_PG_USER,
    port: config.EMBEDDED_PG_PORT,
    exclusive: opts.exclusive ?? false,
  });
  try {
    return await openDatabase({
      ...common,
      url: server.appUrl,
      mode: 'embedded',
      embedded: {
        version: server.version,
        port: server.port,
        socketDir: server.socketDir,
        clusterDir: server.clusterDir,
        startedHere: server.startedHere,
        notes: server.notes,
      },
      afterClose: () => server.stop(),
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Opens the configured database and brings its schema up to date. */
export async function openAndMigrate(config: Config, opts: OpenConfiguredOptions = {}): Promise<Database> {
  const database = await openConfiguredDatabase(config, opts);
  try {
    await runMigrations(database);
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
  return database;
}
