import { z } from 'zod';
import { Instant, line, Paging, pageOf, Uuid } from './common';

export const DOCUMENT_KINDS = ['prescription', 'lab_report', 'id', 'other'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Accepted by content (sniffed from the bytes), whatever the file's name or declared type. */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const DocumentContentType = z.enum(DOCUMENT_CONTENT_TYPES);

export const DocumentStatus = z.enum(['active', 'withdrawn']);

/**
 * The text fields of the multipart upload (`POST /api/patients/:patientId/documents`), sent
 * alongside exactly one part named `file`.
 */
export const UploadDocumentFields = z.strictObject({
  kind: DocumentKind,
  title: line(200).optional(),
});
export type UploadDocumentFields = z.infer<typeof UploadDocumentFields>;

export const PatientDocumentsParams = z.strictObject({ patientId: Uuid });
export const DocumentListQuery = Paging.extend({ kind: DocumentKind.optional() });

export const DocumentInfo = z.object({
  id: Uuid,
  patientId: Uuid,
  /** The hospital whose staff uploaded it; null when the patient uploaded it. */
  hospitalId: Uuid.nullable(),
  kind: DocumentKind,
  title: z.string().nullable(),
  /** The uploader's file name, cleaned of path parts and control characters: for display only. */
  originalName: z.string(),
  contentType: DocumentContentType,
  sizeBytes: z.number().int(),
  sha256: z.string(),
  status: DocumentStatus,
  uploadedBy: Uuid,
  uploadedByName: z.string().nullable(),
  createdAt: Instant,
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const DocumentPage = pageOf(DocumentInfo);
