// Field errors carry the kind of problem (zod's issue code, or `required`) and its limits, so the
// web app can word them in the person's language; `path` and `message` stay as they were.
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Email, line, Paging, Phone } from '../../../contracts/common';
import type { Problem } from '../../../contracts/errors';
import { fieldErrorKind, sentValue } from './field-errors';
import { installProblemHandlers } from './problem';

const Body = z.strictObject({
  name: line(20),
  email: Email,
  phone: Phone.optional(),
  age: z.number().int().min(0).max(150).optional(),
  tags: z.array(line(10)).min(1).optional(),
  kind: z.enum(['a', 'b']).optional(),
  note: z.union([z.literal(''), line(5)]).optional(),
});

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app, async () => undefined);
  app.post('/things', { schema: { body: Body } }, async () => ({ ok: true }));
  app.get('/things', { schema: { querystring: Paging } }, async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => app?.close());

async function errorsOf(payload: unknown) {
  const res = await app.inject({ method: 'POST', url: '/things', payload: payload as object });
  expect(res.statusCode).toBe(400);
  const body = res.json<Problem>();
  expect(body.code).toBe('VALIDATION_FAILED');
  return Object.fromEntries((body.errors ?? []).map((e) => [e.path, e]));
}

describe('field errors in problem+json', () => {
  it('marks a field that was not sent as required, and keeps path and message', async () => {
    const errors = await errorsOf({ email: 'a@example.org' });
    expect(errors['body.name']).toEqual({
      path: 'body.name',
      message: 'Invalid input: expected string, received undefined',
      code: 'required',
    });
  });

  it('gives the issue code and its limits for values that were sent', async () => {
    const errors = await errorsOf({
      name: '',
      email: 'nope',
      phone: '12',
      age: 151,
      tags: [],
      kind: 'c',
      note: 'far too long',
    });
    expect(errors['body.name']).toMatchObject({
      message: 'Required',
      code: 'too_small',
      params: { origin: 'string', minimum: 1, inclusive: true },
    });
    expect(errors['body.email']).toMatchObject({ code: 'invalid_format', params: { format: 'email' } });
    expect(errors['body.phone']).toMatchObject({
      message: 'Must be a phone number in international form, e.g. +919812345678',
      code: 'invalid_format',
      params: { format: 'regex' },
    });
    expect(errors['body.age']).toMatchObject({
      code: 'too_big',
      params: { origin: 'number', maximum: 150, inclusive: true },
    });
    expect(errors['body.tags']).toMatchObject({ code: 'too_small', params: { origin: 'array', minimum: 1 } });
    expect(errors['body.kind']).toMatchObject({ code: 'invalid_value' });
    expect(errors['body.note']).toMatchObject({ code: 'too_big', params: { maximum: 5 } });
  });

  it('says which type was expected, and names refused extra fields', async () => {
    const errors = await errorsOf({ name: 'Asha', email: 'a@example.org', age: 'ten', role: 'admin' });
    expect(errors['body.age']).toMatchObject({ code: 'invalid_type', params: { expected: 'number' } });
    expect(errors['body']).toMatchObject({ code: 'unrecognized_keys' });
  });

  it('does the same for query strings', async () => {
    const res = await app.inject({ method: 'GET', url: '/things?limit=1000&offset=-1' });
    const errors = res.json<Problem>().errors ?? [];
    expect(errors.find((e) => e.path === 'querystring.limit')).toMatchObject({
      code: 'too_big',
      params: { maximum: 100 },
    });
    expect(errors.find((e) => e.path === 'querystring.offset')).toMatchObject({
      code: 'too_small',
      params: { minimum: 0 },
    });
  });
});

describe('fieldErrorKind', () => {
  it('words a failed union by its closest branch, and keeps only scalar limits', () => {
    expect(
      fieldErrorKind(
        'invalid_union',
        {
          errors: [
            [{ code: 'invalid_value', values: [''], path: [], message: 'x' }],
            [{ code: 'too_big', origin: 'string', maximum: 5, path: [], message: 'x' }],
          ],
        },
        'abcdefgh',
      ),
    ).toEqual({ code: 'too_big', params: { origin: 'string', maximum: 5 } });
    expect(fieldErrorKind('custom', { params: { nested: { a: 1 } }, values: ['a'] }, 'x')).toEqual({
      code: 'custom',
    });
    expect(fieldErrorKind('too_small', { minimum: 10n, origin: 'bigint' }, 1n)).toEqual({
      code: 'too_small',
      params: { minimum: 10, origin: 'bigint' },
    });
  });

  it('finds what was sent at a path without walking the prototype chain', () => {
    expect(sentValue({ a: [{ b: 1 }] }, '/a/0/b')).toBe(1);
    expect(sentValue({ a: {} }, '/a/b')).toBeUndefined();
    expect(sentValue({}, '/constructor')).toBeUndefined();
    expect(sentValue(null, '/a')).toBeUndefined();
  });
});
