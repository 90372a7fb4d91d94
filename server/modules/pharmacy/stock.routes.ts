import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdjustStock,
  BatchPage,
  BatchQuery,
  LedgerEntry,
  LedgerPage,
  LedgerQuery,
  ReceiveStock,
  StockMovementResult,
  WriteOffExpired,
} from '../../../contracts/pharmacy';
import { StockAlerts, StockInsights, StockValuation, ValuationQuery } from '../../../contracts/stock-control';
import { ctxOf } from '../../platform/context';
import * as reports from './stock-reports.service';
import * as stock from './stock.service';

const tags = ['stock'];
const NoQuery = z.strictObject({});

/** Batches, the ledger, receipts, adjustments, write-offs, alerts and valuation. */
export function stockRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/stock/batches',
    {
      config: { access: { anyOf: ['stock:read'] } },
      schema: {
        tags,
        summary: 'Batches with stock, soonest expiry first',
        querystring: BatchQuery,
        response: { 200: BatchPage },
      },
    },
    async (req) => stock.listBatches(ctxOf(req), req.query),
  );

  app.get(
    '/api/stock/ledger',
    {
      config: { access: { anyOf: ['stock:read'] } },
      schema: {
        tags,
        summary: 'The stock ledger, newest first',
        querystring: LedgerQuery,
        response: { 200: LedgerPage },
      },
    },
    async (req) => stock.listLedger(ctxOf(req), req.query),
  );

  app.post(
    '/api/stock/receipts',
    {
      config: { access: { anyOf: ['stock:manage'] } },
      schema: {
        tags,
        summary: 'Receive stock by hand into a store (units or packs, batch number, expiry, cost)',
        body: ReceiveStock,
        response: { 201: StockMovementResult },
      },
    },
    async (req, reply) => reply.status(201).send({ entries: await stock.receiveStock(ctxOf(req), req.body) }),
  );

  app.post(
    '/api/stock/adjustments',
    {
      config: { access: { anyOf: ['stock:manage'] } },
      schema: {
        tags,
        summary: 'Correct a batch with a reason',
        body: AdjustStock,
        response: { 201: LedgerEntry },
      },
    },
    async (req, reply) => reply.status(201).send(await stock.adjustStock(ctxOf(req), req.body)),
  );

  app.post(
    '/api/stock/write-off-expired',
    {
      config: { access: { anyOf: ['stock:manage'] } },
      schema: {
        tags,
        summary: 'Write off every expired batch of a store in one action',
        body: WriteOffExpired,
        response: { 200: StockMovementResult },
      },
    },
    async (req) => ({ entries: await stock.writeOffExpired(ctxOf(req), req.body.storeId) }),
  );

  app.get(
    '/api/stock/alerts',
    {
      config: { access: { anyOf: ['stock:read'] } },
      schema: {
        tags,
        summary: 'Low stock, batches expiring within 90 days, expired batches to write off',
        querystring: NoQuery,
        response: { 200: StockAlerts },
      },
    },
    async (req) => reports.stockAlerts(ctxOf(req)),
  );

  app.get(
    '/api/stock/valuation',
    {
      config: { access: { anyOf: ['stock:value'] } },
      schema: {
        tags,
        summary: 'Stock held and its value at cost (format=csv for a spreadsheet-safe CSV)',
        querystring: ValuationQuery,
        response: { 200: StockValuation.or(z.string()) },
      },
    },
    async (req, reply) => {
      const valuation = await reports.stockValuation(ctxOf(req), req.query.storeId);
      if (req.query.format !== 'csv') return valuation;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="stock-valuation.csv"')
        .serializer((s: unknown) => String(s))
        .send(reports.valuationCsv(valuation));
    },
  );

  app.get(
    '/api/stock/insights',
    {
      config: { access: { anyOf: ['stock:value'] } },
      schema: {
        tags,
        summary: 'Stock value over the last 30 days and the most used medicines',
        querystring: NoQuery,
        response: { 200: StockInsights },
      },
    },
    async (req) => reports.stockInsights(ctxOf(req)),
  );
}
