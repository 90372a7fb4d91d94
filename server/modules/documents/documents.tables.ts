import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';

/**
 * Files attached to a patient (prescriptions, lab reports, ID, other). The bytes live in the file
 * store under `storage_key` (a random id, never the uploader's name); this row is the only way to
 * reach them. A mistaken upload is withdrawn, not deleted; only a patient's erasure deletes their
 * identity documents, row and file (ADR 33).
 */
export const documents = pgTable(
  'documents',
  {
    id: idColumn(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The hospital whose staff uploaded it; null for the patient's own uploads. */
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    kind: text('kind').notNull(),
    title: text('title'),
    originalName: text('original_name').notNull(),
    /** Sniffed from the content, never taken from the client. */
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    status: text('status').notNull().default('active'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('documents_storage_key_uq').on(t.storageKey),
    index('documents_patient_idx').on(t.patientId, t.createdAt),
    index('documents_hospital_idx').on(t.hospitalId, t.createdAt),
    check('documents_kind_ck', sql`${t.kind} in ('prescription','lab_report','id','other')`),
    check('documents_content_type_ck', sql`${t.contentType} in ('application/pdf','image/jpeg','image/png')`),
    check('documents_status_ck', sql`${t.status} in ('active','withdrawn')`),
    check('documents_size_ck', sql`${t.sizeBytes} > 0`),
  ],
);
