import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Paging, Uuid } from '../../../contracts/common';
import {
  CreateSupplierReturn,
  GoodsReceipt,
  GoodsReceiptList,
  PurchaseOrder,
  ReceiveGoods,
  SupplierReturn,
  SupplierReturnPage,
} from '../../../contracts/procurement';
import { ctxOf } from '../../platform/context';
import * as receipts from './receipts.service';

const tags = ['procurement'];
const NoQuery = z.strictObject({});

/** Goods received against purchase orders, and stock returned to suppliers. */
export function receiptRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/purchase-orders/:id/receipts',
    {
      config: { access: { anyOf: ['purchase-orders:read'] } },
      schema: {
        tags,
        summary: 'The deliveries received against an order, with their batches',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: GoodsReceiptList },
      },
    },
    async (req) => receipts.listReceipts(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/purchase-orders/:id/receipts',
    {
      config: { access: { anyOf: ['goods:receive'] } },
      schema: {
        tags,
        summary:
          'Receive a delivery line by line (packs accepted into stock as batches, packs damaged recorded); idempotent by key',
        params: IdParams,
        body: ReceiveGoods,
        response: { 201: z.object({ receipt: GoodsReceipt, order: PurchaseOrder }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await receipts.receiveGoods(ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/supplier-returns',
    {
      config: { access: { anyOf: ['purchase-orders:read'] } },
      schema: {
        tags,
        summary: 'Stock returned to suppliers, newest first',
        querystring: Paging.extend({ supplierId: Uuid.optional() }),
        response: { 200: SupplierReturnPage },
      },
    },
    async (req) => receipts.listReturns(ctxOf(req), req.query),
  );

  app.post(
    '/api/supplier-returns',
    {
      config: { access: { anyOf: ['goods:receive'] } },
      schema: {
        tags,
        summary:
          'Return damaged or expired stock to its supplier (supplier_return ledger rows); idempotent by key',
        body: CreateSupplierReturn,
        response: { 201: SupplierReturn },
      },
    },
    async (req, reply) => reply.status(201).send(await receipts.returnToSupplier(ctxOf(req), req.body)),
  );
}
