import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import fastifyStatic from '@fastify/static';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isProbePath } from './health';

/** Where `npm run build` puts the web app. */
export const DEFAULT_WEB_ROOT = path.resolve(import.meta.dirname, '../../../dist/web');

const BUILD_MISSING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hospitium: web app not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
<h1>The web app has not been built yet</h1>
<p>The API is running, but there is no built web app to serve. Run <code>npm run build</code>
(or restart with <code>npm start</code>, which builds it when it is missing) and reload this page.</p>
<p>API documentation: <a href="/api/docs">/api/docs</a></p>
</body></html>`;

/** Paths (with or without a query string) that belong to the API: a miss there is a problem+json 404, never the web app. */
const NOT_SPA = /^\/(?:api|fhir)(?:[/?]|$)/;
/** A last segment with an extension asks for a file (an old hashed asset, a favicon): 404 when missing. */
const LOOKS_LIKE_FILE = /\/[^/]*\.[a-z0-9]+$/i;

function wantsApp(req: FastifyRequest): boolean {
  const urlPath = req.url.split('?')[0] ?? '/';
  return !NOT_SPA.test(urlPath) && !LOOKS_LIKE_FILE.test(urlPath);
}

/** Set on the config of every route this file adds, so the log controller can tell them apart. */
interface WebRouteConfig {
  webApp?: boolean;
}

// Decided once, when the request comes in: a missing file is handed to the 404 handler, which
// changes the request's route, and its completion must still count as a file of the web app.
// Only requests outside /api and /fhir are remembered: an entry per API request cost the request
// path about 10 µs of CPU (a weak map's entries are extra work for every garbage collection).
const webAppRequests = new WeakMap<IncomingMessage, boolean>();

/**
 * Whether a request is for the web build (a file, or index.html for a client-side route, or a
 * missing file) rather than the API. An /api or /fhir path is never one, even when the catch-all
 * route answered it with a 404.
 */
export function isWebAppRequest(req: FastifyRequest): boolean {
  if (NOT_SPA.test(req.url)) return false;
  let web = webAppRequests.get(req.raw);
  if (web === undefined) {
    const config = req.routeOptions.config as WebRouteConfig | undefined;
    web = config?.webApp === true;
    webAppRequests.set(req.raw, web);
  }
  return web;
}

/**
 * Fastify's request log lines, at debug for the web build and for the probes that succeed, and at
 * info (Fastify's own) for everything else: a page load fetches a dozen files, and a line each at
 * info buried the API requests people look for. The lines keep the request id and go through the
 * logger's serializers, so paths stay without query strings.
 */
export class WebAppLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (isProbePath(request.url) || isWebAppRequest(request)) {
      request.log.debug({ req: request }, 'incoming request');
    } else super.incomingRequest(request, reply);
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const quiet = isProbePath(request.url) ? reply.statusCode < 400 : isWebAppRequest(request);
    if (!error && quiet)
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    else super.requestCompleted(error, request, reply);
  }
}

/**
 * Serves the built single-page app: hashed assets with a year-long immutable cache, index.html for
 * every other GET that is not /api or /fhir (client-side routes), always revalidated. Register it
 * after every API route. When there is no build, the API still starts and pages say how to build.
 */
export async function installWebApp(app: FastifyInstance, root: string = DEFAULT_WEB_ROOT): Promise<void> {
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object | undefined), webApp: true } as typeof route.config;
    });
    await serveBuild(web, root);
  });
}

async function serveBuild(app: FastifyInstance, root: string): Promise<void> {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`no web build in ${root}: run "npm run build"`);
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (!wantsApp(req)) return reply.callNotFound();
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(BUILD_MISSING_PAGE);
    });
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Routes for the files present at start-up only: the catch-all below is ours, for the SPA.
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    schemaHide: true,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      const hashed = filePath.startsWith(path.join(root, 'assets') + path.sep);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (!wantsApp(req)) return reply.callNotFound();
    return sendIndex(reply);
  });
}
