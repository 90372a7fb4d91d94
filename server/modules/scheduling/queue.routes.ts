import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody } from '../../../contracts/common';
import { MyQueue, MyQueueQuery, QueueBoard, QueueBoardParams, WalkIn } from '../../../contracts/queue';
import { Appointment } from '../../../contracts/scheduling';
import type { Database } from '../../db/client';
import { ctxOf } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { liveHubOf } from '../../platform/live/live';
import { eventStreams } from '../../platform/live/event-stream';
import * as checkin from './checkin.service';
import { localDateOf } from './local-time';
import { BoardFeeds } from './queue.live';
import * as queue from './queue.service';

const NoQuery = z.strictObject({});

/** Screens one instance serves at most; more answer 503 (a screen's EventSource retries). */
export const MAX_SCREENS = 500;
/** A comment line this often keeps proxies from closing a quiet stream. */
export const HEARTBEAT_MS = 20_000;

/** Check-in and walk-ins (front desk), the doctor's day and call-next, the public queue board. */
export function queueRoutes(root: FastifyInstance, deps: { database: Database }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['queue'];
  const frontDesk = { access: { anyOf: ['appointments:check-in' as const] } };
  const doctor = { access: { anyOf: ['queue:call' as const] } };

  app.post(
    '/api/appointments/:id/check-in',
    {
      config: frontDesk,
      schema: {
        tags,
        operationId: 'checkInAppointment',
        summary:
          'Check in a booked patient on the day of the visit: the next token of the doctor’s queue (409 ALREADY_CHECKED_IN with its token, NOT_TODAY)',
        params: IdParams,
        body: NoBody,
        response: { 200: Appointment },
      },
    },
    async (req) => checkin.checkIn(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/appointments/walk-in',
    {
      config: frontDesk,
      schema: {
        tags,
        operationId: 'createWalkIn',
        summary:
          'A patient registered here who came without an appointment: seen by a doctor today, checked in with the next token',
        body: WalkIn,
        response: { 201: Appointment },
      },
    },
    async (req, reply) => reply.status(201).send(await checkin.walkIn(ctxOf(req), req.body)),
  );

  app.get(
    '/api/queue/mine',
    {
      config: doctor,
      schema: {
        tags,
        operationId: 'getMyQueue',
        summary:
          'My day as a doctor at the active hospital: in consultation, waiting by token, booked by time',
        querystring: MyQueueQuery,
        response: { 200: MyQueue },
      },
    },
    async (req) => queue.myQueue(ctxOf(req), req.query),
  );

  app.post(
    '/api/queue/call-next',
    {
      config: doctor,
      schema: {
        tags,
        operationId: 'callNextPatient',
        summary:
          'Call in the waiting patient with the lowest token (409 PATIENT_IN_CONSULTATION while one is still in, QUEUE_EMPTY)',
        body: NoBody,
        response: { 200: Appointment },
      },
    },
    async (req) => queue.callNext(ctxOf(req)),
  );

  app.post(
    '/api/appointments/:id/return-to-queue',
    {
      config: doctor,
      schema: {
        tags,
        operationId: 'returnToQueue',
        summary: 'Send my patient in consultation back to the waiting list, keeping the token',
        params: IdParams,
        body: NoBody,
        response: { 200: Appointment },
      },
    },
    async (req) => queue.sendBack(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/public/hospitals/:slug/queue',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        operationId: 'getQueueBoard',
        summary:
          'A hospital’s queue today, by its code: per doctor the token called in and the next few (initials only)',
        params: QueueBoardParams,
        querystring: NoQuery,
        response: { 200: QueueBoard },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return queue.loadBoard(req.server.db, await queue.boardHospital(req.server.db, req.params.slug));
    },
  );

  const hub = liveHubOf(root, deps.database, root.log);
  const feeds = new BoardFeeds(hub, deps.database.db, root.log);
  const streams = eventStreams(root);

  app.get(
    '/api/public/hospitals/:slug/queue/events',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        operationId: 'streamQueueBoard',
        summary:
          'The same board as server-sent events: `board` with the whole board on connect and after every change, on any app instance',
        params: QueueBoardParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => {
      const hospital = await queue.boardHospital(req.server.db, req.params.slug);
      if (feeds.screens >= MAX_SCREENS) {
        throw new AppError('UNAVAILABLE', 'Too many queue screens on this server; retrying shortly.');
      }
      let lastDate = '';
      const show = (board: QueueBoard) => {
        lastDate = board.date;
        stream.send('board', board);
      };
      const stream = streams.start(req, reply, {
        heartbeatMs: HEARTBEAT_MS,
        // Past midnight at the hospital, a quiet queue would show yesterday's board: read it again.
        onHeartbeat: () => {
          if (lastDate && localDateOf(Date.now(), hospital.timeZone) !== lastDate) {
            lastDate = '';
            void queue.loadBoard(req.server.db, hospital).then(show, () => undefined);
          }
        },
      });
      try {
        stream.onEnd(await feeds.open(hospital, show));
      } catch (err) {
        req.log.warn({ err }, 'queue board: could not start the stream');
        stream.end();
      }
    },
  );
}
