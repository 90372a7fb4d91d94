// The manifest of a backup folder (ADR 15): what it holds, each piece's size and SHA-256, and the row
// count of every table at the backup's consistency point. Written last, so a folder without one is
// an unfinished backup; read and checked before a restore touches anything.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BackupDamagedError } from './errors';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'hospitium-backup/1';
/** A backup folder still being written carries this suffix; the rename to its final name is the commit. */
export const PARTIAL_SUFFIX = '.partial';

/** pg_dump's custom format, or the app's own COPY-based dump (for a server newer than pg_dump). */
export const DUMP_FORMATS = ['pg_dump-custom', 'hospitium-logical'] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

/** A path inside the backup folder: relative, forward slashes, never leaving the folder. */
const RelativePath = z
  .string()
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be a relative path inside the backup')
  .refine((p) => !p.split('/').includes('..'), 'must not leave the backup folder');

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const FileEntry = z.object({ path: RelativePath, size: z.number().int().min(0), sha256: Sha256 });
export type FileEntry = z.infer<typeof FileEntry>;

/** One table's rows in the logical format: a gzip'd COPY text stream of the listed columns. */
export const TableDump = FileEntry.extend({ table: z.string().min(1), columns: z.array(z.string()).min(1) });
export type TableDump = z.infer<typeof TableDump>;

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  appVersion: z.string(),
  /** The consistency point: now() in the exported snapshot every part of the dump was read in. */
  takenAt: z.string(),
  finishedAt: z.string(),
  source: z.object({ mode: z.enum(['embedded', 'postgres']), serverVersion: z.string() }),
  /** The drizzle migrations applied in the backed-up database. */
  migration: z.object({
    applied: z.number().int().min(0),
    /** The `when` of the newest applied migration (drizzle's created_at), null when none. */
    lastCreatedAt: z.number().nullable(),
    lastTag: z.string().nullable(),
  }),
  database: z.object({
    format: z.enum(DUMP_FORMATS),
    /** pg_dump's version (pg_dump format), null for the logical format. */
    pgDumpVersion: z.string().nullable(),
    /** The dump (pg_dump format): one file. */
    dump: FileEntry.nullable(),
    /** The dump (logical format): one file per table. */
    tables: z.array(TableDump),
    /** pg-boss's schema version, and its queues (each one a partition the restore recreates). */
    pgBossVersion: z.number().int().nullable(),
    queues: z.array(z.string()),
    /** Every sequence's last value (logical format; pg_dump sets its own). */
    sequences: z.record(z.string(), z.string()),
  }),
  /** Rows per table ("schema.table") in the snapshot: a restore must give exactly these. */
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  /** DATA_DIR/files, copied after the snapshot (write-once files, named by random id). */
  files: z.array(FileEntry),
  /** DATA_DIR/audit-checkpoints.jsonl lines up to the snapshot's chain head, or null. */
  auditCheckpoints: FileEntry.nullable(),
  totalBytes: z.number().int().min(0),
});
export type Manifest = z.infer<typeof Manifest>;

/** Counts and hashes the bytes passing through. */
export function meter() {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** The manifest entry of a file in the backup folder. */
export async function entryFor(dir: string, relative: string): Promise<FileEntry> {
  return { path: relative, ...(await hashFile(path.join(dir, relative))) };
}

/** Reads and validates a backup folder's manifest; a damaged or foreign one is a BackupDamagedError. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BackupDamagedError(
      `${dir} is not a complete Hospitium backup: ${MANIFEST_FILE} could not be read (${(err as Error).message}).`,
    );
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new BackupDamagedError(`${file} is not a valid backup manifest:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  const file = path.join(dir, MANIFEST_FILE);
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(manifest, null, 2) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every file the manifest names, in the order a restore reads them. */
export function manifestEntries(m: Manifest): FileEntry[] {
  return [
    ...(m.database.dump ? [m.database.dump] : []),
    ...m.database.tables,
    ...m.files,
    ...(m.auditCheckpoints ? [m.auditCheckpoints] : []),
  ];
}

/**
 * Checks every file the manifest names against its size and SHA-256. Returns what is wrong (empty
 * when the backup is whole); `onProgress` hears of each file checked.
 */
export async function checkBackup(
  dir: string,
  manifest: Manifest,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<string[]> {
  const problems: string[] = [];
  const entries = manifestEntries(manifest);
  let done = 0;
  for (const e of entries) {
    const file = path.join(dir, e.path);
    if (!fs.existsSync(file)) problems.push(`${e.path}: missing`);
    else {
      const actual = await hashFile(file);
      if (actual.size !== e.size)
        problems.push(`${e.path}: ${actual.size} bytes, the manifest says ${e.size}`);
      else if (actual.sha256 !== e.sha256)
        problems.push(`${e.path}: its SHA-256 differs from the manifest's`);
    }
    onProgress(++done, entries.length);
  }
  return problems;
}

/** The version in the project's package.json. */
export function appVersion(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
}
