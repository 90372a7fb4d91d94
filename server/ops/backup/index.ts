// Backup and verified restore (ADR 15).
export { takeBackup, type BackupOptions, type BackupResult } from './backup';
export { BackupDamagedError, BackupError, RestoreError, RestoreRefusedError } from './errors';
export { BACKUP_HELP, RESTORE_HELP, OpsUsageError, cmdBackup, cmdRestore } from './commands';
export { BACKUP_QUEUE, defineBackupJobs, scheduledBackup } from './jobs';
export { readManifest, type Manifest } from './manifest';
export { registerBackupMetrics } from './metrics';
export { checkBeforeRestore, openRestoreTarget, restoreBackup, restoreInto } from './restore';
export { completeBackups, newestBackup, pruneBackups } from './retention';
