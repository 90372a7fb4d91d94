// Background jobs: pg-boss on the application's database. Modules enqueue with `enqueue(tx, …)` in the
// transaction of the change that causes the job, and define handlers on the runner.
export {
  enqueue,
  enqueueWrite,
  jobIdForKey,
  JOBS_SCHEMA,
  queuesEnqueuedSince,
  type EnqueueOptions,
} from './jobs.enqueue';
export { JobRunner } from './jobs.runner';
export {
  jobRunnerOptions,
  type JobContext,
  type JobDefinition,
  type JobLog,
  type JobRunnerOptions,
} from './jobs.options';
export { jobsRoutes } from './jobs.routes';
export { jobState, redactJobData } from './jobs.repo';
