// The security headers of every answer (CSP, nosniff, frame-ancestors …), defined once: Fastify's
// helmet plugin sets them on routed requests, and the same options are applied by hand to the few
// answers Fastify gives before any route or hook runs (see frameworkErrorHandler).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../../config';
import { problem, sendProblem } from './problem';

export function securityHeaderOptions(config: Config): FastifyHelmetOptions {
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

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode, a path parameter over the length limit.
 * Answered as problem+json with the security headers and the request id, never echoing the path.
 */
export function frameworkErrorHandler(config: Config) {
  // The plugin's option type is helmet's own, declared again: the same shape under two names.
  const setHeaders = helmet(securityHeaderOptions(config) as HelmetOptions);
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    setHeaders(req.raw, reply.raw, () => undefined);
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
