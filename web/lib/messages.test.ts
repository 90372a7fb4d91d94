import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Currency, IanaTimeZone, line, Phone, BirthDate } from '../../contracts/common';
import { ERROR_STATUS, type ErrorCode, type Problem } from '../../contracts/errors';
import { SignUpComplete, TotpCode } from '../../contracts/identity';
import { CreateHospital, SetStaffRoles, UpdateHospital } from '../../contracts/organisation';
import { CreatePatient, Icd10Code, UpdateAllergy } from '../../contracts/patients';
import { weakPasswordReason } from '../../server/modules/identity/identity.crypto';
import { en } from '../i18n/en';
import { ApiError } from './api';
import { errorMessage, validateWith } from './forms';
import { apiErrorMessage, fieldErrorMessage, issueToFieldError, type ZodIssueLike } from './messages';

// zod's own English, which must never reach a person.
const ZOD_ENGLISH = /Invalid input|expected|received|Too small|Too big|Unrecognized key|Invalid option/;

/** The messages validateWith puts on a form's fields for this payload. */
function formErrors(schema: Parameters<typeof validateWith>[0], payload: unknown): Record<string, string> {
  let errors: Record<string, string> = {};
  const parsed = validateWith(schema, payload, { setErrors: (e) => (errors = e) });
  expect(parsed, 'the payload should not validate').toBeNull();
  return errors;
}

const issueOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { reportInput: true }).error!.issues[0] as unknown as ZodIssueLike;

describe('API error codes', () => {
  it('has a message for every stable code, and for the network failing', () => {
    const generic = en.errors.unexpected;
    for (const code of [...(Object.keys(ERROR_STATUS) as ErrorCode[]), 'NETWORK' as const]) {
      const message = apiErrorMessage(code);
      expect(message, code).not.toBe(generic);
      expect(message, code).toBe(en.apiErrors[code as keyof typeof en.apiErrors]);
    }
  });

  it('words an API failure by its code, never by the server’s English detail', () => {
    const problem = (code: ErrorCode, extra: Partial<Problem> = {}): Problem => ({
      type: 'urn:x',
      title: 'x',
      status: ERROR_STATUS[code],
      code,
      detail: 'Some English sentence from the server.',
      ...extra,
    });
    const conflict = new ApiError(409, problem('DEPARTMENT_EXISTS'), 'x');
    expect(errorMessage(conflict)).toBe('A department with this name already exists.');
    expect(errorMessage(new ApiError(500, problem('INTERNAL'), 'x'))).toBe(en.apiErrors.INTERNAL);
    expect(errorMessage(new ApiError(502, null, 'The server answered 502.'))).toBe(en.apiErrors.INTERNAL);
    expect(errorMessage(new ApiError(0, null, 'offline'))).toBe(en.apiErrors.NETWORK);
    const locked = new ApiError(429, problem('RATE_LIMITED', { retryAfterSeconds: 840 }), 'x');
    expect(errorMessage(locked)).toBe('Too many attempts. Try again in 14 minutes.');
    expect(errorMessage(new Error('boom'))).toBe(en.errors.unexpected);
  });
});

describe('field errors by kind', () => {
  const cases: [Parameters<typeof fieldErrorMessage>[0], string][] = [
    [{ message: 'x', code: 'required' }, 'This field is required'],
    [
      { message: 'Required', code: 'too_small', params: { origin: 'string', minimum: 1 } },
      'This field is required',
    ],
    [
      { message: 'x', code: 'too_small', params: { origin: 'string', minimum: 10 } },
      'At least 10 characters',
    ],
    [{ message: 'x', code: 'too_big', params: { origin: 'string', maximum: 1 } }, 'At most 1 character'],
    [
      { message: 'x', code: 'too_big', params: { origin: 'string', maximum: 2000 } },
      'At most 2000 characters',
    ],
    [{ message: 'x', code: 'too_small', params: { origin: 'array', minimum: 1 } }, 'Choose at least 1'],
    [{ message: 'x', code: 'too_big', params: { origin: 'number', maximum: 1500 } }, 'Must be 1,500 or less'],
    [
      { message: 'x', code: 'too_small', params: { origin: 'number', minimum: 0, inclusive: false } },
      'Must be more than 0',
    ],
    [{ message: 'x', code: 'invalid_format', params: { format: 'email' } }, en.fieldErrors.email],
    [{ message: 'x', code: 'invalid_format', params: { format: 'uuid' } }, en.fieldErrors.choose],
    [{ message: 'x', code: 'invalid_format', params: { format: 'regex' } }, en.fieldErrors.format],
    [{ message: 'x', code: 'invalid_type', params: { expected: 'number' } }, 'Enter a number'],
    [{ message: 'x', code: 'invalid_type', params: { expected: 'int' } }, 'Enter a whole number'],
    [{ message: 'x', code: 'invalid_value' }, en.fieldErrors.choose],
    [{ message: 'x', code: 'unrecognized_keys' }, en.fieldErrors.notAccepted],
    [{ message: 'Some new refinement', code: 'custom' }, en.fieldErrors.invalid],
  ];
  it.each(cases)('%o reads "%s"', (error, expected) => {
    expect(fieldErrorMessage(error)).toBe(expected);
  });

  it('words a business rule’s field error by the problem’s code when it has no issue code', () => {
    expect(fieldErrorMessage({ message: 'Already holds this role' }, 'ALREADY_MEMBER')).toBe(
      en.apiErrors.ALREADY_MEMBER,
    );
    expect(fieldErrorMessage({ message: 'Only when granting the doctor role' }, 'VALIDATION_FAILED')).toBe(
      en.fieldErrors.invalid,
    );
    expect(fieldErrorMessage({ message: 'At most 10485760 bytes' }, 'PAYLOAD_TOO_LARGE')).toBe(
      en.fieldErrors.fileTooLarge,
    );
    expect(fieldErrorMessage({ message: 'Not right' }, 'INVALID_CREDENTIALS')).toBe(
      en.fieldErrors.rules.wrongPassword,
    );
  });

  it('has its own words for each reason the server gives for a weak password', () => {
    for (const password of ['short', 'password123', 'aaaaaaaaaaaa', 'asha.rao-2026-long'])
      expect(
        fieldErrorMessage(
          { message: weakPasswordReason(password, 'asha.rao@example.org')! },
          'WEAK_PASSWORD',
        ),
        password,
      ).not.toBe(en.apiErrors.WEAK_PASSWORD);
  });
});

describe('forms checked in the browser against the contracts', () => {
  it('shows "required" for an empty required field, not zod’s English', () => {
    const errors = formErrors(CreatePatient, { familyName: 'Rao' });
    expect(errors.givenName).toBe('This field is required');
    expect(Object.values(errors).join(' ')).not.toMatch(ZOD_ENGLISH);
  });

  it('words each contract rule in its own terms, not generically', () => {
    const rules = en.fieldErrors.rules;
    const checks: [z.ZodType, unknown, string][] = [
      [Phone, '98123', rules.phone],
      [TotpCode, '12ab', rules.sixDigits],
      [CreateHospital.shape.code, 'x', rules.hospitalCode],
      [Currency, 'rupee', rules.currency],
      [Icd10Code, '123', rules.icd10],
      [BirthDate, '1700-01-01', rules.pastDate],
      [IanaTimeZone, 'Mars/Olympus', rules.timeZone],
      [line(), 'a\u202Eb', rules.characters],
      [UpdateHospital, {}, rules.nothingToChange],
      [UpdateAllergy, {}, rules.nothingToChange],
      [SetStaffRoles, { roles: ['nurse', 'nurse'] }, rules.eachOnce],
    ];
    for (const [schema, value, expected] of checks)
      expect(fieldErrorMessage(issueToFieldError(issueOf(schema, value))), JSON.stringify(value)).toBe(
        expected,
      );
  });

  it('puts translated messages on nested fields of a real form', () => {
    const errors = formErrors(SignUpComplete, {
      email: 'nobody',
      code: '12',
      password: 'short',
      fullName: '',
      role: 'doctor',
    });
    expect(errors).toMatchObject({
      email: en.fieldErrors.email,
      code: en.fieldErrors.rules.sixDigits,
      password: 'At least 10 characters',
      fullName: 'This field is required',
    });
    const doctor = formErrors(SignUpComplete, {
      email: 'a@example.org',
      code: '123456',
      password: 'Stethoscope-lantern-42',
      fullName: 'Dr Asha Rao',
      role: 'doctor',
      doctor: { hospitalId: 'not-a-uuid', specialty: 'x'.repeat(121), registrationNumber: 'R1' },
    });
    expect(doctor).toEqual({
      'doctor.hospitalId': en.fieldErrors.choose,
      'doctor.specialty': 'At most 120 characters',
    });
  });

  it('never lets zod’s English through, whatever is wrong', () => {
    const Everything = z.strictObject({
      a: z.string(),
      b: z.number().int().min(1).max(5),
      c: z.enum(['x', 'y']),
      d: z.array(z.string()).min(2),
      e: z.union([z.literal(''), line(3)]),
      f: z.email(),
      g: z.iso.date(),
      h: z.boolean(),
    });
    const errors = formErrors(Everything, {
      b: 2.5,
      c: 'z',
      d: [],
      e: 'abcdef',
      f: 'x',
      g: '2026-13-40',
      h: 'yes',
      i: 1,
    });
    expect(Object.keys(errors).sort()).toEqual(['', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    for (const [field, message] of Object.entries(errors)) expect(message, field).not.toMatch(ZOD_ENGLISH);
  });
});
