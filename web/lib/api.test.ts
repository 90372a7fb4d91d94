import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../contracts/errors';
import { ApiError, post, postFile, setCsrfToken, upload } from './api';

const problem = (extra: Partial<Problem>): Problem => ({
  type: 'urn:x',
  title: 'Bad request',
  status: 400,
  code: 'VALIDATION_FAILED',
  detail: 'body.email: Must be an email address',
  ...extra,
});

describe('ApiError', () => {
  it('keys field errors by form path, first message per field', () => {
    const err = new ApiError(
      400,
      problem({
        errors: [
          { path: 'body.email', message: 'Must be an email address' },
          { path: 'body.email', message: 'second message is dropped' },
          { path: 'body.doctor.hospitalId', message: 'Unknown hospital' },
          { path: 'query.limit', message: 'Too big' },
        ],
      }),
      'fallback',
    );
    expect(err.fieldErrors).toEqual({
      email: 'Must be an email address',
      'doctor.hospitalId': 'Unknown hospital',
      limit: 'Too big',
    });
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('body.email: Must be an email address');
  });

  it('falls back sensibly without a problem body', () => {
    expect(new ApiError(0, null, 'offline').code).toBe('NETWORK');
    const err = new ApiError(502, null, 'The server answered 502.');
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toBe('The server answered 502.');
    expect(err.fieldErrors).toEqual({});
  });
});

describe('request bodies', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  function captureFetch() {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(
        new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } }),
      );
    });
    return calls;
  }

  it('sends FormData as it is, letting the browser set the multipart type, with the CSRF token', async () => {
    const calls = captureFetch();
    setCsrfToken('tok');
    const form = new FormData();
    form.set('kind', 'other');
    await upload('/api/patients/x/documents', form);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(calls[0]!.init.body).toBe(form);
    expect(headers['content-type']).toBeUndefined();
    expect(headers['x-csrf-token']).toBe('tok');
  });

  it('sends a file as it is, with its own content type and the CSRF token', async () => {
    const calls = captureFetch();
    setCsrfToken('tok');
    const file = new Blob(['generic_name,form\nParacetamol,tablet\n'], { type: 'text/csv' });
    await postFile('/api/medicines/import', file);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(calls[0]!.init.body).toBe(file);
    expect(headers['content-type']).toBe('text/csv');
    expect(headers['x-csrf-token']).toBe('tok');
  });

  it('sends other bodies as JSON', async () => {
    const calls = captureFetch();
    await post('/api/x', { a: 1 });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]!.init.body).toBe('{"a":1}');
  });
});

describe('answers the app does not use', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lets go of a body it does not read (a proxy's HTML error page), so no request stays open", async () => {
    const page = new Response('<html><body>502 Bad Gateway</body></html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    vi.stubGlobal('fetch', () => Promise.resolve(page));
    await expect(post('/api/x', {})).rejects.toMatchObject({ status: 502, code: 'INTERNAL' });
    expect(page.bodyUsed).toBe(true);
  });
});
