// The uploaded files (DATA_DIR/files) and the audit checkpoints (DATA_DIR/audit-checkpoints.jsonl)
// in a backup. Files are write-once and named by random id, so copying them after the database
// snapshot gives every row in the snapshot its file (ADR 15).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkpointFile } from '../../platform/audit/checkpoints';
import { entryFor, hashFile, meter, type FileEntry } from './manifest';

const FILES = 'files';
const CHECKPOINTS = 'audit-checkpoints.jsonl';

/** Every regular file under root, relative, sorted (the store's staging folder `tmp/` left out). */
function walk(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const d of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (child !== 'tmp') visit(child);
      } else if (d.isFile()) out.push(child);
    }
  };
  visit('');
  return out.sort();
}

/** Copies src to dest (which must not exist), returning the SHA-256 and size of what was written. */
async function copyHashed(src: string, dest: string): Promise<{ sha256: string; size: number }> {
  const m = meter();
  await pipeline(fs.createReadStream(src), m.stream, fs.createWriteStream(dest, { flags: 'wx' }));
  return m.result();
}

/** Copies DATA_DIR/files into `backupDir/files`, with each copy's checksum. */
export async function backupFiles(
  dataDir: string,
  backupDir: string,
  onFile: (done: number, total: number) => void,
): Promise<FileEntry[]> {
  const root = path.join(dataDir, FILES);
  const list = walk(root);
  const entries: FileEntry[] = [];
  for (const [i, rel] of list.entries()) {
    const dest = path.join(backupDir, FILES, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    entries.push({ path: `${FILES}/${rel}`, ...(await copyHashed(path.join(root, rel), dest)) });
    onFile(i + 1, list.length);
  }
  return entries;
}

/**
 * The checkpoint lines of the chain as the snapshot has it (position at most `head`): later ones
 * name rows the backup does not hold. Null when there are none.
 */
export async function backupCheckpoints(
  dataDir: string,
  backupDir: string,
  head: number,
): Promise<FileEntry | null> {
  let text: string;
  try {
    text = fs.readFileSync(checkpointFile(dataDir), 'utf8');
  } catch {
    return null;
  }
  const kept = text.split('\n').filter((line) => {
    try {
      return line.trim() !== '' && Number((JSON.parse(line) as { chainSeq: unknown }).chainSeq) <= head;
    } catch {
      return false;
    }
  });
  if (kept.length === 0) return null;
  fs.writeFileSync(path.join(backupDir, CHECKPOINTS), kept.join('\n') + '\n', { flag: 'wx', mode: 0o600 });
  return entryFor(backupDir, CHECKPOINTS);
}

/** Where a backed-up file goes in the target DATA_DIR. */
function targetOf(dataDir: string, entry: FileEntry): string {
  return path.join(dataDir, FILES, entry.path.slice(FILES.length + 1));
}

/** Files of the backup that the target DATA_DIR already holds with other contents (a restore refuses). */
export async function fileConflicts(dataDir: string, entries: FileEntry[]): Promise<string[]> {
  const conflicts: string[] = [];
  for (const e of entries) {
    const dest = targetOf(dataDir, e);
    if (fs.existsSync(dest) && (await hashFile(dest)).sha256 !== e.sha256) conflicts.push(dest);
  }
  return conflicts;
}

/** Copies the backup's files into DATA_DIR/files (each appears whole, by rename); same ones are kept. */
export async function restoreFiles(
  backupDir: string,
  dataDir: string,
  entries: FileEntry[],
  onFile: (done: number, total: number) => void,
): Promise<void> {
  for (const [i, e] of entries.entries()) {
    const dest = targetOf(dataDir, e);
    if (!fs.existsSync(dest)) {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const staged = `${dest}.restore-${process.pid}`;
      fs.copyFileSync(path.join(backupDir, e.path), staged);
      fs.renameSync(staged, dest);
    }
    onFile(i + 1, entries.length);
  }
}

/** Re-hashes the restored files; returns those that differ from the manifest. */
export async function checkRestoredFiles(dataDir: string, entries: FileEntry[]): Promise<string[]> {
  const problems: string[] = [];
  for (const e of entries) {
    const dest = targetOf(dataDir, e);
    if (!fs.existsSync(dest)) problems.push(`${dest}: missing`);
    else if ((await hashFile(dest)).sha256 !== e.sha256) problems.push(`${dest}: differs from the backup`);
  }
  return problems;
}

/**
 * Puts the backup's checkpoints in the target DATA_DIR, so verify-audit keeps checking the restored
 * chain against them. A checkpoint file already there belonged to another database (the target was
 * empty): it is kept aside, renamed, never deleted. Returns that name, if any.
 */
export function restoreCheckpoints(
  backupDir: string,
  dataDir: string,
  entry: FileEntry | null,
): string | null {
  const dest = checkpointFile(dataDir);
  let aside: string | null = null;
  if (fs.existsSync(dest)) {
    aside = `${dest}.before-restore-${new Date().toISOString().replace(/[:.]/g, '')}`;
    fs.renameSync(dest, aside);
  }
  if (entry) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.copyFileSync(path.join(backupDir, entry.path), dest);
    fs.chmodSync(dest, 0o600);
  }
  return aside;
}
