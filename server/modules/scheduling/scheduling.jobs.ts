// The scheduling module's background work, in the web process and in `hospitium worker`: every
// five minutes, send the appointment reminders that have fallen due and mark the appointments
// nobody came to as missed. Both are safe to run twice or on several workers at once.
import type { Db } from '../../db/client';
import type { JobLog, JobRunner } from '../../platform/jobs';
import { markMissedAppointments, NO_SHOW_QUEUE } from './no-show.service';
import { sendDueReminders } from './reminders';

export const REMINDERS_QUEUE = 'scheduling.reminders';

export async function defineSchedulingJobs(runner: JobRunner, deps: { db: Db; log: JobLog }): Promise<void> {
  await runner.define({
    name: REMINDERS_QUEUE,
    retryLimit: 2,
    describe: () => 'send the appointment reminders that have fallen due (24 h and 2 h before)',
    async handler() {
      const sent = await sendDueReminders(deps.db);
      if (sent > 0) deps.log.info({ sent }, 'sent appointment reminders');
    },
  });
  // Every five minutes: a reminder goes out at most five minutes after it falls due.
  runner.schedule(REMINDERS_QUEUE, '*/5 * * * *');

  await runner.define({
    name: NO_SHOW_QUEUE,
    retryLimit: 2,
    describe: () => 'mark booked appointments nobody checked in for as missed',
    async handler() {
      const marked = await markMissedAppointments(deps.db);
      if (marked > 0) deps.log.info({ marked }, 'marked missed appointments');
    },
  });
  runner.schedule(NO_SHOW_QUEUE, '*/5 * * * *');
}
