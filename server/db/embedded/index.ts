// The zero-set-up database: a real PostgreSQL server that Hospitium initialises in DATA_DIR/pg,
// starts, and stops (ADR 7). The app manages it; the CLI and `hospitium worker` join the server of
// the app that holds DATA_DIR, or manage it themselves for their run when no app does.
import fs from 'node:fs';
import path from 'node:path';
import { dataDirInUse, tryLockDataDir } from '../data-dir-lock';
import { locateBinaries } from './binaries';
import {
  ADMIN_ROLE,
  APP_DATABASE,
  APP_ROLE,
  clusterFiles,
  ensureAppDatabase,
  initialiseCluster,
  isInitialised,
  readPasswords,
} from './cluster';
import {
  findOrphan,
  isAlive,
  readPostmasterPid,
  startPostmaster,
  stopPostmaster,
  waitUntilAccepting,
  type RunningPostmaster,
} from './server-process';
import { EmbeddedServerError, resolveServiceUser } from './service-user';

export { EmbeddedServerError } from './service-user';

export interface EmbeddedOptions {
  dataDir: string;
  /** As root, the account the server runs as. */
  serviceUser: string;
  /** 0: any free loopback port. */
  port: number;
  /**
   * true (the app): refuse when another process holds DATA_DIR. false (CLI, worker): join the
   * server that process runs.
   */
  exclusive: boolean;
  /** Extra server settings for this start (the test suite's throwaway cluster turns fsync off). */
  settings?: Record<string, string>;
}

export interface EmbeddedServer {
  /** PostgreSQL major.minor, e.g. 18.4. */
  version: string;
  port: number;
  /** The folder of its Unix socket, which the URLs below use; null: loopback TCP alone (ADR 20). */
  socketDir: string | null;
  clusterDir: string;
  /** The application's role on its database. */
  appUrl: string;
  /** The cluster's superuser on the `postgres` database (tests make their databases with it). */
  adminUrl: string;
  /** This process started the server just now, so no other process can hold work in it. */
  startedHere: boolean;
  /** What the operator should know (where the files are, an orphan reused). */
  notes: string[];
  /** Stops the server if this process manages it, and releases DATA_DIR. */
  stop(): Promise<void>;
}

export class LegacyDataDirError extends EmbeddedServerError {
  override name = 'LegacyDataDirError';
}

/** Opens the embedded server of `dataDir`: initialised on first use, started, or joined. */
export async function openEmbeddedServer(o: EmbeddedOptions): Promise<EmbeddedServer> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  refuseLegacyPglite(o.dataDir);
  const lock = tryLockDataDir(o.dataDir);
  if (!lock.acquired) {
    if (o.exclusive) throw dataDirInUse(o.dataDir, lock.holder);
    return joinRunning(o.dataDir, lock.holder);
  }
  try {
    const user = resolveServiceUser(o.serviceUser);
    const binaries = await locateBinaries(user);
    const files = clusterFiles(o.dataDir);
    const notes: string[] = [];
    let clusterDir = files.clusterDir;
    if (!isInitialised(clusterDir)) {
      const made = await initialiseCluster(o.dataDir, binaries, user);
      clusterDir = made.clusterDir;
      if (made.note) notes.push(made.note);
    } else if (clusterDir !== path.join(o.dataDir, 'pg')) {
      notes.push(`The database files are in ${clusterDir} (DATA_DIR/pg links there).`);
    }
    const passwords = readPasswords(files.passwordsFile);
    let server: RunningPostmaster | null = findOrphan(clusterDir);
    let startedHere = false;
    if (server) {
      const orphan = server;
      try {
        await waitUntilAccepting(orphan, passwords.admin, () => isAlive(orphan.pid), 60_000);
        notes.push(`Reused the database server (pid ${orphan.pid}) a stopped Hospitium left running.`);
      } catch (err) {
        if (isAlive(orphan.pid)) throw err;
        server = null; // it was shutting down: start afresh
      }
    }
    if (!server) {
      server = await startPostmaster({
        binaries,
        clusterDir,
        user,
        port: o.port,
        startLog: files.startLog,
        adminPassword: passwords.admin,
        settings: o.settings,
      });
      startedHere = true;
    }
    await ensureAppDatabase(server, passwords);
    const running = server;
    let stopped = false;
    return {
      ...describe(running, passwords, binaries.version, clusterDir),
      startedHere,
      notes,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await stopPostmaster(running.pid);
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** A CLI command or worker beside a running app: use its server, leave its life to the app. */
async function joinRunning(dataDir: string, holder: number): Promise<EmbeddedServer> {
  const files = clusterFiles(dataDir);
  const passwords = readPasswords(files.passwordsFile);
  const deadline = Date.now() + 60_000;
  let info = readPostmasterPid(files.clusterDir);
  while (!info || info.status !== 'ready') {
    if (!isAlive(holder) || Date.now() > deadline) {
      throw new EmbeddedServerError(
        `The Hospitium process holding ${dataDir} (pid ${holder}) has no database server ready; try again.`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    info = readPostmasterPid(files.clusterDir);
  }
  const server = info;
  await waitUntilAccepting(server, passwords.admin, () => isAlive(server.pid), 30_000);
  const version = fs.readFileSync(path.join(files.clusterDir, 'PG_VERSION'), 'utf8').trim();
  return {
    ...describe(server, passwords, version, files.clusterDir),
    startedHere: false,
    notes: [`Using the database server of the Hospitium process ${holder}.`],
    stop: async () => undefined,
  };
}

function describe(
  server: RunningPostmaster,
  passwords: { admin: string; app: string },
  version: string,
  clusterDir: string,
) {
  // With a socket, libpq and node-postgres read the folder from `?host=` (the port names the file).
  const socket = server.socketDir ? `?host=${encodeURIComponent(server.socketDir)}` : '';
  const url = (user: string, password: string, db: string) =>
    `postgres://${user}:${password}@127.0.0.1:${server.port}/${db}${socket}`;
  return {
    version,
    port: server.port,
    socketDir: server.socketDir,
    clusterDir,
    appUrl: url(APP_ROLE, passwords.app, APP_DATABASE),
    adminUrl: url(ADMIN_ROLE, passwords.admin, 'postgres'),
  };
}

/**
 * Hospitium 0.1 embedded PGlite in DATA_DIR/db. Its files cannot be read by a PostgreSQL server,
 * and starting an empty database beside them would look like data loss: refuse, change nothing.
 */
function refuseLegacyPglite(dataDir: string): void {
  const legacy = path.join(dataDir, 'db');
  if (!fs.existsSync(path.join(legacy, 'PG_VERSION')) || fs.existsSync(path.join(dataDir, 'pg'))) return;
  throw new LegacyDataDirError(
    `${dataDir} holds a database made by Hospitium 0.1, which embedded PGlite in ${legacy}. ` +
      `This version runs a real PostgreSQL server in ${path.join(dataDir, 'pg')} and cannot read ` +
      `PGlite's files, so it stopped rather than start an empty database beside yours. Nothing was changed.\n` +
      `0.1 embedded data directories cannot be converted (see "Upgrading from 0.1" in the README). ` +
      `If it holds only demo data, move it aside and start again:\n  mv ${legacy} ${legacy}-pglite-0.1`,
  );
}
