import path from 'node:path';
import type { Config } from '../../config';
import type { JobRunner } from '../../platform/jobs';
import { DiskFileStore } from './documents.storage';

/** Deletes stored files whose rows a committed transaction deleted (a patient's erasure). */
export const DELETE_FILES_QUEUE = 'documents.delete_files';

export interface DeleteFilesJob {
  storageKeys: string[];
}

/**
 * Files go only after the rows naming them are gone for good: the transaction that deletes the
 * rows enqueues this job, which exists only if it commits. Deleting a missing file does nothing,
 * so a job run twice does no harm.
 */
export async function defineDocumentJobs(runner: JobRunner, deps: { config: Config }): Promise<void> {
  const store = new DiskFileStore(path.join(deps.config.dataDir, 'files'));
  await runner.define<DeleteFilesJob>({
    name: DELETE_FILES_QUEUE,
    describe: (d) => `delete ${d.storageKeys.length} stored file(s)`,
    async handler(job) {
      for (const key of job.data.storageKeys) await store.delete(key);
    },
  });
}
