import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { JOBS_SCHEMA } from './jobs.enqueue';

// pg-boss's tables are not drizzle tables (pg-boss owns and migrates them); these are the few reads
// the admin screens need, in plain SQL against its schema.

const job = sql.raw(`${JOBS_SCHEMA}.job`);

export interface FailedJobRow {
  id: string;
  name: string;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date | string;
  completed_on: Date | string | null;
  output: unknown;
}

/** Failed jobs, newest failure first, leaving out pg-boss's internal queues. */
export async function listFailedJobs(
  exec: Executor,
  f: { queue?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: FailedJobRow[]; total: number }> {
  const where = sql`state = 'failed' and name not like '\\_\\_pgboss%' ${f.queue ? sql`and name = ${f.queue}` : sql``}`;
  const rows = await queryRows<FailedJobRow>(
    exec,
    sql`select id, name, data, retry_count, retry_limit, created_on, completed_on, output
          from ${job} where ${where}
         order by completed_on desc nulls last, id
         limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from ${job} where ${where}`,
  );
  return { rows, total: Number(count?.n ?? 0) };
}

/** A failed job, locked so two admins' retries cannot both run it. */
export async function lockFailedJob(
  exec: Executor,
  id: string,
): Promise<{ name: string; data: unknown } | undefined> {
  const [row] = await queryRows<{ name: string; data: unknown }>(
    exec,
    sql`select name, data from ${job} where id = ${id} and state = 'failed' and name not like '\\_\\_pgboss%' for update`,
  );
  return row;
}

/** A job's state, or undefined when it is not (or no longer) in the live table. */
export async function jobState(exec: Executor, id: string): Promise<string | undefined> {
  const [row] = await queryRows<{ state: string }>(
    exec,
    sql`select state::text as state from ${job} where id = ${id}`,
  );
  return row?.state;
}

/**
 * Keeps only the `keep` keys of these jobs' data, whether waiting, done, failed or archived: their
 * payloads named a person who has since been erased (ADR 33), and pg-boss keeps finished jobs for
 * days. Says how many jobs changed.
 */
export async function redactJobData(
  exec: Executor,
  ids: readonly string[],
  keep: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const kept = sql`(select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
                      from jsonb_each(data) where key = any(${sql.param(keep)}::text[]))`;
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`with live as (update ${job} set data = ${kept}
                       where id = any(${sql.param(ids)}::uuid[]) and data is not null returning 1),
             archived as (update ${sql.raw(`${JOBS_SCHEMA}.archive`)} set data = ${kept}
                       where id = any(${sql.param(ids)}::uuid[]) and data is not null returning 1)
        select (select count(*) from live)::int + (select count(*) from archived)::int as n`,
  );
  return row?.n ?? 0;
}
