// The security headers of every answer, computed once per process: they do not vary per request,
// and running helmet's middleware chain on every request (as @fastify/helmet does) cost about 5% of
// a simple request's CPU in a profile. Two sets (ADR 22): pages and the files of the web app get
// helmet's (a CSP for the app, frame and opener isolation); answers of the API, which are data and
// never a page, get the shorter set OWASP gives for APIs (a CSP that allows nothing, no framing,
// nosniff, no caching of health data). Applied to every routed request, to Fastify's not-found and
// error answers, and by hand to the few answers Fastify gives before any hook runs.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../../config';
import { isProbePath } from './health';
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

/** The headers of pages and web-app files: what helmet would set with these options, run once against a stand-in response. */
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

/**
 * The headers of an API answer (JSON, problem+json, an event stream, a health check): a document
 * that is data, never rendered as a page. A CSP that allows nothing (were it ever opened as a page,
 * it could load and run nothing), no framing, no type sniffing, no referrer, readable by this
 * origin only, and never stored by a browser or proxy: the answers hold health data, and a shared
 * ward computer's disk cache is no place for them. A route that needs another cache policy sets
 * its own `cache-control`. HSTS as for pages (`page`: the pages' set, when already made).
 */
export function apiSecurityHeaders(
  config: Config,
  page: Record<string, string> = securityHeaders(config),
): Record<string, string> {
  const hsts = page['strict-transport-security'];
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(hsts === undefined ? {} : { 'strict-transport-security': hsts }),
  };
}

/**
 * Whether a request path is answered by the API rather than as a page or a file of the web app:
 * /api and /fhir (but not the interactive API docs under /api/docs: a page, its files and the
 * document it shows, which carry the page's set), and the health and metrics endpoints. Takes a
 * route pattern or a path with its query string.
 */
const API_PATH = /^\/(?:api|fhir)(?:[/?]|$)(?!docs(?:[/?]|$))/;
export function isApiPath(url: string): boolean {
  return API_PATH.test(url) || isProbePath(url);
}

/** Sets the headers on every answer that goes through Fastify's hooks. */
export function installSecurityHeaders(app: FastifyInstance, config: Config): void {
  const page = securityHeaders(config);
  const api = apiSecurityHeaders(config, page);
  // Hooks with a callback rather than async: every request runs them, and an async hook costs a
  // promise and a turn of the microtask queue each.
  app.addHook('onRequest', (req, reply, done) => {
    // The path as sent, or the route the router matched (it decodes %-escapes: /%61pi/… is an /api
    // route). Either alone misses one: the web app's catch-all route matches /api paths it hands to
    // the not-found handler.
    const isApi =
      isApiPath(req.url) || (req.routeOptions.url !== undefined && isApiPath(req.routeOptions.url));
    reply.headers(isApi ? api : page);
    done();
  });
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode, a path parameter over the length limit.
 * Answered as problem+json with the security headers and the request id, never echoing the path.
 */
export function frameworkErrorHandler(config: Config) {
  // A problem+json answer: data, never a page, whatever the path.
  const headers = apiSecurityHeaders(config);
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
