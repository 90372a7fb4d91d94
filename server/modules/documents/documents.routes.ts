import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  DocumentInfo,
  DocumentListQuery,
  DocumentPage,
  PatientDocumentsParams,
} from '../../../contracts/documents';
import { ctxOf } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { DocumentsService } from './documents.service';

const tags = ['documents'];
const READ = { anyOf: ['patients:read', 'own-record:read'] } as const;
const UPLOAD = { anyOf: ['documents:upload', 'own-record:update'] } as const;

/** Upload, list and download a patient's documents. */
export async function documentsRoutes(
  root: FastifyInstance,
  deps: { service: DocumentsService; maxBytes: number },
) {
  const { service, maxBytes } = deps;
  // Multipart parsing only for these routes: everywhere else a multipart body stays unsupported.
  await root.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: maxBytes,
        files: 1,
        fields: 4,
        fieldSize: 2000,
        fieldNameSize: 100,
        parts: 6,
        headerPairs: 100,
      },
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/patients/:patientId/documents',
      {
        config: { access: UPLOAD },
        schema: {
          tags,
          summary:
            'Upload a PDF, JPEG or PNG (multipart/form-data: file, kind, optional title); checked by content',
          consumes: ['multipart/form-data'],
          params: PatientDocumentsParams,
          response: { 201: DocumentInfo },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data.');
        const info = await service.upload(ctxOf(req), req.params.patientId, () => req.parts());
        return reply.status(201).send(info);
      },
    );
  });

  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/patients/:patientId/documents',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: "A patient's documents, newest first",
        params: PatientDocumentsParams,
        querystring: DocumentListQuery,
        response: { 200: DocumentPage },
      },
    },
    async (req) => service.list(ctxOf(req), req.params.patientId, req.query),
  );

  app.get(
    '/api/documents/:id',
    {
      config: { access: READ },
      schema: { tags, summary: "A document's details", params: IdParams, response: { 200: DocumentInfo } },
    },
    async (req) => service.get(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/documents/:id/withdraw',
    {
      config: { access: UPLOAD },
      schema: {
        tags,
        summary: 'Withdraw a document uploaded by mistake (it is kept, marked withdrawn)',
        params: IdParams,
        response: { 200: DocumentInfo },
      },
    },
    async (req) => service.withdraw(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/documents/:id/download',
    {
      config: { access: READ },
      schema: { tags, summary: 'Download the file (always as an attachment)', params: IdParams },
    },
    async (req, reply) => {
      const file = await service.download(ctxOf(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', file.disposition)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.body);
    },
  );
}
