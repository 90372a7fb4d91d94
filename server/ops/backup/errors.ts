// Expected failures of a backup or restore: the CLI prints their message, without a stack trace.

export class BackupError extends Error {
  override name = 'BackupError';
}

/** A backup folder that is incomplete, foreign, or whose files differ from its manifest. */
export class BackupDamagedError extends BackupError {
  override name = 'BackupDamagedError';
}

/** The backup cannot be restored here (version, tools, rights, schema); see the message. */
export class RestoreError extends BackupError {
  override name = 'RestoreError';
}

/** The target is not empty: nothing was changed (the CLI exits 2). */
export class RestoreRefusedError extends BackupError {
  override name = 'RestoreRefusedError';
}
