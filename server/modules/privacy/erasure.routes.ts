import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, NoBody } from '../../../contracts/common';
import {
  CompleteErasureBody,
  ErasureListQuery,
  ErasureRequest,
  ErasureRequestPage,
  RefuseErasureBody,
  RequestErasureBody,
} from '../../../contracts/privacy';
import { ctxOf } from '../../platform/context';
import { completeErasure } from './erasure.complete';
import {
  cancelErasure,
  getErasureRequest,
  listErasureRequests,
  refuseErasure,
  requestErasure,
} from './erasure.service';

const tags = ['privacy'];
const review = { access: { anyOf: ['privacy:manage' as const] } };
const read = { access: { anyOf: ['privacy:manage' as const, 'own-record:read' as const] } };

/** Erasure requests: asked and cancelled by the patient, completed or refused by a hospital admin. */
export function erasureRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/erasure-requests',
    {
      config: { access: { anyOf: ['own-record:update'] } },
      schema: {
        tags,
        operationId: 'requestErasure',
        summary:
          'Ask for your data to be erased (409 ERASURE_PENDING while one waits); registered at no hospital, it is done at once',
        body: RequestErasureBody,
        response: { 201: ErasureRequest },
      },
    },
    async (req, reply) => reply.status(201).send(await requestErasure(ctxOf(req), req.body)),
  );

  app.get(
    '/api/erasure-requests',
    {
      config: read,
      schema: {
        tags,
        operationId: 'listErasureRequests',
        summary:
          "Erasure requests, newest first: of the active hospital's patients for its admin, else your own",
        querystring: ErasureListQuery,
        response: { 200: ErasureRequestPage },
      },
    },
    async (req) => listErasureRequests(ctxOf(req), req.query),
  );

  app.get(
    '/api/erasure-requests/:id',
    {
      config: read,
      schema: {
        tags,
        operationId: 'getErasureRequest',
        summary: 'One erasure request',
        params: IdParams,
        response: { 200: ErasureRequest },
      },
    },
    async (req) => getErasureRequest(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/erasure-requests/:id/cancel',
    {
      config: { access: { anyOf: ['own-record:update'] } },
      schema: {
        tags,
        operationId: 'cancelErasureRequest',
        summary: 'Withdraw your own request while it waits',
        params: IdParams,
        body: NoBody,
        response: { 200: ErasureRequest },
      },
    },
    async (req) => cancelErasure(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/erasure-requests/:id/refuse',
    {
      config: review,
      schema: {
        tags,
        operationId: 'refuseErasureRequest',
        summary: 'Keep the data, saying why (the patient is told)',
        params: IdParams,
        body: RefuseErasureBody,
        response: { 200: ErasureRequest },
      },
    },
    async (req) => refuseErasure(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/erasure-requests/:id/complete',
    {
      config: review,
      schema: {
        tags,
        operationId: 'completeErasureRequest',
        summary:
          "Erase the patient's identity (409 PATIENT_IN_CARE while they are checked in, in a consultation or admitted)",
        params: IdParams,
        body: CompleteErasureBody,
        response: { 200: ErasureRequest },
      },
    },
    async (req) => completeErasure(ctxOf(req), req.params.id, req.body),
  );
}
