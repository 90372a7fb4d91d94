import { describe, expect, it } from 'vitest';
import type { Problem } from '../../contracts/errors';
import { ApiError } from './api';

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
