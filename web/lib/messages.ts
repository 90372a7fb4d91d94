import type { ErrorCode, FieldError, FieldErrorParams } from '../../contracts/errors';
import i18n from '../i18n';
import type { errorMessages } from '../i18n/en/errors';

type RuleKey = keyof typeof errorMessages.fieldErrors.rules;

/**
 * Checks whose code alone says too little (a regex, a refinement, a business rule), found by the
 * English message the contract or the server gives them. A message missing here still gets a
 * translated message from its code; this only makes it more precise.
 */
const RULES: Record<string, RuleKey> = {
  'Must be a phone number in international form, e.g. +919812345678': 'phone',
  'The code is 6 digits': 'sixDigits',
  'Must be 2 to 10 letters or digits, e.g. CGH': 'hospitalCode',
  'Must be an ISO 4217 currency code such as INR': 'currency',
  'Must be an ICD-10 code such as J45 or E11.9': 'icd10',
  'Must be a date between 1880-01-01 and today': 'pastDate',
  'Must be an IANA time zone such as Asia/Kolkata': 'timeZone',
  'Contains characters that are not allowed': 'characters',
  'Doctors must give their details': 'doctorDetails',
  'Send at least one field to change': 'nothingToChange',
  'Give at least one field to change': 'nothingToChange',
  'Each role once': 'eachOnce',
  'Each kind at most once': 'eachOnce',
  'Give the e-mail, or the date of birth and the phone': 'emailOrBirthAndPhone',
  // The server's reasons for WEAK_PASSWORD and other refusals of one field.
  'Use at least 10 characters.': 'passwordLength',
  'This password is too common.': 'passwordCommon',
  'Use more varied characters.': 'passwordVaried',
  'Do not use your email address in your password.': 'passwordEmail',
  'Wrong or already used code': 'wrongCode',
  'Wrong or used code': 'wrongCode',
  'Wrong or expired code': 'wrongCode',
  'Wrong code': 'wrongCode',
  'Not right': 'wrongPassword',
  'Unknown department': 'unknownDepartment',
  'Unknown hospital': 'unknownHospital',
  'Already in use': 'nameInUse',
};

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

function limit(v: unknown): string {
  const n = num(v);
  return Number.isFinite(n) ? new Intl.NumberFormat(i18n.language).format(n) : String(v);
}

function tooSmall(p: FieldErrorParams): string {
  const min = num(p.minimum);
  switch (p.origin) {
    case 'string':
      if (min <= 1) return i18n.t('fieldErrors.required');
      return p.exact
        ? i18n.t('fieldErrors.exactLength', { count: min })
        : i18n.t('fieldErrors.tooShort', { count: min });
    case 'array':
    case 'set':
      return i18n.t('fieldErrors.chooseAtLeast', { count: min });
    case 'number':
    case 'int':
    case 'bigint':
      return i18n.t(p.inclusive === false ? 'fieldErrors.moreThan' : 'fieldErrors.atLeast', {
        limit: limit(p.minimum),
      });
    default:
      return i18n.t('fieldErrors.invalid');
  }
}

function tooBig(p: FieldErrorParams): string {
  const max = num(p.maximum);
  switch (p.origin) {
    case 'string':
      return p.exact
        ? i18n.t('fieldErrors.exactLength', { count: max })
        : i18n.t('fieldErrors.tooLong', { count: max });
    case 'array':
    case 'set':
      return i18n.t('fieldErrors.chooseAtMost', { count: max });
    case 'number':
    case 'int':
    case 'bigint':
      return i18n.t(p.inclusive === false ? 'fieldErrors.lessThan' : 'fieldErrors.atMost', {
        limit: limit(p.maximum),
      });
    case 'file':
      return i18n.t('fieldErrors.fileTooLarge');
    default:
      return i18n.t('fieldErrors.invalid');
  }
}

function badFormat(p: FieldErrorParams): string {
  switch (p.format) {
    case 'email':
      return i18n.t('fieldErrors.email');
    case 'uuid':
    case 'guid':
      return i18n.t('fieldErrors.choose');
    case 'date':
      return i18n.t('fieldErrors.date');
    case 'datetime':
      return i18n.t('fieldErrors.dateTime');
    case 'url':
      return i18n.t('fieldErrors.url');
    default:
      return i18n.t('fieldErrors.format');
  }
}

function wrongType(p: FieldErrorParams): string {
  if (p.expected === 'int') return i18n.t('fieldErrors.wholeNumber');
  if (p.expected === 'number' || p.expected === 'bigint') return i18n.t('fieldErrors.number');
  return i18n.t('fieldErrors.wrongType');
}

/** A field's message for a problem with no issue code: a business rule, named by the problem's code. */
function byProblemCode(problemCode: ErrorCode | undefined): string {
  switch (problemCode) {
    case undefined:
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
      return i18n.t('fieldErrors.invalid');
    case 'PAYLOAD_TOO_LARGE':
      return i18n.t('fieldErrors.fileTooLarge');
    default:
      return apiErrorMessage(problemCode);
  }
}

/**
 * What to show under a field, in the person's language: from the issue code and its limits, or
 * for a known rule its own words; never the English `message` of the contract or the server.
 */
export function fieldErrorMessage(e: Omit<FieldError, 'path'>, problemCode?: ErrorCode): string {
  const rule = Object.hasOwn(RULES, e.message) ? RULES[e.message] : undefined;
  if (rule) return i18n.t(`fieldErrors.rules.${rule}`);
  const p = e.params ?? {};
  switch (e.code) {
    case undefined:
      return byProblemCode(problemCode);
    case 'required':
      return i18n.t('fieldErrors.required');
    case 'too_small':
      return tooSmall(p);
    case 'too_big':
      return tooBig(p);
    case 'invalid_format':
      return badFormat(p);
    case 'invalid_type':
      return wrongType(p);
    case 'invalid_value':
      return i18n.t('fieldErrors.choose');
    case 'not_multiple_of':
      return i18n.t('fieldErrors.multipleOf', { limit: limit(p.divisor) });
    case 'unrecognized_keys':
      return i18n.t('fieldErrors.notAccepted');
    default:
      return i18n.t('fieldErrors.invalid');
  }
}

/** The message for an API error code (and the network failing), in the person's language. */
export function apiErrorMessage(
  code: ErrorCode | 'NETWORK',
  extra: { retryAfterSeconds?: unknown } = {},
): string {
  if (code === 'RATE_LIMITED' && typeof extra.retryAfterSeconds === 'number' && extra.retryAfterSeconds > 0) {
    return i18n.t('rateLimitedFor', { count: Math.ceil(extra.retryAfterSeconds / 60) });
  }
  const key = `apiErrors.${code}`;
  return i18n.exists(key) ? i18n.t(key as 'apiErrors.INTERNAL') : i18n.t('errors.unexpected');
}

/** A zod issue as `safeParse(…, { reportInput: true })` reports it. */
export interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  [detail: string]: unknown;
}

const PARAM_KEYS = ['origin', 'minimum', 'maximum', 'inclusive', 'exact', 'format', 'expected', 'divisor'];

/**
 * A zod issue found in the browser, in the shape the server reports field errors in: `required`
 * for a value not given at all, otherwise the issue code with its limits.
 */
export function issueToFieldError(issue: ZodIssueLike): FieldError {
  const path = issue.path.map(String).join('.');
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union'))
    return { path, message: issue.message, code: 'required' };
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors)) {
    const branches = (issue.errors as ZodIssueLike[][]).map((b) => b[0]).filter((i) => !!i);
    const closest = branches.find((i) => i.code !== 'invalid_type' && i.code !== 'invalid_value');
    if (closest) return { ...issueToFieldError({ ...closest, input: issue.input }), path };
  }
  const params: FieldErrorParams = {};
  for (const key of PARAM_KEYS) {
    const v = issue[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[key] = v;
    else if (typeof v === 'bigint') params[key] = Number(v);
  }
  return { path, message: issue.message, code: issue.code as FieldError['code'], params };
}
