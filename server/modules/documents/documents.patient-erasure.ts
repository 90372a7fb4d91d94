// The documents module's part of erasing a patient (ADR 33): proofs of identity (kind `id`) are
// deleted, rows now and files once the erasure has committed (a job queued in its transaction: a
// file is never gone while a row that names it could still come back). Clinical documents stay.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { enqueue } from '../../platform/jobs';
import type { PatientErasureStep } from '../module';
import { DELETE_FILES_QUEUE, type DeleteFilesJob } from './documents.jobs';

export const patientErasure: PatientErasureStep = async (tx, { patientId }) => {
  const deleted = await queryRows<{ storageKey: string }>(
    tx,
    sql`delete from documents where patient_id = ${patientId} and kind = 'id'
        returning storage_key as "storageKey"`,
  );
  if (deleted.length > 0) {
    const job: DeleteFilesJob = { storageKeys: deleted.map((d) => d.storageKey) };
    await enqueue(tx, DELETE_FILES_QUEUE, job);
  }
  return { identityDocuments: deleted.length };
};
