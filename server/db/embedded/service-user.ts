// PostgreSQL refuses to run as root. When Hospitium runs as root (containers, CI machines), the
// embedded server runs as an unprivileged account instead, and every directory it needs must be
// reachable by that account: these helpers find the account and check the paths.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The account the server processes run as; null when they run as the current (non-root) user. */
export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
  /** Every group the account is in (primary and supplementary), for permission checks. */
  groups: number[];
}

export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError';
}

export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The account to run PostgreSQL as: null when not root, else `name` (default `postgres`). */
export function resolveServiceUser(name: string): ServiceUser | null {
  if (!runningAsRoot()) return null;
  const id = (flag: string) => {
    try {
      return execFileSync('id', [flag, name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return null;
    }
  };
  const uid = id('-u');
  const gid = id('-g');
  const groups = id('-G');
  if (uid === null || gid === null) {
    throw new EmbeddedServerError(
      `Hospitium is running as root, and PostgreSQL refuses to run as root. The embedded database ` +
        `runs as the account "${name}", which does not exist on this machine. Either create it ` +
        `(for example: useradd --system --user-group --no-create-home ${name}), name another ` +
        `unprivileged account with EMBEDDED_PG_USER, run Hospitium as a normal user, or set ` +
        `DATABASE_URL to a PostgreSQL server.`,
    );
  }
  if (Number(uid) === 0) {
    throw new EmbeddedServerError(
      `EMBEDDED_PG_USER "${name}" is root; PostgreSQL needs an unprivileged account.`,
    );
  }
  return {
    name,
    uid: Number(uid),
    gid: Number(gid),
    groups: (groups ?? gid).split(/\s+/).filter(Boolean).map(Number),
  };
}

/** Whether `user` may pass through (search) the directory described by `st`. */
function canSearch(st: fs.Stats, user: ServiceUser): boolean {
  if (st.uid === user.uid) return (st.mode & 0o100) !== 0;
  if (user.groups.includes(st.gid)) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/**
 * The first directory on the way to `target` (its ancestors, and itself when it exists) that
 * `user` cannot pass through, or null when the whole path is open to it. POSIX modes only: an ACL
 * that would let the account through is not seen, which errs on the safe side.
 */
export function firstBlockedDirectory(target: string, user: ServiceUser): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  const chain = [current, ...parts.map((p) => (current = path.join(current, p)))];
  for (const dir of chain) {
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch {
      return null; // does not exist yet: whoever creates it decides its mode
    }
    if (st.isDirectory() && !canSearch(st, user)) return dir;
  }
  return null;
}

/**
 * Lets the service account pass through `dir`, a directory Hospitium owns (DATA_DIR, made by
 * `mktemp -d` for instance), without opening it to anyone else: its group becomes the account's
 * group with search permission only. Done only when the group has no rights on it today, so no
 * one loses access. Returns whether the directory is now passable.
 */
export function grantSearchToServiceGroup(dir: string, user: ServiceUser): boolean {
  const st = fs.statSync(dir);
  if (st.uid !== process.getuid!() || (st.mode & 0o070) !== 0) return false;
  fs.chownSync(dir, st.uid, user.gid);
  fs.chmodSync(dir, (st.mode & 0o7777) | 0o010);
  return true;
}
