// The embedded cluster on disk: where it lives, its generated passwords, initdb, and the
// application's role and database inside it.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { PostgresBinaries } from './binaries';
import { ROOT_RUNTIME_HOME } from './binaries';
import {
  EmbeddedServerError,
  firstBlockedDirectory,
  grantSearchToServiceGroup,
  type ServiceUser,
} from './service-user';

/** Role names and the database inside every embedded cluster. */
export const ADMIN_ROLE = 'hospitium_admin';
export const APP_ROLE = 'hospitium';
export const APP_DATABASE = 'hospitium';

export interface Passwords {
  /** The cluster's superuser: creates the app's role and database, and test databases. */
  admin: string;
  /** The application's own role: owns its database, is not a superuser. */
  app: string;
}

export interface ClusterFiles {
  /** DATA_DIR/pg, or what that link points at when the cluster had to live elsewhere. */
  clusterDir: string;
  /** DATA_DIR/postgres-passwords.json, mode 0600. */
  passwordsFile: string;
  /** DATA_DIR/postgres-start.log: the server's own output while it starts (rewritten each start). */
  startLog: string;
}

export function clusterFiles(dataDir: string): ClusterFiles {
  const link = path.join(dataDir, 'pg');
  let clusterDir = link;
  try {
    if (fs.lstatSync(link).isSymbolicLink()) clusterDir = fs.realpathSync(link);
  } catch {
    // not made yet
  }
  return {
    clusterDir,
    passwordsFile: path.join(dataDir, 'postgres-passwords.json'),
    startLog: path.join(dataDir, 'postgres-start.log'),
  };
}

export function isInitialised(clusterDir: string): boolean {
  return fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
}

export function readPasswords(file: string): Passwords {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Passwords;
  } catch (err) {
    throw new EmbeddedServerError(
      `The embedded database's passwords could not be read from ${file} (${(err as Error).message}). ` +
        'That file is written when the database is first created and must stay next to it.',
    );
  }
}

/**
 * Makes a new cluster: passwords first (so a crash half way leaves nothing unreadable), then the
 * folder the service account can reach, then initdb. Returns where the cluster is and a note to
 * show the operator when it had to live outside DATA_DIR.
 */
export async function initialiseCluster(
  dataDir: string,
  binaries: PostgresBinaries,
  user: ServiceUser | null,
): Promise<{ clusterDir: string; note: string | null }> {
  const files = clusterFiles(dataDir);
  if (!fs.existsSync(files.passwordsFile)) {
    const passwords: Passwords = { admin: randomPassword(), app: randomPassword() };
    fs.writeFileSync(files.passwordsFile, JSON.stringify(passwords) + '\n', { mode: 0o600, flag: 'wx' });
  }
  const passwords = readPasswords(files.passwordsFile);
  const { clusterDir, note } = placeCluster(dataDir, user);
  const pwFile = `${clusterDir}.initdb-${process.pid}`;
  fs.writeFileSync(pwFile, passwords.admin + '\n', { mode: 0o600 });
  try {
    if (user) fs.chownSync(pwFile, user.uid, user.gid);
    await run(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${ADMIN_ROLE}`,
        `--pwfile=${pwFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '--encoding=UTF8',
        // ICU (shipped with the binaries) sorts names the same on every machine; the character
        // classes trigram search relies on need a UTF-8 ctype from the operating system.
        '--locale-provider=icu',
        '--icu-locale=und',
        `--locale=${utf8Locale()}`,
        '--lc-messages=C',
      ],
      user,
    );
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  fs.appendFileSync(path.join(clusterDir, 'postgresql.conf'), HOSPITIUM_SETTINGS);
  return { clusterDir, note };
}

/** Appended to postgresql.conf of every new cluster; the start command repeats the loopback rule. */
const HOSPITIUM_SETTINGS = `
# --- Hospitium's embedded server ---------------------------------------------------------------
# Loopback only: the embedded server is never reachable from the network. The start command
# repeats this and adds the Unix socket in the cluster's folder (ADR 20).
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
# Durability is PostgreSQL's default and stays on: fsync, full_page_writes, synchronous_commit.
timezone = 'UTC'
log_timezone = 'UTC'
# Logs go to log/ inside the cluster, one file per weekday, overwritten a week later.
logging_collector = on
log_directory = 'log'
log_filename = 'postgresql-%a.log'
log_rotation_age = '1d'
log_rotation_size = 0
log_truncate_on_rotation = on
`;

/**
 * DATA_DIR/pg when the service account can reach it. As root, DATA_DIR itself may be closed to it
 * (mktemp -d makes 0700 folders): the account's group is then given passage. When a folder above
 * DATA_DIR is closed (a checkout under /root), the cluster lives in /var/lib/hospitium/clusters and
 * DATA_DIR/pg links to it.
 */
function placeCluster(
  dataDir: string,
  user: ServiceUser | null,
): { clusterDir: string; note: string | null } {
  const inPlace = path.join(dataDir, 'pg');
  const leftover = leftoverEmptyCluster(inPlace);
  if (leftover) return { clusterDir: leftover, note: null };
  if (!user) {
    fs.mkdirSync(inPlace, { mode: 0o700 });
    return { clusterDir: inPlace, note: null };
  }
  let blocked = firstBlockedDirectory(dataDir, user);
  if (blocked === path.resolve(dataDir) && grantSearchToServiceGroup(blocked, user)) {
    blocked = firstBlockedDirectory(dataDir, user);
  }
  if (!blocked) {
    fs.mkdirSync(inPlace, { mode: 0o700 });
    fs.chownSync(inPlace, user.uid, user.gid);
    return { clusterDir: inPlace, note: null };
  }
  const home = path.join(ROOT_RUNTIME_HOME, 'clusters');
  fs.mkdirSync(home, { recursive: true, mode: 0o755 });
  const clusterDir = path.join(home, crypto.randomUUID());
  fs.mkdirSync(clusterDir, { mode: 0o700 });
  fs.chownSync(clusterDir, user.uid, user.gid);
  fs.writeFileSync(path.join(home, `${path.basename(clusterDir)}.owner`), path.resolve(dataDir) + '\n');
  fs.symlinkSync(clusterDir, inPlace);
  return {
    clusterDir,
    note:
      `PostgreSQL runs as "${user.name}", which cannot enter ${blocked}; the database files are in ` +
      `${clusterDir} (DATA_DIR/pg links there).`,
  };
}

/**
 * A folder left by a start that stopped between making it and initdb: used again when empty. A
 * folder with files but no cluster in it is never overwritten.
 */
function leftoverEmptyCluster(inPlace: string): string | null {
  let real: string;
  try {
    real = fs.realpathSync(inPlace);
  } catch {
    return null; // nothing there (or a link to nothing, which mkdir will report)
  }
  if (fs.readdirSync(real).length === 0) return real;
  throw new EmbeddedServerError(
    `${inPlace} exists but holds no PostgreSQL cluster (no PG_VERSION). Move it away and start again.`,
  );
}

/** The first UTF-8 locale the operating system has, for the cluster's character classes. */
function utf8Locale(): string {
  let available: string[] = [];
  try {
    available = execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split(/\r?\n/)
      .map((l) => l.trim());
  } catch {
    // no `locale` command (Windows): let initdb take the system default
  }
  const wanted = ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'];
  return wanted.find((w) => available.includes(w)) ?? (available.length ? 'C' : '');
}

function randomPassword(): string {
  return crypto.randomBytes(24).toString('hex');
}

/** Runs a server binary (as the service account when root) and fails with its output. */
function run(file: string, args: string[], user: ServiceUser | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: serverEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => reject(new EmbeddedServerError(`Could not run ${file}: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new EmbeddedServerError(`${path.basename(file)} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

/** What the server processes inherit: none of Hospitium's own settings (secrets among them). */
export function serverEnvironment(): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- PATH only, for the server's own helpers
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
}

/** Where a client reaches the server: its Unix socket when it has one (cheaper per round trip), else loopback. */
export const hostOf = (s: { socketDir: string | null }): string => s.socketDir ?? '127.0.0.1';

/**
 * The application's role and database, with the extensions the schema needs, made once and checked
 * at every start (a crash between initdb and here leaves a cluster without them).
 */
export async function ensureAppDatabase(
  server: { port: number; socketDir: string | null },
  passwords: Passwords,
): Promise<void> {
  const admin = new pg.Client({
    host: hostOf(server),
    port: server.port,
    user: ADMIN_ROLE,
    password: passwords.admin,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    if (role.rowCount === 0) {
      await admin.query(`create role ${APP_ROLE} login password '${passwords.app}'`);
    }
    const db = await admin.query('select 1 from pg_database where datname = $1', [APP_DATABASE]);
    if (db.rowCount === 0) await admin.query(`create database ${APP_DATABASE} owner ${APP_ROLE}`);
  } finally {
    await admin.end();
  }
  // Extensions are created by the superuser, so the app's role never needs more than ownership.
  const inApp = new pg.Client({
    host: hostOf(server),
    port: server.port,
    user: ADMIN_ROLE,
    password: passwords.admin,
    database: APP_DATABASE,
  });
  await inApp.connect();
  try {
    for (const ext of ['pg_trgm', 'btree_gist', 'pgcrypto'])
      await inApp.query(`create extension if not exists ${ext}`);
  } finally {
    await inApp.end();
  }
}
