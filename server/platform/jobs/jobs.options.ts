// What a queue is (its definition and handler's context) and how a runner is set, from the
// configuration. The runner itself is in jobs.runner.ts.
import type { Config } from '../../config';
import type { Executor } from '../../db/client';

/** What a handler gets: the job, which attempt this is, and a signal aborted when it must give up. */
export interface JobContext<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first run. */
  attempt: number;
  /** True when a failure now marks the job failed instead of retrying it. */
  isLastAttempt: boolean;
  signal: AbortSignal;
}

export interface JobDefinition<T = unknown> {
  name: string;
  /** Must be idempotent: a job can run again after a crash between its work and its completion. */
  handler(job: JobContext<T>): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Longer than this and the job is abandoned and, by maintenance, retried. */
  timeoutSeconds?: number;
  /** Jobs of this queue one process runs at once. */
  concurrency?: number;
  /** One line for the failed-jobs list; must not reveal secrets (codes, links) held in the data. */
  describe?(data: T): string;
  /** Runs in the transaction that puts a failed job back in the queue (an admin's retry). */
  onManualRetry?(tx: Executor, data: T): Promise<void>;
}

export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  /** Work jobs in this process (false: only install queues, so this process can enqueue). */
  work: boolean;
  pollIntervalMs: number;
  concurrency: number;
  timeoutSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  maintenanceIntervalSeconds: number;
  cronCheckSeconds: number;
  shutdownTimeoutMs: number;
  /**
   * Whether this process is answering requests right now. While it is, a queue's worker pauses
   * `yieldMs` after each batch before it takes the next: the jobs wait, the people do not.
   */
  busy?: () => boolean;
  yieldMs: number;
  log: JobLog;
}

/** Runner settings from the configuration. */
export function jobRunnerOptions(
  config: Config,
  log: JobLog,
  overrides: Partial<JobRunnerOptions> = {},
): JobRunnerOptions {
  return {
    work: config.JOBS_ENABLED,
    pollIntervalMs: config.JOBS_POLL_INTERVAL_MS,
    concurrency: config.JOBS_CONCURRENCY,
    timeoutSeconds: config.JOBS_TIMEOUT_SECONDS,
    retryLimit: config.JOBS_RETRY_LIMIT,
    retryDelaySeconds: config.JOBS_RETRY_DELAY_SECONDS,
    maintenanceIntervalSeconds: config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
    cronCheckSeconds: config.JOBS_CRON_CHECK_SECONDS,
    shutdownTimeoutMs: config.JOBS_SHUTDOWN_TIMEOUT_MS,
    yieldMs: config.JOBS_YIELD_MS,
    log,
    ...overrides,
  };
}
