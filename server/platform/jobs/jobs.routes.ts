import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Ok } from '../../../contracts/common';
import { FailedJobPage, FailedJobsQuery, JobIdParams } from '../../../contracts/jobs';
import { ctxOf } from '../context';
import { listFailedJobs, retryFailedJob } from './jobs.admin';
import type { JobRunner } from './jobs.runner';

const tags = ['jobs'];

/** Failed background jobs and their retry, for platform admins. */
export function jobsRoutes(root: FastifyInstance, deps: { runner: JobRunner }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/jobs/failed',
    {
      config: { access: { anyOf: ['jobs:manage'] } },
      schema: {
        tags,
        summary: 'Background jobs that failed after their last retry, newest first',
        querystring: FailedJobsQuery,
        response: { 200: FailedJobPage },
      },
    },
    async (req) => listFailedJobs(ctxOf(req), deps.runner, req.query),
  );

  app.post(
    '/api/jobs/:id/retry',
    {
      config: { access: { anyOf: ['jobs:manage'] } },
      schema: {
        tags,
        summary: 'Put a failed job back in its queue for one more attempt',
        params: JobIdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await retryFailedJob(ctxOf(req), deps.runner, req.params.id);
      return { ok: true as const };
    },
  );
}
