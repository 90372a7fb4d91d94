// The backups in BACKUP_DIR: the complete ones (a manifest, no .partial suffix), newest first; the
// retention that keeps the newest N; and the newest one's time and size for the metrics.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_PREFIX } from './backup';
import { MANIFEST_FILE, PARTIAL_SUFFIX, readManifest } from './manifest';

/** A .partial folder untouched this long is left from a backup that died (the job's limit is far less). */
const ABANDONED_MS = 24 * 3600 * 1000;

function entries(dir: string): fs.Dirent[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name.startsWith(BACKUP_PREFIX));
  } catch {
    return []; // no folder yet
  }
}

/** Complete backups in `dir`, newest first (their names sort by time). */
export function completeBackups(dir: string): string[] {
  return entries(dir)
    .filter((d) => !d.name.endsWith(PARTIAL_SUFFIX) && fs.existsSync(path.join(dir, d.name, MANIFEST_FILE)))
    .map((d) => d.name)
    .sort()
    .reverse();
}

/** Deletes complete backups beyond the newest `keep`, and abandoned unfinished ones; returns their names. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed = completeBackups(dir).slice(keep);
  const now = Date.now();
  for (const d of entries(dir)) {
    if (d.name.endsWith(PARTIAL_SUFFIX) && now - fs.statSync(path.join(dir, d.name)).mtimeMs > ABANDONED_MS) {
      removed.push(d.name);
    }
  }
  for (const name of removed) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  return removed;
}

export interface NewestBackup {
  name: string;
  /** When the backup finished, in ms since the epoch. */
  finishedAt: number;
  totalBytes: number;
}

const summaries = new Map<string, NewestBackup | null>();

/** The newest complete backup whose manifest reads, or null (summaries are cached: manifests never change). */
export function newestBackup(dir: string): NewestBackup | null {
  for (const name of completeBackups(dir)) {
    const key = path.join(dir, name);
    if (!summaries.has(key)) {
      try {
        const m = readManifest(key);
        summaries.set(key, { name, finishedAt: Date.parse(m.finishedAt), totalBytes: m.totalBytes });
      } catch {
        summaries.set(key, null);
      }
    }
    const found = summaries.get(key);
    if (found) return found;
  }
  return null;
}
