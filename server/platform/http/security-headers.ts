// The security headers of every answer (CSP, nosniff, frame-ancestors …), defined once with
// helmet's options and computed once per process: they do not vary per request, and running
// helmet's middleware chain on every request (as @fastify/helmet does) cost about 5% of a simple
// request's CPU in a profile. Applied to every routed request, to Fastify's not-found and error
// answers, and by hand to the few answers Fastify gives before any hook runs.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../../config';
import { problem, sendProblem } from './problem';

export function securityHeaderOptions(config: Config): HelmetOptions {
  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Asking browsers to upgrade to https breaks the app on plain http (a LAN address, no TLS);
        // only do it when the installation says it is served over https.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https,
  };
}

/** The headers helmet would set with these options, run once against a stand-in response. */
export function securityHeaders(config: Config): Record<string, string> {
  const headers: Record<string, string> = {};
  interface StandIn {
    setHeader(name: string, value: unknown): void;
    removeHeader(name: string): void;
    getHeader(name: string): string | undefined;
  }
  const res: StandIn = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  const middleware = helmet(securityHeaderOptions(config)) as unknown as (
    req: object,
    res: StandIn,
    next: (err?: unknown) => void,
  ) => void;
  let done = false;
  middleware({}, res, (err) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously; security headers unknown');
  return headers;
}

/** Sets the headers on every answer that goes through Fastify's hooks. */
export function installSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers = securityHeaders(config);
  // Hooks with a callback rather than async: every request runs them, and an async hook costs a
  // promise and a turn of the microtask queue each.
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode, a path parameter over the length limit.
 * Answered as problem+json with the security headers and the request id, never echoing the path.
 */
export function frameworkErrorHandler(config: Config) {
  const headers = securityHeaders(config);
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const body = tooLong
      ? problem('URI_TOO_LONG', 'A part of the address is too long.', req, { instance: undefined })
      : problem('BAD_REQUEST', 'The address is not valid (a malformed %-escape?).', req, {
          instance: undefined,
        });
    void sendProblem(reply, body);
  };
}
