// A violated database invariant is the caller's conflict or rule violation, never a 500: the
// registered meaning of the constraint when a module gave one, a generic one otherwise.
import { describe, expect, it } from 'vitest';
import { AppError, constraintViolation, registerConstraintErrors } from './errors';

/** The shape drizzle gives a pg error: the driver's error as `cause`. */
const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error('Failed query'), {
    cause: Object.assign(new Error('violation'), { code, constraint }),
  });

describe('constraintViolation', () => {
  it('maps unique, exclusion, check and foreign-key violations to 409 and 422', () => {
    expect(constraintViolation(pgError('23505', 'x_uq'))).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(constraintViolation(pgError('23P01', 'x_excl'))).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(constraintViolation(pgError('23514', 'x_ck'))).toMatchObject({
      code: 'RULE_VIOLATION',
      status: 422,
    });
    expect(constraintViolation(pgError('23503', 'x_fk'))).toMatchObject({
      code: 'RULE_VIOLATION',
      status: 422,
    });
  });

  it('uses the meaning a module registered for its constraint', () => {
    registerConstraintErrors({ test_slot_excl: { code: 'CONFLICT', detail: 'That slot was just taken.' } });
    const err = constraintViolation(pgError('23P01', 'test_slot_excl'));
    expect(err).toBeInstanceOf(AppError);
    expect(err?.message).toBe('That slot was just taken.');
    expect(err?.extra).toMatchObject({ constraint: 'test_slot_excl' });
    expect(() =>
      registerConstraintErrors({ test_slot_excl: { code: 'RULE_VIOLATION', detail: 'Something else.' } }),
    ).toThrow(/two meanings/);
  });

  it('leaves other errors alone', () => {
    expect(constraintViolation(pgError('22P02'))).toBeNull();
    expect(constraintViolation(pgError('40001'))).toBeNull();
    expect(constraintViolation(new Error('plain'))).toBeNull();
  });
});
