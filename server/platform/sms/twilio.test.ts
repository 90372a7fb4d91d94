import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutboxMessage, listOutbox } from '../mail/outbox';
import { createSmsProvider } from './sms';
import { SmsRejectedError } from './sms.types';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

/** A local stand-in for a Twilio-style API that answers with whatever the test queues up. */
const received: Received[] = [];
const answers: { status: number; body: string }[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        form: new URLSearchParams(body),
      });
      const a = answers.shift() ?? {
        status: 201,
        body: JSON.stringify({ sid: `SM${received.length}`, status: 'queued' }),
      };
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/2010-04-01`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const provider = () =>
  createSmsProvider({
    providerUrl: baseUrl,
    accountSid: 'AC123',
    authToken: 's3cret',
    from: '+15005550006',
    outboxDir: '/nonexistent',
  });

describe('Twilio-style SMS provider', () => {
  it('posts the message as a form to Accounts/{sid}/Messages.json with basic auth', async () => {
    const r = await provider().send({
      to: '+919812345678',
      body: 'Your appointment is at 10:30',
      idempotencyKey: 'key-1',
    });
    expect(r.providerId).toMatch(/^SM\d+$/);
    const req = received.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('AC123:s3cret').toString('base64')}`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['idempotency-key']).toBe('key-1');
    expect(Object.fromEntries(req.form)).toEqual({
      To: '+919812345678',
      From: '+15005550006',
      Body: 'Your appointment is at 10:30',
    });
  });

  it('refuses a number that is not E.164 without calling the provider', async () => {
    const before = received.length;
    await expect(provider().send({ to: '09812345678', body: 'x' })).rejects.toBeInstanceOf(SmsRejectedError);
    expect(received.length).toBe(before);
  });

  it('treats a 4xx answer as a refusal and a 5xx answer as a failure worth retrying', async () => {
    answers.push({
      status: 400,
      body: JSON.stringify({ code: 21211, message: "The 'To' number is not valid." }),
    });
    await expect(provider().send({ to: '+919812345678', body: 'x' })).rejects.toThrow(SmsRejectedError);
    answers.push({ status: 503, body: '<html>busy</html>' });
    const err = await provider()
      .send({ to: '+919812345678', body: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(SmsRejectedError);
    expect((err as Error).message).toContain('HTTP 503');
  });
});

describe('outbox SMS (no provider configured)', () => {
  it('writes the message to the outbox folder, where the outbox reader finds it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-sms-'));
    try {
      const sms = createSmsProvider({ outboxDir: dir });
      const { providerId } = await sms.send({ to: '+919812345678', body: 'Hello from the outbox' });
      const page = await listOutbox(dir, { limit: 10, offset: 0 });
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({
        id: providerId,
        channel: 'sms',
        to: '+919812345678',
        subject: 'Hello from the outbox',
      });
      expect(await readOutboxMessage(dir, providerId)).toMatchObject({
        text: 'Hello from the outbox',
        from: 'Hospitium',
      });
      expect(await readOutboxMessage(dir, '../../etc/passwd')).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
