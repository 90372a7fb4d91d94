import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandlers } from './problem';
import { installWebApp } from './web';

/** A Fastify app with the real problem handlers, an API route, and the web app served from `root`. */
async function appServing(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installProblemHandlers(app, async () => undefined);
  app.get('/api/ping', async () => ({ pong: true }));
  await installWebApp(app, root);
  await app.ready();
  return app;
}

describe('serving the built web app', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'main-abc123.js'), 'console.log("app")');
    fs.writeFileSync(path.join(dir, 'assets', 'main-abc123.js.gz'), Buffer.from([0x1f, 0x8b])); // presence is what counts
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
    app = await appServing(dir);
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const url of ['/', '/app', '/app/patients/123', '/sign-in?next=%2Fapp']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a year-long immutable cache, pre-compressed when asked', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log("app")');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await app.inject({
      method: 'GET',
      url: '/assets/main-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset and unknown API paths with a 404 problem, not the app', async () => {
    for (const url of ['/assets/old-deadbeef.js', '/api/nope', '/api', '/robots.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Under /fhir, the same 404 as FHIR clients read errors: an OperationOutcome.
    const fhir = await app.inject({ method: 'GET', url: '/fhir/R4/Patient' });
    expect(fhir.statusCode).toBe(404);
    expect(fhir.headers['content-type']).toContain('application/fhir+json');
    expect(fhir.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
    expect((await app.inject({ method: 'GET', url: '/api/ping' })).json()).toEqual({ pong: true });
  });

  it('does not serve files outside the build', async () => {
    const res = await app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' });
    expect(res.body).not.toContain('root:');
  });
});

describe('without a build', () => {
  it('still starts, and pages say how to build the app while the API works', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-noweb-'));
    const app = await appServing(empty);
    try {
      const page = await app.inject({ method: 'GET', url: '/app/patients' });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('npm run build');
      expect((await app.inject({ method: 'GET', url: '/api/ping' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
    } finally {
      await app.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
