// Scheduled backups through the job queue: a pg-boss cron schedule (BACKUP_SCHEDULE, UTC), so one
// process of the installation runs each, then the oldest beyond BACKUP_KEEP are deleted. Off unless
// BACKUP_DIR is set.
import path from 'node:path';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { JobLog, JobRunner } from '../../platform/jobs';
import { takeBackup } from './backup';
import { pruneBackups } from './retention';

export const BACKUP_QUEUE = 'ops.backup';

/** Runs one backup into BACKUP_DIR and applies the retention. */
export async function scheduledBackup(deps: {
  config: Config;
  database: Database;
  log: JobLog;
}): Promise<void> {
  const { config, log } = deps;
  if (!config.BACKUP_DIR) {
    log.warn({}, 'scheduled backup skipped: BACKUP_DIR is not set in the process working jobs');
    return;
  }
  const outDir = path.resolve(config.BACKUP_DIR);
  const started = Date.now();
  const { dir, manifest } = await takeBackup({ database: deps.database, dataDir: config.dataDir, outDir });
  const removed = pruneBackups(outDir, config.BACKUP_KEEP);
  log.info(
    { dir, format: manifest.database.format, bytes: manifest.totalBytes, ms: Date.now() - started, removed },
    'backup complete',
  );
}

export async function defineBackupJobs(
  runner: JobRunner,
  deps: { config: Config; database: Database; log: JobLog },
): Promise<void> {
  await runner.define({
    name: BACKUP_QUEUE,
    retryLimit: 1,
    retryDelaySeconds: 600,
    retryBackoff: false,
    timeoutSeconds: 6 * 3600,
    concurrency: 1,
    describe: () => 'backup of the database and the files into BACKUP_DIR',
    handler: () => scheduledBackup(deps),
  });
  if (deps.config.BACKUP_DIR) runner.schedule(BACKUP_QUEUE, deps.config.BACKUP_SCHEDULE);
}
