// Server-sent event streams (the queue screen, the bed board): the reply taken over with the
// stream's headers, a heartbeat that keeps proxies from closing a quiet stream, an optional
// lifetime after which the client reconnects (and is signed in again), and every stream still open
// ended when the server closes, since a stream never ends by itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface EventStream {
  /** Writes one event, unless the stream has ended. */
  send(event: string, data: unknown): void;
  /** Runs `stop` when the stream ends (at once if it has ended already). */
  onEnd(stop: () => void): void;
  end(): void;
  readonly ended: boolean;
}

export interface StreamOptions {
  heartbeatMs: number;
  /** Ends the stream after this long; the client's EventSource reconnects. */
  maxMs?: number;
  /** Runs with each heartbeat while the stream is open. */
  onHeartbeat?: () => void;
}

/** The event streams of one set of routes; `start` takes over a reply as a stream. */
export function eventStreams(root: FastifyInstance) {
  const open = new Set<() => void>();
  root.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  function start(req: FastifyRequest, reply: FastifyReply, o: StreamOptions): EventStream {
    reply.hijack();
    const res = reply.raw;
    // The security headers the onRequest hook put on the reply (a hijacked reply never sends them).
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': req.id,
    });
    res.write('retry: 3000\n\n');
    let ended = false;
    const stops: (() => void)[] = [];
    const heartbeat = setInterval(() => {
      if (ended) return;
      res.write(': keep-alive\n\n');
      o.onHeartbeat?.();
    }, o.heartbeatMs);
    heartbeat.unref();
    const lifetime = o.maxMs === undefined ? null : setTimeout(() => end(), o.maxMs);
    lifetime?.unref();
    function end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      if (lifetime) clearTimeout(lifetime);
      for (const stop of stops.splice(0)) stop();
      open.delete(end);
      res.end();
    }
    open.add(end);
    req.raw.on('close', end);
    res.on('error', end);
    return {
      send(event, data) {
        if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onEnd(stop) {
        if (ended) stop();
        else stops.push(stop);
      },
      end,
      get ended() {
        return ended;
      },
    };
  }

  return { start };
}
