import { z } from 'zod';
import { line, Paging, pageOf, Uuid } from './common';

/** Failed background jobs for the platform admin (`GET /api/jobs/failed`). */
export const FailedJobsQuery = Paging.extend({
  queue: line(100).optional(),
});
export type FailedJobsQuery = z.infer<typeof FailedJobsQuery>;

export const FailedJob = z.object({
  id: Uuid,
  /** The queue, e.g. `notify.email`. */
  queue: z.string(),
  /** What the job was for, without secrets (no codes or links). */
  summary: z.string(),
  /** Runs so far (the first one included). */
  attempts: z.number().int(),
  /** Retries allowed after the first run. */
  retryLimit: z.number().int(),
  createdAt: z.string(),
  failedAt: z.string().nullable(),
  /** The last error's message. */
  error: z.string().nullable(),
});
export type FailedJob = z.infer<typeof FailedJob>;

export const FailedJobPage = pageOf(FailedJob);
export type FailedJobPage = z.infer<typeof FailedJobPage>;

export const JobIdParams = z.strictObject({ id: Uuid });
