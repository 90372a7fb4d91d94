// `hospitium restore`: checks every checksum and the target before touching anything, restores the
// database (pg_restore, or the app's schema and a COPY of the rows) and the files, then checks that
// the restore is whole (./verify.ts). ADR 15.
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { openEmbeddedServer } from '../../db/embedded';
import { fileConflicts, restoreCheckpoints, restoreFiles } from './files';
import { loadTables, makeSchema } from './logical';
import { BackupDamagedError, RestoreError, RestoreRefusedError } from './errors';
import { checkBackup, MANIFEST_FILE, readManifest, type Manifest } from './manifest';
import { findPgTool, pgRestore, type PgTool } from './pgdump';
import { silentProgress, type Progress } from './progress';
import { journal } from './snapshot';
import { verifyRestore, type RestoreReport } from './verify';

export interface RestoreTarget {
  describe: string;
  /** The database's owner: pg_restore, migrations and checks run as it, so the app owns what it gets. */
  appUrl: string;
  /** A superuser on the same database (the logical load turns triggers off); may equal appUrl. */
  loadUrl: string;
  /** Where the files and the audit checkpoints go. */
  dataDir: string;
  release(): Promise<void>;
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL ${u.host}${u.pathname}`; // never the password
}

/** `--into URL`, else the configured database: DATABASE_URL, or the embedded server in DATA_DIR. */
export async function openRestoreTarget(config: Config, into?: string): Promise<RestoreTarget> {
  const url = into ?? config.DATABASE_URL;
  if (url)
    return {
      describe: describeUrl(url),
      appUrl: url,
      loadUrl: url,
      dataDir: config.dataDir,
      release: async () => {},
    };
  // Exclusive: a restore runs with Hospitium stopped (its database would not be empty anyway).
  const server = await openEmbeddedServer({
    dataDir: config.dataDir,
    serviceUser: config.EMBEDDED_PG_USER,
    port: config.EMBEDDED_PG_PORT,
    exclusive: true,
  });
  const admin = new URL(server.adminUrl);
  admin.pathname = new URL(server.appUrl).pathname;
  return {
    describe: `embedded database in ${config.dataDir}/pg`,
    appUrl: server.appUrl,
    loadUrl: admin.toString(),
    dataDir: config.dataDir,
    release: () => server.stop(),
  };
}

/** Up to five relations (tables, views, sequences) the target already holds outside extensions. */
async function existingRelations(database: Database): Promise<{ count: number; some: string[] }> {
  const { rows } = await database.query<{ name: string; count: number }>(
    `select format('%I.%I', n.nspname, c.relname) as name, count(*) over ()::int as count
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
        and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
        and not exists (select 1 from pg_depend d
                         where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by 1 limit 5`,
  );
  return { count: rows[0]?.count ?? 0, some: rows.map((r) => r.name) };
}

/** Whether this Hospitium can restore the backup's format and schema version here. */
function checkCompatible(manifest: Manifest): PgTool | null {
  const entries = journal();
  const ours = entries.at(-1)?.when ?? 0;
  const theirs = manifest.migration.lastCreatedAt ?? 0;
  const newer = theirs > ours || (manifest.migration.applied > 0 && manifest.migration.lastTag === null);
  if (newer) {
    throw new RestoreError(
      `The backup was made by a newer Hospitium (${manifest.appVersion}, ${manifest.migration.applied} migrations); ` +
        `this one knows ${entries.length}. Restore it with that version or a later one.`,
    );
  }
  if (manifest.database.format === 'hospitium-logical') {
    if (theirs !== ours) {
      throw new RestoreError(
        `The backup's logical dump holds the schema of migration ${manifest.migration.lastTag} ` +
          `(Hospitium ${manifest.appVersion}); this Hospitium makes ${entries.at(-1)?.tag}. Restore it with ` +
          'the Hospitium version that made it, then start this one to upgrade.',
      );
    }
    return null;
  }
  const tool = findPgTool('pg_restore');
  const dumpMajor = Number(manifest.database.pgDumpVersion?.split('.')[0] ?? 0);
  if (!tool || tool.major < dumpMajor) {
    throw new RestoreError(
      `This backup is in pg_dump's format (pg_dump ${manifest.database.pgDumpVersion}); restoring it needs ` +
        `pg_restore ${dumpMajor} or later, and ${tool ? `only ${tool.version} is` : 'none is'} installed ` +
        '(Debian: apt-get install postgresql-client).',
    );
  }
  return tool;
}

async function isSuperuser(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ su: boolean }>(
      'select rolsuper as su from pg_roles where rolname = current_user',
    );
    return Boolean(rows[0]?.su);
  } finally {
    await client.end();
  }
}

/** A backup whose every checksum was checked and that this Hospitium can restore. */
export interface CheckedBackup {
  dir: string;
  manifest: Manifest;
  /** pg_restore, for a backup in pg_dump's format. */
  tool: PgTool | null;
}

/** Reads the manifest and checks every file and the versions, touching nothing else. */
export async function checkBeforeRestore(
  backupDir: string,
  progress: Progress = silentProgress,
): Promise<CheckedBackup> {
  const dir = path.resolve(backupDir);
  const manifest = readManifest(dir);
  progress(`Backup of ${manifest.takenAt} (Hospitium ${manifest.appVersion}, ${manifest.database.format})`);
  const damaged = await checkBackup(dir, manifest, (done, total) =>
    progress('Checking checksums', done, total),
  );
  if (manifest.database.format === 'pg_dump-custom' && !manifest.database.dump) {
    damaged.push(`${MANIFEST_FILE}: names no database dump`);
  }
  if (damaged.length) {
    throw new BackupDamagedError(
      `The backup in ${dir} is damaged; nothing was restored:\n${damaged.map((d) => `  ${d}`).join('\n')}`,
    );
  }
  return { dir, manifest, tool: checkCompatible(manifest) };
}

/** Restores a checked backup into an empty target; throws, changing nothing, when it cannot. */
export async function restoreInto(
  backup: CheckedBackup,
  target: RestoreTarget,
  progress: Progress = silentProgress,
): Promise<RestoreReport> {
  const { dir, manifest, tool } = backup;
  const database = await openDatabase({ url: target.appUrl, poolSize: 2 });
  try {
    const existing = await existingRelations(database);
    if (existing.count > 0) {
      throw new RestoreRefusedError(
        `The ${target.describe} is not empty (${existing.count} tables or other relations, e.g. ` +
          `${existing.some.join(', ')}). A backup is restored only into an empty database; nothing was changed.`,
      );
    }
    if (!tool && !(await isSuperuser(target.loadUrl))) {
      throw new RestoreError(
        'This backup is a logical dump: its rows are loaded with triggers and foreign-key checks off, ' +
          'which needs a PostgreSQL superuser. Give --into the URL of one; nothing was changed.',
      );
    }
    const conflicts = await fileConflicts(target.dataDir, manifest.files);
    if (conflicts.length) {
      throw new RestoreError(
        `${conflicts.length} file(s) of the backup exist in ${target.dataDir} with other contents, e.g. ` +
          `${conflicts.slice(0, 3).join(', ')}; nothing was changed.`,
      );
    }
    await restoreDatabase(backup, target, database, progress);
    await restoreFiles(dir, target.dataDir, manifest.files, (done, total) =>
      progress('Restoring files', done, total),
    );
    const aside = restoreCheckpoints(dir, target.dataDir, manifest.auditCheckpoints);
    if (aside) progress(`The audit checkpoints that were in ${target.dataDir} are kept as ${aside}`);
    progress('Checking the restore: row counts, verify-audit, verify-stock, files');
    return await verifyRestore(database, manifest, target.dataDir);
  } finally {
    await database.close();
  }
}

/** Both steps: check the backup, then restore it into the target. */
export async function restoreBackup(o: {
  backupDir: string;
  target: RestoreTarget;
  progress?: Progress;
}): Promise<{ manifest: Manifest; report: RestoreReport }> {
  const backup = await checkBeforeRestore(o.backupDir, o.progress);
  return { manifest: backup.manifest, report: await restoreInto(backup, o.target, o.progress) };
}

async function restoreDatabase(
  backup: CheckedBackup,
  target: RestoreTarget,
  database: Database,
  progress: Progress,
): Promise<void> {
  const { dir, manifest, tool } = backup;
  const tables = Object.keys(manifest.rowCounts).length;
  const load = new pg.Client({ connectionString: target.loadUrl, application_name: 'hospitium-restore' });
  await load.connect();
  try {
    if (tool) {
      let done = 0;
      await pgRestore(
        tool,
        target.appUrl,
        path.join(dir, manifest.database.dump!.path),
        async (ext) =>
          void (await load.query(`create extension if not exists ${load.escapeIdentifier(ext)}`)),
        () => progress('Restoring tables (pg_restore)', Math.min(++done, tables), tables),
      );
      return;
    }
    progress('Making the schema: migrations and the job queue');
    await makeSchema(database, manifest);
    await loadTables(load, dir, manifest, (done, total) => progress('Loading tables', done, total));
  } finally {
    await load.end();
  }
}
