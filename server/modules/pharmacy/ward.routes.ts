import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody, Paging } from '../../../contracts/common';
import {
  CreateWardRequest,
  IssueWardRequest,
  WardRequest,
  WardRequestPage,
  WardRequestQuery,
} from '../../../contracts/pharmacy-orders';
import {
  RecordCounts,
  StartStockTake,
  StockTake,
  StockTakeSummaryPage,
  StockTakeView,
} from '../../../contracts/stock-control';
import { ctxOf } from '../../platform/context';
import * as takes from './stock-take.service';
import * as ward from './ward.service';

const NoQuery = z.strictObject({});

/** Ward requests (/api/ward-requests/…) and stock takes (/api/stock-takes/…). */
export function wardAndCountRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['pharmacy'];
  const read = { access: { anyOf: ['ward-requests:read' as const] } };
  const nurse = { access: { anyOf: ['ward-requests:create' as const] } };
  const pharmacist = { access: { anyOf: ['ward-requests:issue' as const] } };
  const either = { access: { anyOf: ['ward-requests:create' as const, 'ward-requests:issue' as const] } };

  app.get(
    '/api/ward-requests',
    {
      config: read,
      schema: {
        tags,
        summary: 'Ward requests, newest first',
        querystring: WardRequestQuery,
        response: { 200: WardRequestPage },
      },
    },
    async (req) => ward.listWardRequests(ctxOf(req), req.query),
  );
  app.post(
    '/api/ward-requests',
    {
      config: nurse,
      schema: {
        tags,
        summary: 'Ask the pharmacy for items for a ward store',
        body: CreateWardRequest,
        response: { 201: WardRequest },
      },
    },
    async (req, reply) => reply.status(201).send(await ward.createWardRequest(ctxOf(req), req.body)),
  );
  app.get(
    '/api/ward-requests/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A ward request with what was issued, from which batches',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: WardRequest },
      },
    },
    async (req) => ward.getWardRequest(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/ward-requests/:id/issue',
    {
      config: pharmacist,
      schema: {
        tags,
        summary:
          'Issue all or part of the lines from the pharmacy, first expiry first out (409 INSUFFICIENT_STOCK)',
        params: IdParams,
        body: IssueWardRequest,
        response: { 200: WardRequest },
      },
    },
    async (req) => ward.issueWardRequest(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/ward-requests/:id/receive',
    {
      config: nurse,
      schema: {
        tags,
        summary: 'Confirm receipt: what was issued enters the ward store',
        params: IdParams,
        body: NoBody,
        response: { 200: WardRequest },
      },
    },
    async (req) => ward.receiveWardRequest(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/ward-requests/:id/cancel',
    {
      config: nurse,
      schema: {
        tags,
        summary: 'Withdraw a request nothing was issued on',
        params: IdParams,
        body: NoBody,
        response: { 200: WardRequest },
      },
    },
    async (req) => ward.cancelWardRequest(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/ward-requests/:id/close',
    {
      config: either,
      schema: {
        tags,
        summary: 'Close a partly issued request short, once what was issued has arrived',
        params: IdParams,
        body: NoBody,
        response: { 200: WardRequest },
      },
    },
    async (req) => ward.closeWardRequest(ctxOf(req), req.params.id),
  );

  const counts = { access: { anyOf: ['stock:manage' as const] } };
  const stockTags = ['stock'];
  app.get(
    '/api/stock-takes',
    {
      config: counts,
      schema: {
        tags: stockTags,
        summary: 'Stock takes, newest first',
        querystring: Paging,
        response: { 200: StockTakeSummaryPage },
      },
    },
    async (req) => takes.listStockTakes(ctxOf(req), req.query),
  );
  app.post(
    '/api/stock-takes',
    {
      config: counts,
      schema: {
        tags: stockTags,
        summary: 'Start counting a store (one count per store at a time)',
        body: StartStockTake,
        response: { 201: StockTake },
      },
    },
    async (req, reply) => reply.status(201).send(await takes.startStockTake(ctxOf(req), req.body.storeId)),
  );
  app.get(
    '/api/stock-takes/:id',
    {
      config: counts,
      schema: {
        tags: stockTags,
        summary: 'A stock take; reveal=true adds expected quantities and differences',
        params: IdParams,
        querystring: StockTakeView,
        response: { 200: StockTake },
      },
    },
    async (req) => takes.getStockTake(ctxOf(req), req.params.id, req.query.reveal === 'true'),
  );
  app.put(
    '/api/stock-takes/:id/counts',
    {
      config: counts,
      schema: {
        tags: stockTags,
        summary: 'Record counted quantities (blind: the answer shows no expected figures)',
        params: IdParams,
        body: RecordCounts,
        response: { 200: StockTake },
      },
    },
    async (req) => takes.recordCounts(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/stock-takes/:id/post',
    {
      config: counts,
      schema: {
        tags: stockTags,
        summary: 'Post the differences as adjustments, in one transaction',
        params: IdParams,
        body: NoBody,
        response: { 200: StockTake },
      },
    },
    async (req) => takes.postStockTake(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/stock-takes/:id/cancel',
    {
      config: counts,
      schema: {
        tags: stockTags,
        summary: 'Abandon a count; nothing changes',
        params: IdParams,
        body: NoBody,
        response: { 200: StockTake },
      },
    },
    async (req) => takes.cancelStockTake(ctxOf(req), req.params.id),
  );
}
