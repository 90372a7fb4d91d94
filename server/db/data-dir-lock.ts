// One Hospitium process manages the embedded database of a DATA_DIR at a time. A lock file holding
// its pid is created exclusively; a lock left by a process that is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export type DataDirLock = { acquired: true; release(): void } | { acquired: false; holder: number };

/** Lock files this process holds: a file naming our own pid is ours only if it is listed here. */
const held = new Set<string>();

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'hospitium.lock');
}

/** Takes the lock, or names the live process that holds it. */
export function tryLockDataDir(dataDir: string): DataDirLock {
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      held.add(file);
      return {
        acquired: true,
        release() {
          if (!held.delete(file)) return;
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (holder === process.pid ? held.has(file) : holder && isNodeProcess(holder)) {
        return { acquired: false, holder };
      }
      // Stale: its process is gone, or it names our pid without being ours (a container restarted
      // with the same pid after a crash).
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

/** The refusal the app gives when another process already manages this DATA_DIR. */
export function dataDirInUse(dataDir: string, holder: number): DataDirLockedError {
  return new DataDirLockedError(
    `The data directory ${dataDir} is in use by another Hospitium process (pid ${holder}). ` +
      'Stop that process, or give this one its own DATA_DIR.',
  );
}

/**
 * Alive, and (where the system tells) a Node.js process: after a reboot the pid in a stale lock
 * may belong to some unrelated program, which must not keep Hospitium from starting.
 */
function isNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    return /node|tsx|hospitium/i.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}
