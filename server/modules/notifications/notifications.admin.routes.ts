import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DeliveryPage,
  DeliveryQuery,
  OutboxMessage,
  OutboxPage,
  OutboxParams,
  OutboxQuery,
  TestNoticeResult,
} from '../../../contracts/notifications';
import { ctxOf } from '../../platform/context';
import * as admin from './notifications.admin';

const tags = ['notifications'];

/** The delivery log, the outbox folder and the test notice. */
export function notificationAdminRoutes(root: FastifyInstance, deps: admin.OutboxDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/notifications/deliveries',
    {
      config: { access: { anyOf: ['notifications:admin'] } },
      schema: {
        tags,
        summary: 'The delivery log: one row per message and channel (hospital admins: their hospital)',
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (req) => admin.listDeliveries(ctxOf(req), req.query),
  );

  app.post(
    '/api/notifications/test',
    {
      config: { access: { anyOf: ['jobs:manage'] } },
      schema: {
        tags,
        summary: 'Send yourself a test notice on every channel you can receive (checks mail and SMS set-up)',
        response: { 202: TestNoticeResult },
      },
    },
    async (req, reply) => {
      const r = await admin.sendTestNotice(ctxOf(req));
      return reply.status(202).send({ messageId: r.messageId, deliveries: r.deliveries });
    },
  );

  app.get(
    '/api/outbox',
    {
      config: { access: { anyOf: ['jobs:manage'] } },
      schema: {
        tags,
        summary:
          'Mail and SMS written to the outbox folder (no mail server or SMS provider configured), newest first',
        querystring: OutboxQuery,
        response: { 200: OutboxPage },
      },
    },
    async (req) => admin.listOutboxPage(deps, req.query),
  );

  app.get(
    '/api/outbox/:id',
    {
      config: { access: { anyOf: ['jobs:manage'] } },
      schema: {
        tags,
        summary: 'One outbox message, with its text and HTML',
        params: OutboxParams,
        response: { 200: OutboxMessage },
      },
    },
    async (req) => admin.readOutbox(ctxOf(req), deps, req.params.id),
  );
}
