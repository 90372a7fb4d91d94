import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import { repointPatientIn } from '../../db/repoint';
import { defineModule } from '../module';
import { defineDocumentJobs } from './documents.jobs';
import { documentsRoutes } from './documents.routes';
import { DocumentsService } from './documents.service';
import { DiskFileStore } from './documents.storage';
import { patientExport } from './documents.patient-export';
import { patientErasure } from './documents.patient-erasure';

export type { FileStore } from './documents.storage';
export { findPatientDocument } from './documents.repo';

/** Registers the documents module: files under DATA_DIR/files, uploads up to UPLOAD_MAX_BYTES. */
export async function registerDocuments(app: FastifyInstance, deps: { config: Config }): Promise<void> {
  const store = new DiskFileStore(path.join(deps.config.dataDir, 'files'));
  await store.init();
  const maxBytes = deps.config.UPLOAD_MAX_BYTES;
  const service = new DocumentsService({ store, stagingDir: store.stagingDir, maxBytes });
  await documentsRoutes(app, { service, maxBytes });
}

/** Uploads checked by content, stored by random id, served only to those allowed. */
export const documentsModule = defineModule({
  name: 'documents',
  patientExport,
  patientErasure,
  // A merged temporary record's documents become the person's (the files stay where they are).
  patientMerge: (tx, m) => repointPatientIn(tx, ['documents'], m),
  routes: (app, deps) => registerDocuments(app, deps),
  // Files of deleted rows (a patient's erasure) go after the deletion commits.
  jobs: (runner, deps) => defineDocumentJobs(runner, deps),
});
