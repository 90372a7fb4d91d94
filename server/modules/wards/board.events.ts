import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import type { BedBoard } from '../../../contracts/wards';
import type { Database } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { ctxOf } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { eventStreams } from '../../platform/live/event-stream';
import { liveHubOf } from '../../platform/live/live';
import { BedBoardFeeds } from './board.feeds';

/** Streams one instance serves at most; more answer 503 (EventSource retries). */
export const MAX_WATCHERS = 500;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;
/**
 * A stream ends after this long and the client reconnects, signing in again: a session ended or a
 * role taken away stops seeing patients' names within this time.
 */
export const STREAM_MAX_MS = 5 * 60_000;

/** The bed board as server-sent events, following changes made on any app instance. */
export function boardEventRoutes(root: FastifyInstance, deps: { database: Database }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const feeds = new BedBoardFeeds(liveHubOf(root, deps.database, root.log), deps.database.db, root.log);
  const streams = eventStreams(root);

  app.get(
    '/api/hospitals/:id/bed-board/events',
    {
      config: { access: { anyOf: ['beds:read' as const] }, hospitalInPath: 'id' },
      schema: {
        tags: ['wards'],
        operationId: 'streamBedBoard',
        summary:
          'The bed board of the hospital acted in, as server-sent events: `board` on connect and after every change on any app instance; the stream ends every few minutes and the client reconnects',
        params: IdParams,
        querystring: z.strictObject({}),
      },
    },
    async (req, reply) => {
      const hospitalId = requireHospital(ctxOf(req).actor);
      if (req.params.id !== hospitalId) throw notFound('Hospital');
      if (feeds.watching >= MAX_WATCHERS) {
        throw new AppError('UNAVAILABLE', 'Too many bed boards open on this server; retrying shortly.');
      }
      const stream = streams.start(req, reply, { heartbeatMs: HEARTBEAT_MS, maxMs: STREAM_MAX_MS });
      try {
        stream.onEnd(await feeds.watch(hospitalId, (board: BedBoard) => stream.send('board', board)));
      } catch (err) {
        req.log.warn({ err }, 'bed board: could not start the stream');
        stream.end();
      }
    },
  );
}
