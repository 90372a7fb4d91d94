import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UploadDocumentFields, type DocumentInfo, type DocumentKind } from '../../../contracts/documents';
import type { Permission } from '../../../contracts/permissions';
import { audit, auditRead } from '../../platform/audit/audit.service';
import { can } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findUserNames } from '../identity';
import { receiveUpload, sniffContentType, type ReceivedUpload } from './documents.intake';
import { attachmentHeader, cleanFileName, downloadName } from './documents.names';
import * as repo from './documents.repo';
import { FileMissingError, newStorageKey, type FileStore } from './documents.storage';
import type { Multipart } from '@fastify/multipart';

/** How the caller reaches a patient's documents: as staff of one hospital, or as the patient. */
interface Reach {
  /** The staff member's hospital; null when acting as the patient. */
  hospitalId: string | null;
  ctx: Ctx;
}

export interface DocumentsDeps {
  store: FileStore;
  stagingDir: string;
  maxBytes: number;
}

/** Patient documents: upload checked by content, listing, metadata and download, every read audited. */
export class DocumentsService {
  constructor(private readonly deps: DocumentsDeps) {}

  /**
   * The patient themself with `selfPermission` (who sees all of their documents), or staff with
   * `staffPermission` at a hospital where the patient is registered; anyone else gets the 404 a
   * missing patient gets.
   */
  private async reach(
    ctx: Ctx,
    patientId: string,
    staffPermission: Permission,
    selfPermission: Permission,
  ): Promise<Reach> {
    const { actor } = ctx;
    if (actor.patientId === patientId && can(actor, selfPermission)) {
      // The audit row says "patient", not a staff role the same person may also hold.
      return { hospitalId: null, ctx: { ...ctx, role: 'patient' } };
    }
    if (
      actor.hospitalId &&
      can(actor, staffPermission) &&
      (await repo.isRegisteredAt(ctx.db, patientId, actor.hospitalId))
    ) {
      return { hospitalId: actor.hospitalId, ctx };
    }
    throw notFound('Patient');
  }

  /** A document the caller may see: staff see their hospital's and the patient's own uploads. */
  private async visible(ctx: Ctx, id: string): Promise<{ row: repo.DocumentRow; reach: Reach }> {
    const row = await repo.findDocument(ctx.db, id);
    if (!row) throw notFound('Document');
    const reach = await this.reach(ctx, row.patientId, 'patients:read', 'own-record:read').catch(
      (err: unknown) => {
        throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('Document') : err;
      },
    );
    if (reach.hospitalId && row.hospitalId && row.hospitalId !== reach.hospitalId) throw notFound('Document');
    return { row, reach };
  }

  /**
   * Receives an upload for a patient (access is checked before a byte is read), checks the kind
   * and the content (PDF, JPEG or PNG by its bytes), then files it under a random key and records
   * it with its SHA-256. Any refusal leaves nothing behind: no file, no row.
   */
  async upload(ctx: Ctx, patientId: string, parts: () => AsyncIterable<Multipart>): Promise<DocumentInfo> {
    const reach = await this.reach(ctx, patientId, 'documents:upload', 'own-record:update');
    const received = await receiveUpload(parts(), this.deps.stagingDir, this.deps.maxBytes);
    let pending: string | null = received.file?.path ?? null;
    try {
      const { fields, file } = checkFields(received);
      const contentType = await sniffContentType(file.path);
      if (!contentType) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Only PDF, JPEG and PNG files are accepted, judged by their content, not their name.',
          {
            errors: [{ path: 'body.file', message: 'Not a PDF, JPEG or PNG file' }],
          },
        );
      }
      const storageKey = newStorageKey();
      await this.deps.store.putFile(storageKey, file.path);
      pending = null;
      try {
        const row = await reach.ctx.db.transaction(async (tx) => {
          const inserted = await repo.insertDocument(tx, {
            patientId,
            hospitalId: reach.hospitalId,
            kind: fields.kind,
            title: fields.title ?? null,
            originalName: cleanFileName(file.filename),
            contentType,
            sizeBytes: file.size,
            sha256: file.sha256,
            storageKey,
            uploadedBy: ctx.actor.userId,
          });
          await audit(tx, reach.ctx, {
            action: 'document.uploaded',
            entityType: 'document',
            entityId: inserted.id,
            patientId,
            hospitalId: reach.hospitalId,
            after: {
              kind: inserted.kind,
              title: inserted.title,
              originalName: inserted.originalName,
              contentType,
              sizeBytes: file.size,
              sha256: file.sha256,
            },
          });
          return inserted;
        });
        return (await this.toInfos(ctx, [row]))[0]!;
      } catch (err) {
        await this.deps.store.delete(storageKey);
        throw err;
      }
    } finally {
      if (pending) await fs.rm(pending, { force: true });
    }
  }

  /** A page of the patient's documents the caller may see, newest first. */
  async list(
    ctx: Ctx,
    patientId: string,
    q: { limit: number; offset: number; kind?: DocumentKind | undefined },
  ) {
    const reach = await this.reach(ctx, patientId, 'patients:read', 'own-record:read');
    const { rows, total } = await repo.listDocuments(
      ctx.db,
      { patientId, hospitalId: reach.hospitalId ?? undefined, kind: q.kind },
      q.limit,
      q.offset,
    );
    await auditRead(reach.ctx, {
      action: 'document.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      hospitalId: reach.hospitalId,
      after: { count: rows.length, offset: q.offset },
    });
    return { items: await this.toInfos(ctx, rows), total, limit: q.limit, offset: q.offset };
  }

  /** One document's details. */
  async get(ctx: Ctx, id: string): Promise<DocumentInfo> {
    const { row, reach } = await this.visible(ctx, id);
    await auditRead(reach.ctx, {
      action: 'document.viewed',
      entityType: 'document',
      entityId: row.id,
      patientId: row.patientId,
      hospitalId: reach.hospitalId,
    });
    return (await this.toInfos(ctx, [row]))[0]!;
  }

  /** The bytes of a document, with the headers that make the browser save rather than render them. */
  async download(
    ctx: Ctx,
    id: string,
  ): Promise<{ body: Readable; contentType: string; size: number; disposition: string }> {
    const { row, reach } = await this.visible(ctx, id);
    let body: Readable;
    try {
      body = await this.deps.store.get(row.storageKey);
    } catch (err) {
      if (err instanceof FileMissingError)
        throw new AppError('INTERNAL', `The stored file of document ${row.id} is missing.`);
      throw err;
    }
    // Audited before a byte leaves: a download that cannot be recorded does not happen.
    await auditRead(reach.ctx, {
      action: 'document.downloaded',
      entityType: 'document',
      entityId: row.id,
      patientId: row.patientId,
      hospitalId: reach.hospitalId,
    }).catch((err: unknown) => {
      body.destroy();
      throw err;
    });
    return {
      body,
      contentType: row.contentType,
      size: row.sizeBytes,
      disposition: attachmentHeader(downloadName(row.originalName, row.contentType)),
    };
  }

  /**
   * Withdraws a document uploaded by mistake: it stays (never deleted) but is marked withdrawn.
   * Staff withdraw their hospital's uploads; patients their own.
   */
  async withdraw(ctx: Ctx, id: string): Promise<DocumentInfo> {
    const { row, reach } = await this.visible(ctx, id);
    const allowed = reach.hospitalId
      ? row.hospitalId === reach.hospitalId && can(ctx.actor, 'documents:upload')
      : row.hospitalId === null && can(ctx.actor, 'own-record:update');
    if (!allowed) throw new AppError('FORBIDDEN', 'Only the side that uploaded a document can withdraw it.');
    const updated = await ctx.db.transaction(async (tx) => {
      const after = await repo.withdrawDocument(tx, row.id, ctx.actor.userId);
      if (!after) throw new AppError('CONFLICT', 'This document is already withdrawn.');
      await audit(tx, reach.ctx, {
        action: 'document.withdrawn',
        entityType: 'document',
        entityId: row.id,
        patientId: row.patientId,
        hospitalId: reach.hospitalId,
        before: { status: row.status },
        after: { status: after.status },
      });
      return after;
    });
    return (await this.toInfos(ctx, [updated]))[0]!;
  }

  private async toInfos(ctx: Ctx, rows: repo.DocumentRow[]): Promise<DocumentInfo[]> {
    const names = await findUserNames(
      ctx.db,
      rows.map((r) => r.uploadedBy),
    );
    return rows.map((r) => ({
      id: r.id,
      patientId: r.patientId,
      hospitalId: r.hospitalId,
      kind: r.kind as DocumentKind,
      title: r.title,
      originalName: r.originalName,
      contentType: r.contentType as DocumentInfo['contentType'],
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      status: r.status as DocumentInfo['status'],
      uploadedBy: r.uploadedBy,
      uploadedByName: names.get(r.uploadedBy) ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}

/** The form's fields against the contract, and the file's presence; field errors name `body.<field>`. */
function checkFields(received: ReceivedUpload) {
  const parsed = UploadDocumentFields.safeParse(received.fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path:
        ['body', ...i.path.map(String)].join('.') +
        (i.code === 'unrecognized_keys' ? `.${i.keys.join(',')}` : ''),
      message: i.message,
    }));
    throw new AppError('VALIDATION_FAILED', `${errors[0]!.path}: ${errors[0]!.message}`, { errors });
  }
  const file = received.file;
  if (!file) {
    throw new AppError('BAD_REQUEST', 'Attach the file in a part named "file".', {
      errors: [{ path: 'body.file', message: 'Required' }],
    });
  }
  if (file.size === 0) {
    throw new AppError('BAD_REQUEST', 'The file is empty.', {
      errors: [{ path: 'body.file', message: 'Empty file' }],
    });
  }
  return { fields: parsed.data, file };
}
