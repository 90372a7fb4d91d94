import { ERROR_STATUS, type ErrorCode, type FieldError } from '../../contracts/errors';

/**
 * The one error type services throw. The HTTP layer renders it as problem+json with the status
 * its code maps to; 5xx details never reach the client.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly extra: { errors?: FieldError[]; [k: string]: unknown } = {},
  ) {
    super(detail);
    this.status = ERROR_STATUS[code];
  }
}

/** The answer for a record that does not exist or that the caller may not see: the two look alike. */
export function notFound(entity: string): AppError {
  return new AppError('NOT_FOUND', `${entity} not found.`);
}

/** A PostgreSQL error's SQLSTATE, whether it came straight from pg/PGlite or wrapped by drizzle. */
export function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint named by a PostgreSQL error, if any (unique, check, exclusion). */
export function constraintName(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
