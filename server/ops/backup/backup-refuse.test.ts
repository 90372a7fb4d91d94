// A restore changes nothing when it must not run: a damaged backup is caught by its checksums before
// anything is touched, and a database that holds tables is refused (exit 2). Scheduled backups run
// through the job queue and keep the newest BACKUP_KEEP; the gauges read the newest manifest.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Database } from '../../db/client';
import { JobRunner, jobRunnerOptions } from '../../platform/jobs';
import { until } from '../../platform/jobs/jobs.testing';
import { openTestDatabase } from '../../test/harness';
import { createScratchDatabase, runCli } from '../../test/spawn';
import { takeBackup, type BackupResult } from './backup';
import { scratchFolders, tableCount } from './backup.test-support';
import { BackupDamagedError } from './errors';
import { BACKUP_QUEUE, defineBackupJobs } from './jobs';
import { registerBackupMetrics } from './metrics';
import { restoreBackup } from './restore';
import { completeBackups, pruneBackups } from './retention';

let database: Database;
let dataDir: string;
let backup: BackupResult;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
const { tmp, removeAll } = scratchFolders();
const quiet = { info() {}, warn() {}, error() {} };

/** A copy of the backup folder, to damage. */
function copyOf(dir: string): string {
  const copy = path.join(tmp('hospitium-damaged-'), path.basename(dir));
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  database = await openTestDatabase();
  dataDir = tmp('hospitium-src-');
  const id = randomUUID();
  fs.mkdirSync(path.join(dataDir, 'files', id.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'files', id.slice(0, 2), id), 'a scanned report\n');
  backup = await takeBackup({ database, dataDir, outDir: tmp('hospitium-backups-') });
  scratch = await createScratchDatabase(inject('pgServerUrl'), 'hospitium_refuse');
});

afterAll(async () => {
  await scratch?.drop();
  await database?.close();
  removeAll();
});

describe('restore refuses, changing nothing', () => {
  it('catches a corrupted file in the backup before anything is restored (exit 1)', async () => {
    const damaged = copyOf(backup.dir);
    const file = backup.manifest.files[0]!;
    const bytes = fs.readFileSync(path.join(damaged, file.path));
    bytes[0] = bytes[0]! ^ 0xff;
    fs.writeFileSync(path.join(damaged, file.path), bytes);
    const target = tmp('hospitium-target-');
    const r = await runCli(['restore', damaged, '--into', scratch.url], { DATA_DIR: target });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is damaged; nothing was restored');
    expect(r.stderr).toContain(`${file.path}: its SHA-256 differs`);
    expect(await tableCount(scratch.url)).toBe(0);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('catches a damaged database dump the same way', async () => {
    const damaged = copyOf(backup.dir);
    const dump = backup.manifest.database.dump ?? backup.manifest.database.tables[0]!;
    fs.appendFileSync(path.join(damaged, dump.path), 'x');
    const target = {
      describe: 'scratch',
      appUrl: scratch.url,
      loadUrl: scratch.url,
      dataDir: tmp('t-'),
      release: async () => {},
    };
    await expect(restoreBackup({ backupDir: damaged, target })).rejects.toThrow(BackupDamagedError);
    await expect(restoreBackup({ backupDir: damaged, target })).rejects.toThrow(
      `${dump.path}: ${dump.size + 1} bytes`,
    );
    expect(await tableCount(scratch.url)).toBe(0);
  });

  it('refuses a database that holds tables (exit 2)', async () => {
    const before = await tableCount(database.url);
    const target = tmp('hospitium-target-');
    const r = await runCli(['restore', backup.dir, '--into', database.url], { DATA_DIR: target });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty \(\d+ tables or other relations/);
    expect(r.stderr).toContain('nothing was changed');
    expect(await tableCount(database.url)).toBe(before);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});

describe('scheduled backups', () => {
  it('run through the job queue and keep the newest BACKUP_KEEP; the gauges read the newest', async () => {
    const backupDir = tmp('hospitium-scheduled-');
    const abandoned = path.join(backupDir, 'hospitium-20200101T000000Z.partial');
    fs.mkdirSync(abandoned);
    fs.utimesSync(abandoned, new Date('2020-01-01'), new Date('2020-01-01'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      BACKUP_DIR: backupDir,
      BACKUP_KEEP: '2',
      BACKUP_SCHEDULE: '15 1 * * *',
    });
    const runner = new JobRunner(
      database,
      jobRunnerOptions(config, quiet, { work: true, pollIntervalMs: 50 }),
    );
    await defineBackupJobs(runner, { config, database, log: quiet });
    await runner.install();
    await runner.start();
    const made: string[] = [];
    try {
      const { rows } = await database.query<{ cron: string }>(
        `select cron from pgboss.schedule where name = $1`,
        [BACKUP_QUEUE],
      );
      expect(rows[0]?.cron).toBe('15 1 * * *');
      for (let i = 0; i < 3; i++) {
        const seen = new Set(completeBackups(backupDir));
        await runner.pgBoss.send(BACKUP_QUEUE, {});
        runner.wake();
        made.push(
          await until(
            () => completeBackups(backupDir).find((b) => !seen.has(b) && !made.includes(b)),
            'a backup',
            { timeoutMs: 30_000 },
          ),
        );
        await until(async () => {
          const r = await database.query<{ n: number }>(
            `select count(*)::int as n from pgboss.job where name = $1 and state = 'completed'`,
            [BACKUP_QUEUE],
          );
          return r.rows[0]!.n === i + 1;
        }, 'the job to complete');
      }
      // Oldest deleted, the two newest kept, the abandoned unfinished folder removed.
      expect(completeBackups(backupDir)).toEqual([made[2], made[1]]);
      expect(fs.existsSync(abandoned)).toBe(false);

      const registry = new Registry();
      registerBackupMetrics(registry, backupDir);
      const text = await registry.metrics();
      const newest = JSON.parse(fs.readFileSync(path.join(backupDir, made[2]!, 'manifest.json'), 'utf8')) as {
        finishedAt: string;
        totalBytes: number;
      };
      expect(text).toContain(
        `hospitium_backup_last_success_timestamp_seconds ${Date.parse(newest.finishedAt) / 1000}`,
      );
      expect(text).toContain(`hospitium_backup_last_size_bytes ${newest.totalBytes}`);
    } finally {
      await runner.stop();
    }
    // Retention alone: keep 1.
    expect(pruneBackups(backupDir, 1)).toEqual([made[1]]);
  });
});
