import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  MarkedRead,
  NotificationListQuery,
  NotificationPage,
  Preferences,
  UnreadCount,
  UpdatePreferences,
} from '../../../contracts/notifications';
import { ctxOf } from '../../platform/context';
import * as inbox from './notifications.service';

const tags = ['notifications'];
/** Routes without parameters still refuse unexpected ones (e.g. `?limit=`) rather than ignore them. */
const NoQuery = z.strictObject({});

/** The signed-in person's notifications (the bell) and channel preferences. */
export function notificationRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const access = { access: 'authenticated' as const };

  app.get(
    '/api/notifications',
    {
      config: access,
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    async (req) => inbox.listMyNotifications(ctxOf(req), req.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: access,
      schema: {
        tags,
        summary: 'How many of your notifications are unread',
        querystring: NoQuery,
        response: { 200: UnreadCount },
      },
    },
    async (req) => ({ count: await inbox.unreadCount(ctxOf(req)) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: access,
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await inbox.markRead(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: access,
      schema: { tags, summary: 'Mark all your notifications read', response: { 200: MarkedRead } },
    },
    async (req) => inbox.markAllRead(ctxOf(req)),
  );

  app.get(
    '/api/notifications/preferences',
    {
      config: access,
      schema: {
        tags,
        summary: 'Your channels (email, SMS, in-app) for each kind of notice',
        querystring: NoQuery,
        response: { 200: Preferences },
      },
    },
    async (req) => inbox.getPreferences(ctxOf(req)),
  );

  app.put(
    '/api/notifications/preferences',
    {
      config: access,
      schema: {
        tags,
        summary: 'Choose your channels per kind of notice (security notices are always sent)',
        body: UpdatePreferences,
        response: { 200: Preferences },
      },
    },
    async (req) => inbox.updatePreferences(ctxOf(req), req.body),
  );
}
