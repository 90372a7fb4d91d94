// `hospitium backup`: the database at one consistency point (pg_dump custom format, or the app's own
// logical dump when the server is newer than the machine's pg_dump), then DATA_DIR/files and the
// audit checkpoints, with a manifest written last (ADR 15). The folder is built under a .partial
// name and renamed when whole, so an interrupted backup is never mistaken for one.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client';
import { BackupError } from './errors';
import { backupCheckpoints, backupFiles } from './files';
import { dumpTables } from './logical';
import {
  appVersion,
  BACKUP_FORMAT,
  entryFor,
  manifestEntries,
  PARTIAL_SUFFIX,
  writeManifest,
  type DumpFormat,
  type Manifest,
} from './manifest';
import { findPgTool, pgDump, type PgTool } from './pgdump';
import { silentProgress, type Progress } from './progress';
import { countRows, jobsState, migrationState, openSnapshot, sequenceValues } from './snapshot';

export interface BackupOptions {
  database: Database;
  dataDir: string;
  /** The folder backups are made in; each backup is a new folder inside it. */
  outDir: string;
  /** auto: pg_dump when it is at least the server's version, the logical dump otherwise. */
  format?: 'auto' | 'pg_dump' | 'logical';
  progress?: Progress;
}

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

export const BACKUP_PREFIX = 'hospitium-';

const DUMP_FILE = 'database.dump';

function chooseFormat(
  wanted: BackupOptions['format'],
  serverMajor: number,
): { format: DumpFormat; tool: PgTool | null } {
  if (wanted === 'logical') return { format: 'hospitium-logical', tool: null };
  const tool = findPgTool('pg_dump');
  const usable = tool && tool.major >= serverMajor ? tool : null;
  if (usable) return { format: 'pg_dump-custom', tool: usable };
  if (wanted === 'pg_dump') {
    throw new BackupError(
      tool
        ? `pg_dump ${tool.version} (${tool.path}) cannot dump a PostgreSQL ${serverMajor} server; ` +
            'leave out --format to use the logical dump.'
        : 'No pg_dump is installed; leave out --format to use the logical dump.',
    );
  }
  return { format: 'hospitium-logical', tool: null };
}

/** A new folder name in outDir, from the time (UTC, sortable). */
function newFolder(outDir: string): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const name = `${BACKUP_PREFIX}${stamp}${n ? `-${n}` : ''}`;
    const final = path.join(outDir, name);
    if (!fs.existsSync(final) && !fs.existsSync(final + PARTIAL_SUFFIX)) return final;
  }
}

type DatabasePart = Pick<Manifest, 'takenAt' | 'source' | 'migration' | 'database' | 'rowCounts'>;

/** The database at one instant: row counts and the dump read in one exported snapshot. */
async function dumpDatabase(
  o: BackupOptions,
  work: string,
  progress: Progress,
): Promise<{ part: DatabasePart; auditHead: number; tableCount: number }> {
  const snapshot = await openSnapshot(o.database);
  try {
    const { format, tool } = chooseFormat(o.format ?? 'auto', snapshot.serverMajor);
    progress(
      `Backing up the ${o.database.mode === 'embedded' ? 'embedded ' : ''}PostgreSQL ${snapshot.serverVersion} ` +
        `database as of ${snapshot.takenAt} (${tool ? `pg_dump ${tool.version}` : 'logical dump'})`,
    );
    const total = snapshot.tables.length;
    progress('Counting rows', 0, total);
    const rowCounts = await countRows(snapshot.client, snapshot.tables);
    progress('Counting rows', total, total);
    const jobs = await jobsState(snapshot.client);
    const database: Manifest['database'] = {
      format,
      pgDumpVersion: tool?.version ?? null,
      dump: null,
      tables: [],
      pgBossVersion: jobs.version,
      queues: jobs.queues,
      sequences: {},
    };
    if (tool) {
      let done = 0;
      await pgDump(tool, o.database.url, snapshot.id, path.join(work, DUMP_FILE), () =>
        progress('Dumping tables (pg_dump)', Math.min(++done, total), total),
      );
      database.dump = await entryFor(work, DUMP_FILE);
    } else {
      database.tables = await dumpTables(snapshot.client, snapshot.tables, work, (done) =>
        progress('Dumping tables', done, total),
      );
      database.sequences = await sequenceValues(snapshot.client);
    }
    const part: DatabasePart = {
      takenAt: snapshot.takenAt,
      source: { mode: o.database.mode, serverVersion: snapshot.serverVersion },
      migration: await migrationState(snapshot.client),
      database,
      rowCounts,
    };
    return { part, auditHead: snapshot.auditHead, tableCount: total };
  } finally {
    await snapshot.close().catch(() => undefined);
  }
}

/** Takes a backup into a new folder of `outDir` and returns it with its manifest. */
export async function takeBackup(o: BackupOptions): Promise<BackupResult> {
  const progress = o.progress ?? silentProgress;
  fs.mkdirSync(o.outDir, { recursive: true });
  const final = newFolder(o.outDir);
  const work = final + PARTIAL_SUFFIX;
  fs.mkdirSync(work, { mode: 0o700 });
  try {
    const { part, auditHead, tableCount } = await dumpDatabase(o, work, progress);
    const files = await backupFiles(o.dataDir, work, (done, total) => progress('Copying files', done, total));
    const auditCheckpoints = await backupCheckpoints(o.dataDir, work, auditHead);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      appVersion: appVersion(),
      ...part,
      finishedAt: new Date().toISOString(),
      files,
      auditCheckpoints,
      totalBytes: 0,
    };
    manifest.totalBytes = manifestEntries(manifest).reduce((sum, e) => sum + e.size, 0);
    writeManifest(work, manifest);
    fs.renameSync(work, final);
    const rows = Object.values(part.rowCounts).reduce((a, b) => a + b, 0);
    progress(
      `Backup complete: ${final} (${rows} rows in ${tableCount} tables, ${files.length} files, ` +
        `${(manifest.totalBytes / 1048576).toFixed(1)} MiB)`,
    );
    return { dir: final, manifest };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}
