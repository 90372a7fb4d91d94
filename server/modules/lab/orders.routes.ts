import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody, Paging } from '../../../contracts/common';
import { EnterResults } from '../../../contracts/lab-results';
import {
  CancelLabOrder,
  CollectSample,
  CreateLabOrder,
  LabOrder,
  LabOrderItemParams,
  LabOrderPage,
  LabOrderSearch,
  RejectSample,
} from '../../../contracts/lab-orders';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import { replyWithPdf } from '../../platform/pdf';
import { printLabels } from './orders.labels';
import * as reads from './orders.read';
import * as orders from './orders.service';
import * as samples from './samples.service';
import { reportPdf } from './results.report';
import * as results from './results.service';

const tags = ['lab'];
const NoQuery = z.strictObject({});
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** Lab orders: ordering tests, the worklist, collecting samples and their labels. */
export function orderRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/lab/orders',
    {
      config: access('lab-orders:create'),
      schema: {
        tags,
        operationId: 'createLabOrder',
        summary:
          "Order tests for a patient registered here: from the caller's open consultation, or a walk-in's; billed at once as a draft invoice",
        body: CreateLabOrder,
        response: { 201: LabOrder },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.createOrder(ctxOf(req), req.body)),
  );

  app.get(
    '/api/lab/orders',
    {
      config: access('lab-orders:read'),
      schema: {
        tags,
        operationId: 'listLabOrders',
        summary:
          'The lab worklist: orders waiting for a sample (urgent first, then oldest), or by status, patient, consultation or number',
        querystring: LabOrderSearch,
        response: { 200: LabOrderPage },
      },
    },
    async (req) => reads.listOrders(ctxOf(req), req.query),
  );

  app.get(
    '/api/lab/orders/:id',
    {
      config: access('lab-orders:read'),
      schema: {
        tags,
        operationId: 'getLabOrder',
        summary: 'One lab order with its tests and their samples',
        params: IdParams,
        response: { 200: LabOrder },
      },
    },
    async (req) => reads.getOrder(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/lab/orders/:id/items/:itemId/collect',
    {
      config: access('lab-samples:collect'),
      schema: {
        tags,
        operationId: 'collectLabSample',
        summary: "Record one test's sample as collected; the order is collected once every sample is",
        params: LabOrderItemParams,
        body: CollectSample,
        response: { 200: LabOrder },
      },
    },
    async (req) => samples.collectSample(ctxOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/api/lab/orders/:id/items/:itemId/reject',
    {
      config: access('lab-samples:collect'),
      schema: {
        tags,
        operationId: 'rejectLabSample',
        summary:
          "Reject a test's collected sample (haemolysed, clotted, too little): the test waits for a new one with a new accession number; results from the rejected one are dropped",
        params: LabOrderItemParams,
        body: RejectSample,
        response: { 200: LabOrder },
      },
    },
    async (req) => samples.rejectSample(ctxOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/api/lab/orders/:id/cancel',
    {
      config: access('lab-orders:create'),
      schema: {
        tags,
        operationId: 'cancelLabOrder',
        summary:
          'Cancel an order before any sample is collected: its draft bill is discarded, an issued one credited in full',
        params: IdParams,
        body: CancelLabOrder,
        response: { 200: LabOrder },
      },
    },
    async (req) => orders.cancelOrder(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/lab/orders/:id/labels.pdf',
    {
      config: access('lab-samples:collect'),
      schema: {
        tags,
        operationId: 'getLabOrderLabels',
        summary: "The labels of an order's samples, one per test, to print before collection",
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await printLabels(ctxOf(req), req.params.id)),
  );

  app.put(
    '/api/lab/orders/:id/items/:itemId/results',
    {
      config: access('lab-results:enter'),
      schema: {
        tags,
        operationId: 'enterLabResults',
        summary:
          "Enter a collected test's results, every analyte once, each number flagged against the patient's limits; again until verified",
        params: LabOrderItemParams,
        body: EnterResults,
        response: { 200: LabOrder },
      },
    },
    async (req) => results.enterResults(ctxOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/api/lab/orders/:id/items/:itemId/verify',
    {
      config: access('lab-results:verify'),
      schema: {
        tags,
        operationId: 'verifyLabResults',
        summary:
          "Verify a test's results as a second person (not who entered them); once all are, the order is reported and the patient told",
        params: LabOrderItemParams,
        body: NoBody,
        response: { 200: LabOrder },
      },
    },
    async (req) => results.verifyResults(ctxOf(req), req.params.id, req.params.itemId),
  );

  app.get(
    '/api/lab/orders/:id/report.pdf',
    {
      config: access('lab-orders:read', 'own-record:read'),
      schema: {
        tags,
        operationId: 'getLabReportPdf',
        summary: "The lab report of an order's verified tests (staff of its hospital, or the patient)",
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await reportPdf(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/lab/my-orders',
    {
      config: access('own-record:read'),
      schema: {
        tags,
        operationId: 'listMyLabOrders',
        summary: "The caller's own lab orders at every hospital, newest first, with their verified results",
        querystring: Paging,
        response: { 200: LabOrderPage },
      },
    },
    async (req) => reads.listMyOrders(ctxOf(req), req.query),
  );

  app.get(
    '/api/lab/my-orders/:id',
    {
      config: access('own-record:read'),
      schema: {
        tags,
        operationId: 'getMyLabOrder',
        summary: "One of the caller's own lab orders with its verified results",
        params: IdParams,
        response: { 200: LabOrder },
      },
    },
    async (req) => reads.getMyOrder(ctxOf(req), req.params.id),
  );
}
