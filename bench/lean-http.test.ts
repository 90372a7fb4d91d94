// The booking bench's client against a real HTTP server: what it reads must be what was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeanConnection } from './lean-http';

describe('LeanConnection', () => {
  let server: http.Server;
  let origin = '';
  const seen: { method: string; url: string; auth: string | undefined; body: string; socket: unknown }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          auth: req.headers.authorization,
          body,
          socket: req.socket,
        });
        if (req.url === '/chunked') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('a');
          res.end('b');
        } else if (req.url === '/close') {
          res.writeHead(200, { 'content-length': '2', connection: 'close' });
          res.end('ok');
        } else {
          const answer = JSON.stringify({ echo: body, note: 'ünïcode' });
          res.writeHead(req.url === '/taken' ? 409 : 201, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(answer),
          });
          res.end(answer);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the method, path, headers and JSON body, and reads status and body, on one kept connection', async () => {
    seen.length = 0;
    const c = new LeanConnection(origin, { authorization: 'Bearer t0ken' });
    const first = await c.request('POST', '/appointments', JSON.stringify({ slot: 'é' }));
    const second = await c.request('POST', '/taken', '{}');
    const third = await c.request('GET', '/plain');
    c.close();
    expect(first).toEqual({ status: 201, body: JSON.stringify({ echo: '{"slot":"é"}', note: 'ünïcode' }) });
    expect(second.status).toBe(409);
    expect(third.status).toBe(201);
    expect(seen.map((s) => [s.method, s.url, s.auth, s.body])).toEqual([
      ['POST', '/appointments', 'Bearer t0ken', '{"slot":"é"}'],
      ['POST', '/taken', 'Bearer t0ken', '{}'],
      ['GET', '/plain', 'Bearer t0ken', ''],
    ]);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it('connects again after the server closed the connection', async () => {
    const c = new LeanConnection(origin, {});
    expect((await c.request('GET', '/close')).body).toBe('ok');
    // The close may still be on its way: the next request then fails, and the one after reconnects.
    const next = await c.request('GET', '/again').catch(() => c.request('GET', '/again'));
    expect(next.status).toBe(201);
    c.close();
  });

  it('refuses a chunked answer rather than misread it, and one request at a time', async () => {
    const c = new LeanConnection(origin, {});
    await expect(c.request('GET', '/chunked')).rejects.toThrow(/chunked/);
    const pending = c.request('GET', '/one');
    await expect(c.request('GET', '/two')).rejects.toThrow(/one request at a time/);
    expect((await pending).status).toBe(201);
    c.close();
  });
});
