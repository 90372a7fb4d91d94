// `hospitium backup` and `hospitium restore`: options, progress on stderr, the outcome on stdout.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config';
import { openConfiguredDatabase } from '../../db/open';
import { takeBackup } from './backup';
import { progressPrinter } from './progress';
import { RestoreRefusedError } from './errors';
import { checkBeforeRestore, openRestoreTarget, restoreInto } from './restore';

export const BACKUP_HELP = `Usage: hospitium backup [--out DIR] [--format auto|pg_dump|logical]

Backs up the database and the uploaded files (DATA_DIR/files) into a new folder
hospitium-<UTC time> inside DIR (default: BACKUP_DIR, else ./backups), with a manifest: the app and
migration versions, the database server's version, the row count of every table and the SHA-256 of
every file. The database is read at one instant (an exported snapshot), while the app keeps running.
It is dumped with pg_dump (custom format) when the machine has one at least as new as the server,
otherwise by Hospitium itself (a COPY of every table; the embedded PostgreSQL 18 server is newer
than Debian 12's pg_dump 15). --format forces one. Progress is shown on stderr; the folder is
printed on stdout.`;

export const RESTORE_HELP = `Usage: hospitium restore BACKUP_FOLDER [--into DATABASE_URL]

Restores a backup into an EMPTY database: the one at --into, else the configured one (DATABASE_URL,
or the embedded server in DATA_DIR: give a fresh DATA_DIR, with Hospitium stopped). Files go to
DATA_DIR/files. Every checksum is checked before anything is touched, and a database that holds
tables is refused (exit 2), changing nothing. Afterwards the restore is checked: row counts against
the manifest, verify-audit, verify-stock and every file; it prints "Restore is whole" (exit 0) or
exactly what differs (exit 1). A logical-format backup needs a superuser at --into.`;

export class OpsUsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

/** Options that each take a value, and positional arguments. */
function parse(args: string[], names: string[], help: string) {
  const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  try {
    const r = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: r.values as Record<string, string | undefined>, positionals: r.positionals };
  } catch (err) {
    throw new OpsUsageError((err as Error).message, help);
  }
}

export async function cmdBackup(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, ['out', 'format'], BACKUP_HELP);
  if (positionals.length) throw new OpsUsageError('backup takes no positional arguments.', BACKUP_HELP);
  const format = values.format ?? 'auto';
  if (format !== 'auto' && format !== 'pg_dump' && format !== 'logical')
    throw new OpsUsageError(`--format must be auto, pg_dump or logical, not "${format}".`, BACKUP_HELP);
  const outDir = path.resolve(values.out ?? config.BACKUP_DIR ?? 'backups');
  const database = await openConfiguredDatabase(config, { poolSize: 2 });
  try {
    const { dir } = await takeBackup({
      database,
      dataDir: config.dataDir,
      outDir,
      format,
      progress: progressPrinter(),
    });
    console.log(dir);
    return 0;
  } finally {
    await database.close();
  }
}

export async function cmdRestore(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, ['into'], RESTORE_HELP);
  if (positionals.length !== 1) throw new OpsUsageError('restore needs one backup folder.', RESTORE_HELP);
  if (values.into !== undefined && !/^postgres(ql)?:\/\//.test(values.into))
    throw new OpsUsageError('--into must be a postgres:// URL.', RESTORE_HELP);
  const progress = progressPrinter();
  // Every checksum first: a damaged backup never gets as far as starting an embedded server.
  const backup = await checkBeforeRestore(positionals[0]!, progress);
  const target = await openRestoreTarget(config, values.into);
  try {
    const report = await restoreInto(backup, target, progress);
    if (report.whole) {
      console.log(`Restore is whole, into the ${target.describe}:`);
      for (const line of report.checked) console.log(`  ${line}`);
      return 0;
    }
    console.log(
      `Restore is NOT whole, into the ${target.describe}: ${report.problems.length} difference(s):`,
    );
    for (const line of report.problems) console.log(`  ${line}`);
    return 1;
  } catch (err) {
    if (!(err instanceof RestoreRefusedError)) throw err;
    console.error(err.message);
    return 2;
  } finally {
    await target.release();
  }
}
