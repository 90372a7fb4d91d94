import type { Database } from '../../db/client';
import { sealPending } from './audit.repo';
import { writeCheckpoint, type Checkpoint } from './checkpoints';

export interface CheckpointOptions {
  dataDir: string;
  /** Signs the checkpoint lines; kept in the database, away from the file. */
  key: string;
  /** At most one checkpoint this often (and one more at shutdown). */
  everyMs: number;
}

/**
 * Runs the audit sealer every `intervalMs` in this process. Every instance may run one: the
 * database lets one seal at a time and the others skip. After sealing it writes a checkpoint of
 * the chain's head outside the database when one is due. Returns a stop function that also seals
 * what is left and writes a last checkpoint, for graceful shutdown.
 */
export function startAuditSealer(
  database: Database,
  onError: (err: unknown) => void,
  checkpoints: CheckpointOptions,
  intervalMs = 1000,
) {
  let last: Checkpoint | null = null;
  let lastAt = 0;
  const checkpoint = async (force: boolean) => {
    if (!force && Date.now() - lastAt < checkpoints.everyMs) return;
    lastAt = Date.now();
    last = (await writeCheckpoint(database, checkpoints.dataDir, checkpoints.key, last)) ?? last;
  };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => sealPending(database))
      .then(() => checkpoint(false))
      .catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await sealPending(database)
      .then(() => checkpoint(true))
      .catch(onError);
  };
}
