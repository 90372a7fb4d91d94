import type { Config } from '../config';
import { openDatabase, type Database } from './client';
import { runMigrations } from './migrate';

/** Opens the database (PGlite in DATA_DIR unless DATABASE_URL is set) and brings its schema up to date. */
export async function openAndMigrate(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    await runMigrations(database);
  } catch (err) {
    // Release the data-directory lock (embedded) or the pool before reporting the failure.
    await database.close().catch(() => undefined);
    throw err;
  }
  return database;
}
