import type { FailedJob, FailedJobPage, FailedJobsQuery } from '../../../contracts/jobs';
import { audit } from '../audit/audit.service';
import type { Ctx } from '../context';
import { notFound } from '../errors';
import * as repo from './jobs.repo';
import type { JobRunner } from './jobs.runner';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function errorMessage(output: unknown): string | null {
  const o = (typeof output === 'string' ? safeJson(output) : output) as {
    message?: unknown;
    value?: { message?: unknown };
  } | null;
  const m = o?.message ?? o?.value?.message;
  return typeof m === 'string' ? m.slice(0, 1000) : null;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** Failed jobs across the installation (platform admins), newest failure first. */
export async function listFailedJobs(
  ctx: Ctx,
  runner: JobRunner,
  q: FailedJobsQuery,
): Promise<FailedJobPage> {
  const { rows, total } = await repo.listFailedJobs(ctx.db, { queue: q.queue }, q);
  const items: FailedJob[] = rows.map((r) => {
    const def = runner.definition(r.name);
    let summary = r.name;
    try {
      if (def?.describe) summary = def.describe(r.data as never);
    } catch {
      // an old job whose data no longer fits its describe(): the queue name will do
    }
    return {
      id: r.id,
      queue: r.name,
      summary,
      attempts: Number(r.retry_count) + 1,
      retryLimit: Number(r.retry_limit),
      createdAt: iso(r.created_on)!,
      failedAt: iso(r.completed_on),
      error: errorMessage(r.output),
    };
  });
  return { items, total, limit: q.limit, offset: q.offset };
}

/** Puts a failed job back in its queue (one more attempt), audited; unknown or not failed answers 404. */
export async function retryFailedJob(ctx: Ctx, runner: JobRunner, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const job = await repo.lockFailedJob(tx, id);
    if (!job) throw notFound('Failed job');
    await runner.retry(tx, job.name, id);
    await runner.definition(job.name)?.onManualRetry?.(tx, job.data as never);
    await audit(tx, ctx, {
      action: 'job.retried',
      entityType: 'job',
      entityId: id,
      hospitalId: null,
      after: { queue: job.name },
    });
  });
  runner.wake();
}
