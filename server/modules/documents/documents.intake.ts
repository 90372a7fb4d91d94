import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { fileTypeFromFile } from 'file-type';
import { DOCUMENT_CONTENT_TYPES } from '../../../contracts/documents';
import { AppError } from '../../platform/errors';

// Reading an upload: the one file goes to a staging file (hashed and measured on the way), never
// into memory, and nothing of it reaches the store until every check has passed.

/** An uploaded file waiting in the staging folder. */
export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
  /** As the client sent it: untrusted, for display after cleaning. */
  filename: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: StagedFile | null;
}

const bad = (detail: string) =>
  new AppError('BAD_REQUEST', detail, { errors: [{ path: 'body', message: detail }] });

/** Fastify-multipart and busboy errors are the client's doing; file-system errors are ours. */
function asClientError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return bad('Send one file per upload.');
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return bad('The form has too many fields.');
  if ((err as NodeJS.ErrnoException).syscall) return err;
  return bad('The upload was cut off or is not well-formed multipart/form-data.');
}

function tooLarge(maxBytes: number): AppError {
  const MiB = 1024 * 1024;
  const limit =
    maxBytes >= MiB
      ? `${Number((maxBytes / MiB).toFixed(1))} MB`
      : `${Number((maxBytes / 1024).toFixed(1))} KB`;
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the ${limit} limit.`, {
    errors: [{ path: 'body.file', message: `At most ${maxBytes} bytes` }],
  });
}

/**
 * Reads a multipart upload: its text fields, and at most one file (the part named `file`) streamed
 * to `stagingDir`. On any failure the staged file is removed before the error is thrown.
 */
export async function receiveUpload(
  parts: AsyncIterable<Multipart>,
  stagingDir: string,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const fields = new Map<string, string>();
  let file: StagedFile | null = null;
  let staged: string | null = null;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldnameTruncated || part.valueTruncated)
          throw bad(`The field "${part.fieldname}" is too long.`);
        if (fields.has(part.fieldname)) throw bad(`The field "${part.fieldname}" is sent twice.`);
        if (typeof part.value !== 'string') throw bad(`The field "${part.fieldname}" must be plain text.`);
        fields.set(part.fieldname, part.value);
        continue;
      }
      if (part.fieldname !== 'file' || staged) throw bad('Send exactly one file, in a part named "file".');
      staged = path.join(stagingDir, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(part.file, meter, createWriteStream(staged, { flags: 'wx' }));
      // Busboy stops at the limit and marks the stream truncated rather than failing it.
      if (part.file.truncated) throw tooLarge(maxBytes);
      file = { path: staged, size, sha256: hash.digest('hex'), filename: part.filename };
    }
    return { fields: Object.fromEntries(fields), file };
  } catch (err) {
    if (staged) await fs.rm(staged, { force: true });
    throw asClientError(err, maxBytes);
  }
}

export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** The file's type judged by its bytes (PDF, JPEG or PNG), or null for anything else. */
export async function sniffContentType(filePath: string): Promise<DocumentContentType | null> {
  const found = await fileTypeFromFile(filePath);
  const mime = found?.mime as string | undefined;
  return (DOCUMENT_CONTENT_TYPES as readonly string[]).includes(mime ?? '')
    ? (mime as DocumentContentType)
    : null;
}
