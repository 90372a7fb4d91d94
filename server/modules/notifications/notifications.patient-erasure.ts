// The notifications module's part of erasing a patient (ADR 33). The delivery log keeps that a
// notice went (template, time, status) but no longer where to: the address of every delivery to the
// person goes, and one still waiting to be sent (or failed, which an admin could retry) is skipped,
// so its job sends nothing; the jobs' payloads (address, rendered text, attachments), which the
// queue keeps for days after, keep only the delivery's id; the error text the mail server gave goes
// too, as it usually quotes the address. The person's
// in-app notices and channel preferences are deleted with their account. Someone who is also staff
// keeps their account (see the identity step), and with it their notices and preferences: only the
// deliveries to the addresses on their patient record are cleared. Runs before the patients and
// identity steps (the erasure runs the modules in reverse), so those addresses can still be read.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { countChanged } from '../../db/count-changed';
import { redactJobData } from '../../platform/jobs';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { patientId, userId }) => {
  const [who] = await queryRows<{ addresses: string[]; accountGoes: boolean }>(
    tx,
    sql`with account as (
          select u.id, u.email, u.phone from users u
           where u.id = ${userId} and not exists (select 1 from memberships m where m.user_id = u.id))
        select coalesce(array_agg(distinct a) filter (where a is not null and a <> ''), '{}') as addresses,
               exists (select 1 from account) as "accountGoes"
          from (select email, phone from patients where id = ${patientId} or merged_into_id = ${patientId}
                union all select email, phone from account) c,
               unnest(array[c.email, c.phone]) as a`,
  );
  const accountGoes = who?.accountGoes === true;
  const changed = await queryRows<{ jobId: string | null }>(
    tx,
    sql`update notification_deliveries
           set recipient = '', updated_at = now(),
               status = case when status in ('queued', 'retrying', 'failed') then 'skipped' else status end,
               last_error = case when status in ('queued', 'retrying', 'failed') then 'recipient erased' end
         where recipient <> ''
           and (recipient = any(${sql.param(who?.addresses ?? [])}::text[])
                or (${accountGoes} and user_id = ${userId}))
     returning job_id as "jobId"`,
  );
  const deliveries = changed.length;
  const jobs = changed.flatMap((c) => (c.jobId ? [c.jobId] : []));
  // Every job's handler finds its delivery by this id, and a skipped one sends nothing.
  await redactJobData(tx, jobs, ['deliveryId']);
  if (!accountGoes) return { notices: 0, deliveries, preferences: 0 };
  return {
    notices: await countChanged(tx, sql`delete from notifications where user_id = ${userId}`),
    deliveries,
    preferences: await countChanged(tx, sql`delete from notification_preferences where user_id = ${userId}`),
  };
};
