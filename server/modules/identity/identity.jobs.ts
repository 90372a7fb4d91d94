import type { Db } from '../../db/client';
import type { JobLog, JobRunner } from '../../platform/jobs';
import { purgeExpired } from './identity.purge.repo';

export const PURGE_QUEUE = 'identity.purge_expired';

/** Defines the daily purge of expired codes, sessions, tokens and throttle rows (03:17 UTC). */
export async function defineIdentityJobs(runner: JobRunner, deps: { db: Db; log: JobLog }): Promise<void> {
  await runner.define({
    name: PURGE_QUEUE,
    retryLimit: 2,
    describe: () => 'purge expired sign-in codes, sessions and tokens',
    async handler() {
      const removed = await purgeExpired(deps.db);
      deps.log.info({ removed }, 'purged expired identity rows');
    },
  });
  runner.schedule(PURGE_QUEUE, '17 3 * * *');
}
