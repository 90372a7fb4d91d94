// Backup gauges, computed at scrape time from the newest complete manifest in BACKUP_DIR: every
// instance that sees the folder reports them, whichever one ran the backup, and no table is needed.
import path from 'node:path';
import { Gauge, type Registry } from 'prom-client';
import { newestBackup } from './retention';

/** Registers the backup gauges when scheduled backups are on (BACKUP_DIR set); 0 until a backup is complete. */
export function registerBackupMetrics(registry: Registry, backupDir: string | undefined): void {
  if (!backupDir) return;
  const dir = path.resolve(backupDir);
  new Gauge({
    name: 'hospitium_backup_last_success_timestamp_seconds',
    help: 'When the newest complete backup in BACKUP_DIR finished (Unix time; 0: none yet)',
    registers: [registry],
    collect() {
      const b = newestBackup(dir);
      this.set(b ? b.finishedAt / 1000 : 0);
    },
  });
  new Gauge({
    name: 'hospitium_backup_last_size_bytes',
    help: 'Bytes of the newest complete backup in BACKUP_DIR (database dump and files)',
    registers: [registry],
    collect() {
      this.set(newestBackup(dir)?.totalBytes ?? 0);
    },
  });
}
