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

/** A PostgreSQL error's SQLSTATE, whether it came straight from pg or wrapped by drizzle. */
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

/** What a violated database invariant means to the caller. */
export interface ConstraintAnswer {
  code: ErrorCode;
  detail: string;
}

const byConstraint = new Map<string, ConstraintAnswer>();

/**
 * Names what each of a module's constraints means (modules list them in their manifest). The
 * database holds invariants under concurrency; the code checks first for a friendly answer, and this
 * turns the rare race that only the database caught into the same answer instead of a 500.
 */
export function registerConstraintErrors(map: Record<string, ConstraintAnswer>): void {
  for (const [name, answer] of Object.entries(map)) {
    const known = byConstraint.get(name);
    if (known && (known.code !== answer.code || known.detail !== answer.detail)) {
      throw new Error(`Constraint ${name} is given two meanings`);
    }
    byConstraint.set(name, answer);
  }
}

const GENERIC: Record<string, ConstraintAnswer> = {
  '23505': { code: 'CONFLICT', detail: 'A record with these details already exists.' },
  '23P01': { code: 'CONFLICT', detail: 'This overlaps with an existing record.' },
  '23514': { code: 'RULE_VIOLATION', detail: 'The change would break a rule the records must keep.' },
  '23503': {
    code: 'RULE_VIOLATION',
    detail: 'A record this refers to does not exist, or another record still refers to this one.',
  },
};

/**
 * The AppError for a unique (23505), exclusion (23P01), check (23514) or foreign-key (23503)
 * violation: the registered meaning of the constraint, else a generic one. Null for anything else.
 */
export function constraintViolation(err: unknown): AppError | null {
  const state = sqlState(err);
  const generic = state ? GENERIC[state] : undefined;
  if (!generic) return null;
  const name = constraintName(err);
  const answer = (name && byConstraint.get(name)) || generic;
  return new AppError(answer.code, answer.detail, name ? { constraint: name } : {});
}
