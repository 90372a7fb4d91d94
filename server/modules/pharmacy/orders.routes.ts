import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody } from '../../../contracts/common';
import {
  CancelOrder,
  Checkout,
  CompleteOrder,
  OrderQuery,
  PharmacyOrder,
  PharmacyOrderPage,
  RejectOrder,
  ShopPage,
  ShopQuery,
} from '../../../contracts/pharmacy-orders';
import { ctxOf, type Ctx } from '../../platform/context';
import * as orders from './orders.service';

const NoQuery = z.strictObject({});

/** The patient's shop and orders (/api/shop/…) and the pharmacist's order queue (/api/pharmacy/orders/…). */
export function ordersRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const shop = { tags: ['shop'] };
  const queue = { tags: ['pharmacy'] };
  const patient = { access: { anyOf: ['shop:order' as const] } };
  const pharmacist = { access: { anyOf: ['pharmacy-orders:manage' as const] } };

  app.get(
    '/api/shop/medicines',
    {
      config: patient,
      schema: {
        ...shop,
        summary: "A hospital's medicines with prices and availability",
        querystring: ShopQuery,
        response: { 200: ShopPage },
      },
    },
    async (req) => orders.shopMedicines(ctxOf(req), req.query),
  );

  app.post(
    '/api/shop/orders',
    {
      config: patient,
      schema: {
        ...shop,
        summary:
          'Check out: price on the server, reserve the stock (409 INSUFFICIENT_STOCK, PRICE_CHANGED; 422 PRESCRIPTION_REQUIRED)',
        body: Checkout,
        response: { 201: PharmacyOrder },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.checkout(ctxOf(req), req.body)),
  );

  app.get(
    '/api/shop/orders',
    {
      config: patient,
      schema: {
        ...shop,
        summary: 'My orders, newest first',
        querystring: OrderQuery,
        response: { 200: PharmacyOrderPage },
      },
    },
    async (req) => orders.listOrders(ctxOf(req), 'patient', req.query),
  );

  app.get(
    '/api/shop/orders/:id',
    {
      config: patient,
      schema: {
        ...shop,
        summary: 'One of my orders with its history',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: PharmacyOrder },
      },
    },
    async (req) => orders.getOrder(ctxOf(req), req.params.id, 'patient'),
  );

  app.post(
    '/api/shop/orders/:id/cancel',
    {
      config: patient,
      schema: {
        ...shop,
        summary: 'Cancel my order before it is dispensed; the stock it held goes back',
        params: IdParams,
        body: CancelOrder,
        response: { 200: PharmacyOrder },
      },
    },
    async (req) => orders.cancelOrder(ctxOf(req), req.params.id, 'patient', req.body.reason ?? null),
  );

  app.get(
    '/api/pharmacy/orders',
    {
      config: pharmacist,
      schema: {
        ...queue,
        summary: "The hospital's online orders (status=awaiting_verification: the queue, oldest first)",
        querystring: OrderQuery,
        response: { 200: PharmacyOrderPage },
      },
    },
    async (req) => orders.listOrders(ctxOf(req), 'pharmacy', req.query),
  );

  app.get(
    '/api/pharmacy/orders/:id',
    {
      config: pharmacist,
      schema: {
        ...queue,
        summary: 'An online order with its lines, batches and history',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: PharmacyOrder },
      },
    },
    async (req) => orders.getOrder(ctxOf(req), req.params.id, 'pharmacy'),
  );

  const step = (path: string, summary: string, run: (ctx: Ctx, id: string) => Promise<PharmacyOrder>) =>
    app.post(
      `/api/pharmacy/orders/:id/${path}`,
      {
        config: pharmacist,
        schema: { ...queue, summary, params: IdParams, body: NoBody, response: { 200: PharmacyOrder } },
      },
      async (req) => run(ctxOf(req), req.params.id),
    );
  step('approve', 'Approve after checking the order and its prescription', orders.approveOrder);
  step(
    'dispense',
    'Dispense an approved order first expiry first out; it becomes ready',
    orders.dispenseOrder,
  );

  app.post(
    '/api/pharmacy/orders/:id/reject',
    {
      config: pharmacist,
      schema: {
        ...queue,
        summary: 'Reject with a reason the patient reads; the stock it held goes back',
        params: IdParams,
        body: RejectOrder,
        response: { 200: PharmacyOrder },
      },
    },
    async (req) => orders.rejectOrder(ctxOf(req), req.params.id, req.body.reason),
  );

  app.post(
    '/api/pharmacy/orders/:id/complete',
    {
      config: pharmacist,
      schema: {
        ...queue,
        summary: 'Mark a ready order collected (pickup) or delivered (delivery)',
        params: IdParams,
        body: CompleteOrder,
        response: { 200: PharmacyOrder },
      },
    },
    async (req) => orders.completeOrder(ctxOf(req), req.params.id, req.body.how),
  );

  app.post(
    '/api/pharmacy/orders/:id/cancel',
    {
      config: pharmacist,
      schema: {
        ...queue,
        summary: 'Cancel an order; held stock is released, dispensed stock returned to its batches',
        params: IdParams,
        body: CancelOrder,
        response: { 200: PharmacyOrder },
      },
    },
    async (req) => orders.cancelOrder(ctxOf(req), req.params.id, 'pharmacy', req.body.reason ?? null),
  );
}
