// The wards module's background work, in the web process and in `hospitium worker`: every minute,
// mark the reservations past their expiry expired and free their beds. Reads already treat such a
// reservation as gone; this makes the bed's state and the audit say so. Safe to run twice.
import type { Db } from '../../db/client';
import type { JobLog, JobRunner } from '../../platform/jobs';
import { EXPIRE_QUEUE, expireReservations } from './reservations.service';

export async function defineWardJobs(runner: JobRunner, deps: { db: Db; log: JobLog }): Promise<void> {
  await runner.define({
    name: EXPIRE_QUEUE,
    retryLimit: 2,
    describe: () => 'mark bed reservations past their expiry expired and free their beds',
    async handler() {
      const expired = await expireReservations(deps.db);
      if (expired > 0) deps.log.info({ expired }, 'expired bed reservations');
    },
  });
  runner.schedule(EXPIRE_QUEUE, '* * * * *');
}
