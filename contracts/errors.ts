/**
 * Stable machine error codes and the HTTP status each one maps to. The server renders every
 * error as RFC 9457 problem+json with one of these codes; the web app keys its messages on them.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  TOKEN_INVALID: 401,
  TOTP_REQUIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  HOSPITAL_ACCESS_DENIED: 403,
  TWO_FACTOR_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  POSSIBLE_DUPLICATE: 409,
  KNOWN_ELSEWHERE: 409,
  AMBIGUOUS_MATCH: 409,
  ALREADY_DECIDED: 409,
  ERASURE_PENDING: 409,
  PATIENT_IN_CARE: 409,
  MRN_TAKEN: 409,
  ALREADY_REGISTERED: 409,
  HOSPITAL_CODE_TAKEN: 409,
  DEPARTMENT_EXISTS: 409,
  ALREADY_MEMBER: 409,
  TWO_FACTOR_ALREADY_ENABLED: 409,
  TWO_FACTOR_NOT_SET_UP: 409,
  INSUFFICIENT_STOCK: 409,
  PRICE_CHANGED: 409,
  INVALID_TRANSITION: 409,
  IDEMPOTENCY_REUSED: 409,
  SLOT_TAKEN: 409,
  BED_OCCUPIED: 409,
  BED_RESERVED: 409,
  PATIENT_BUSY: 409,
  ALREADY_CHECKED_IN: 409,
  NOT_TODAY: 409,
  APPOINTMENT_NOT_CHECKED_IN: 409,
  PATIENT_IN_CONSULTATION: 409,
  QUEUE_EMPTY: 409,
  ORDER_NOT_APPROVED: 409,
  DAY_CLOSED: 409,
  /** A merge refused: bills were issued or payments taken under the record being merged. */
  BILLS_ISSUED: 409,
  /** A merge refused: both records are in a bed (or hold a reserved bed) at one hospital. */
  STAYS_OVERLAP: 409,
  /** A discharge refused: a lab order of the stay is still waiting for its sample (ADR 30). */
  LAB_SAMPLES_PENDING: 409,
  SEX_DIFFERS: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  WEAK_PASSWORD: 422,
  CODE_INVALID: 422,
  RESET_TOKEN_INVALID: 422,
  INVITATION_INVALID: 422,
  LAST_ADMIN: 422,
  DOCTOR_PROFILE_REQUIRED: 422,
  BATCH_EXPIRED: 422,
  PRESCRIPTION_REQUIRED: 422,
  OVER_DISPENSE: 422,
  OVER_RECEIPT: 422,
  MEDICINE_INACTIVE: 422,
  OUTSIDE_AVAILABILITY: 422,
  IN_THE_PAST: 422,
  DOCTOR_NOT_APPROVED: 422,
  CANCELLATION_CUTOFF: 422,
  SUPPLIER_HAS_NO_EMAIL: 422,
  OVERPAYMENT: 422,
  OVER_CREDIT: 422,
  INSUFFICIENT_ADVANCE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * What kind of problem a field has, so a client can say it in the person's language: zod's issue
 * codes, and `required` for a value that was not sent at all.
 */
export type FieldErrorCode =
  | 'required'
  | 'invalid_type'
  | 'too_small'
  | 'too_big'
  | 'invalid_format'
  | 'not_multiple_of'
  | 'unrecognized_keys'
  | 'invalid_union'
  | 'invalid_key'
  | 'invalid_element'
  | 'invalid_value'
  | 'custom';

/**
 * The limits behind a field error's code, as zod names them: `origin` (string, number, array…),
 * `minimum`, `maximum`, `inclusive`, `exact`, `format` (email, uuid, date, regex…), `expected`
 * (the type wanted), `divisor`.
 */
export type FieldErrorParams = Record<string, string | number | boolean>;

/** One field-level problem: `path` is the dotted location in the request (e.g. `body.email`). */
export interface FieldError {
  path: string;
  /** In English, for developers; clients word the problem from `code` and `params`. */
  message: string;
  /** Set for validation problems; absent for business rules, which the problem's own `code` names. */
  code?: FieldErrorCode;
  params?: FieldErrorParams;
}

/** The problem+json body every error response carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}
