import type { Db } from '../../db/client';
import type { JobRunner } from '../../platform/jobs';
import type { Mailer } from '../../platform/mail/mailer';
import { SmsRejectedError, type SmsProvider } from '../../platform/sms';
import { QUEUES, type EmailJob, type InAppJob, type SmsJob } from './notifications.notify';
import * as repo from './notifications.repo';

export interface DeliveryDeps {
  db: Db;
  mailer: Mailer;
  sms: SmsProvider;
  /** The domain of generated Message-IDs (the sender address's). */
  mailDomain: string;
}

// Every handler checks the delivery log first and records the outcome there, so a job that runs
// again (after a crash between the send and the job's completion) does not send again. The one
// window left is between the provider accepting a message and our commit: a resend then carries the
// same Message-ID (mail) or Idempotency-Key (SMS), by which the receiving side can recognise it.

const maskEmail = (to: string) => to.replace(/^(.)[^@]*(@.*)$/, '$1***$2');
const maskPhone = (to: string) => `${to.slice(0, 3)}***${to.slice(-2)}`;

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** SMTP 5xx answers (no such mailbox, refused) will not change on a retry. */
function isPermanentMailError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Defines the three delivery queues (email, SMS, in-app) on the runner. */
export async function defineNotificationJobs(runner: JobRunner, deps: DeliveryDeps): Promise<void> {
  const { db, mailer, sms } = deps;

  await runner.define<EmailJob>({
    name: QUEUES.email,
    describe: (d) => `email to ${maskEmail(d.to)}`,
    onManualRetry: (tx, d) => repo.markRequeued(tx, d.deliveryId),
    async handler(job) {
      const d = await repo.findDelivery(db, job.data.deliveryId);
      if (!d || d.status === 'sent' || d.status === 'skipped') return;
      try {
        await mailer.send({
          to: job.data.to,
          subject: job.data.subject,
          text: job.data.text,
          html: job.data.html,
          attachments: job.data.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, 'base64'),
          })),
          messageId: `<${d.id}@${deps.mailDomain}>`,
        });
      } catch (err) {
        const permanent = isPermanentMailError(err);
        await repo.markAttemptFailed(db, d.id, reasonOf(err), permanent || job.isLastAttempt);
        if (permanent) return; // failed for good; retrying would only be refused again
        throw err;
      }
      await repo.markSent(db, d.id);
    },
  });

  await runner.define<SmsJob>({
    name: QUEUES.sms,
    describe: (d) => `SMS to ${maskPhone(d.to)}`,
    onManualRetry: (tx, d) => repo.markRequeued(tx, d.deliveryId),
    async handler(job) {
      const d = await repo.findDelivery(db, job.data.deliveryId);
      if (!d || d.status === 'sent' || d.status === 'skipped') return;
      try {
        await sms.send({ to: job.data.to, body: job.data.body, idempotencyKey: d.id });
      } catch (err) {
        const permanent = err instanceof SmsRejectedError;
        await repo.markAttemptFailed(db, d.id, reasonOf(err), permanent || job.isLastAttempt);
        if (permanent) return;
        throw err;
      }
      await repo.markSent(db, d.id);
    },
  });

  await runner.define<InAppJob>({
    name: QUEUES.in_app,
    describe: (d) => `in-app notice to user ${d.userId}`,
    onManualRetry: (tx, d) => repo.markRequeued(tx, d.deliveryId),
    async handler(job) {
      // The notification and the log entry commit together: in-app delivery is exactly once.
      const deliver = db.transaction(async (tx) => {
        const d = await repo.lockDelivery(tx, job.data.deliveryId);
        if (!d || d.status === 'sent' || d.status === 'skipped') return;
        await repo.insertNotification(tx, {
          // Dated by the change that caused it, not by when its job ran: two changes whose jobs
          // run in one batch (or late, behind a backlog) still list in the order they happened.
          createdAt: d.createdAt,
          userId: job.data.userId,
          hospitalId: job.data.hospitalId,
          deliveryId: d.id,
          kind: job.data.kind,
          title: job.data.title,
          body: job.data.body,
          link: job.data.link,
        });
        await repo.markSent(tx, d.id);
      });
      await deliver.catch(async (err: unknown) => {
        await repo.markAttemptFailed(db, job.data.deliveryId, reasonOf(err), job.isLastAttempt);
        throw err;
      });
    },
  });
}
