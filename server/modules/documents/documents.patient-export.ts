// The documents module's part of a patient's export (ADR 33): what each of their documents is
// (kind, title, file name, type, size, SHA-256), who filed it where, and the API path that downloads
// it; the bytes stay in the file store, reached only through that route and its checks. The
// storage key is never shown.
import { sql } from 'drizzle-orm';
import { jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

export const patientExport: PatientExportStep = (tx, patientId) =>
  jsonSections(tx, {
    documents: sql`
      select d.id, d.kind, d.title, d.original_name as "fileName", d.content_type as "contentType",
             d.size_bytes as "sizeBytes", d.sha256, d.status, h.name as "hospitalName",
             u.full_name as "uploadedByName", d.created_at as "uploadedAt", d.withdrawn_at as "withdrawnAt",
             '/api/documents/' || d.id || '/download' as "downloadPath"
        from documents d left join hospitals h on h.id = d.hospital_id
        left join users u on u.id = d.uploaded_by
       where d.patient_id = ${patientId} order by d.created_at, d.id`,
  });
