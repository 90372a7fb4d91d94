import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody } from '../../../contracts/common';
import {
  CancelPurchaseOrder,
  CreatePurchaseOrder,
  ProcurementSettings,
  PurchaseOrder,
  PurchaseOrderPage,
  PurchaseOrderSearch,
  SentPurchaseOrder,
  UpdateProcurementSettings,
  UpdatePurchaseOrder,
} from '../../../contracts/procurement';
import type { Permission } from '../../../contracts/permissions';
import { requireHospital } from '../../platform/auth/actor';
import { ctxOf } from '../../platform/context';
import { replyWithPdf } from '../../platform/pdf';
import { sendOrder } from './order-mail';
import { orderPdf } from './order-pdf';
import * as reading from './orders.read';
import * as orders from './orders.service';

const tags = ['procurement'];
const NoQuery = z.strictObject({});
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** Purchase orders from draft to approval, amendments and cancelling; the hospital's settings. */
export function purchaseOrderRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/procurement/settings',
    {
      config: access('purchase-orders:read'),
      schema: {
        tags,
        summary: "The hospital's approval threshold, allowed over-delivery and safety stock",
        querystring: NoQuery,
        response: { 200: ProcurementSettings },
      },
    },
    async (req) => reading.getSettings(ctxOf(req)),
  );

  app.put(
    '/api/procurement/settings',
    {
      config: access('procurement:settings'),
      schema: {
        tags,
        summary: 'Set the approval threshold, the allowed over-delivery and the safety stock (all three)',
        body: UpdateProcurementSettings,
        response: { 200: ProcurementSettings },
      },
    },
    async (req) => reading.updateSettings(ctxOf(req), req.body),
  );

  app.get(
    '/api/purchase-orders',
    {
      config: access('purchase-orders:read'),
      schema: {
        tags,
        summary: "The hospital's purchase orders, newest first",
        querystring: PurchaseOrderSearch,
        response: { 200: PurchaseOrderPage },
      },
    },
    async (req) => reading.listOrders(ctxOf(req), req.query),
  );

  app.get(
    '/api/purchase-orders/:id',
    {
      config: access('purchase-orders:read'),
      schema: {
        tags,
        summary: 'A purchase order with its lines and timeline',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: PurchaseOrder },
      },
    },
    async (req) => reading.getOrder(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/purchase-orders',
    {
      config: access('purchase-orders:manage'),
      schema: {
        tags,
        summary: "A draft order to a supplier (prices default to the supplier's last price per pack)",
        body: CreatePurchaseOrder,
        response: { 201: PurchaseOrder },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.createOrder(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/purchase-orders/:id',
    {
      config: access('purchase-orders:manage'),
      schema: {
        tags,
        summary: 'Change a draft (the lines given replace its lines)',
        params: IdParams,
        body: UpdatePurchaseOrder,
        response: { 200: PurchaseOrder },
      },
    },
    async (req) => orders.updateOrder(ctxOf(req), req.params.id, req.body),
  );

  const action = (
    name: string,
    summary: string,
    permission: Permission,
    run: (ctx: ReturnType<typeof ctxOf>, id: string) => Promise<PurchaseOrder>,
  ) =>
    app.post(
      `/api/purchase-orders/:id/${name}`,
      {
        config: access(permission),
        schema: { tags, summary, params: IdParams, body: NoBody, response: { 200: PurchaseOrder } },
      },
      async (req) => run(ctxOf(req), req.params.id),
    );

  action(
    'submit',
    "Submit a draft: approved at once below the hospital's threshold, else sent to its admins",
    'purchase-orders:manage',
    orders.submitOrder,
  );
  action('approve', 'Approve a submitted order', 'purchase-orders:approve', orders.approveOrder);
  action(
    'amend',
    'Start a new revision of an approved order with nothing received (it replaces the order once approved)',
    'purchase-orders:manage',
    orders.amendOrder,
  );

  app.get(
    '/api/purchase-orders/:id/pdf',
    {
      config: access('purchase-orders:read'),
      schema: {
        tags,
        summary: 'The order as the supplier gets it, as a PDF (letterhead, supplier, lines, total)',
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return replyWithPdf(reply, await orderPdf(ctx.db, requireHospital(ctx.actor), req.params.id));
    },
  );

  app.post(
    '/api/purchase-orders/:id/send',
    {
      config: access('purchase-orders:manage'),
      schema: {
        tags,
        summary: "Mail an approved order's PDF to the supplier again (approval mails it once by itself)",
        params: IdParams,
        body: NoBody,
        response: { 202: SentPurchaseOrder },
      },
    },
    async (req, reply) => reply.status(202).send(await sendOrder(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/purchase-orders/:id/cancel',
    {
      config: access('purchase-orders:manage', 'purchase-orders:approve'),
      schema: {
        tags,
        summary: 'Cancel an order nothing has been received against, with a reason',
        params: IdParams,
        body: CancelPurchaseOrder,
        response: { 200: PurchaseOrder },
      },
    },
    async (req) => orders.cancelOrder(ctxOf(req), req.params.id, req.body),
  );
}
