import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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

/** Paths that belong to the API: a miss there is a problem+json 404, never the web app. */
const NOT_SPA = /^\/(api|fhir)(\/|$)/;
/** A last segment with an extension asks for a file (an old hashed asset, a favicon): 404 when missing. */
const LOOKS_LIKE_FILE = /\/[^/]*\.[a-z0-9]+$/i;

function wantsApp(req: FastifyRequest): boolean {
  const urlPath = req.url.split('?')[0] ?? '/';
  return !NOT_SPA.test(urlPath) && !LOOKS_LIKE_FILE.test(urlPath);
}

/**
 * Serves the built single-page app: hashed assets with a year-long immutable cache, index.html for
 * every other GET that is not /api or /fhir (client-side routes), always revalidated. Register it
 * after every API route. When there is no build, the API still starts and pages say how to build.
 */
export async function installWebApp(app: FastifyInstance, root: string = DEFAULT_WEB_ROOT): Promise<void> {
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
