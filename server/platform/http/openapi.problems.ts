import { STATUS_CODES } from 'node:http';
import { ERROR_STATUS, type ErrorCode } from '../../../contracts/errors';
import type { Access } from '../../../contracts/permissions';

/**
 * The error answers of each operation in the OpenAPI document, as problem+json (RFC 9457) bodies
 * that all reference one `Problem` schema. Most are derived from what the route declares (its
 * access rule, parameters, body, rate limit), so a new route documents them without doing anything;
 * the errors only a service knows about are listed per operation in OPERATION_ERRORS.
 */

/** What the document needs to know about a route to list the errors it can answer with. */
export interface RouteFacts {
  method: string;
  access: Access | undefined;
  hasParams: boolean;
  hasQuery: boolean;
  /** A body schema, or a declared media type (multipart uploads). */
  hasBody: boolean;
  rateLimited: boolean;
}

/**
 * Errors the services raise beyond what the route declaration implies, by operationId. Keep it
 * in step with the services (the OpenAPI test fails on an operationId that no longer exists).
 */
export const OPERATION_ERRORS: Readonly<Record<string, readonly ErrorCode[]>> = {
  signIn: ['INVALID_CREDENTIALS', 'TOTP_REQUIRED'],
  issueTokens: ['INVALID_CREDENTIALS', 'TOTP_REQUIRED'],
  refreshToken: ['TOKEN_INVALID'],
  completeSignUp: ['CODE_INVALID', 'EMAIL_TAKEN', 'WEAK_PASSWORD'],
  changePassword: ['INVALID_CREDENTIALS', 'WEAK_PASSWORD'],
  completePasswordReset: ['RESET_TOKEN_INVALID', 'WEAK_PASSWORD'],
  setUpTwoFactor: ['TWO_FACTOR_ALREADY_ENABLED'],
  enableTwoFactor: ['TWO_FACTOR_ALREADY_ENABLED', 'TWO_FACTOR_NOT_SET_UP', 'CODE_INVALID'],
  disableTwoFactor: ['INVALID_CREDENTIALS', 'TWO_FACTOR_NOT_SET_UP', 'CODE_INVALID'],
  registerPatient: ['POSSIBLE_DUPLICATE', 'KNOWN_ELSEWHERE', 'MRN_TAKEN'],
  registerExistingPatient: ['ALREADY_REGISTERED', 'AMBIGUOUS_MATCH', 'MRN_TAKEN', 'NOT_FOUND'],
  getOwnPatient: ['NOT_FOUND'],
  updatePatientAllergy: ['RULE_VIOLATION'],
  updatePatientCondition: ['RULE_VIOLATION'],
  createHospital: ['HOSPITAL_CODE_TAKEN'],
  createDepartment: ['DEPARTMENT_EXISTS'],
  updateDepartment: ['DEPARTMENT_EXISTS'],
  setStaffMemberRoles: ['DOCTOR_PROFILE_REQUIRED', 'LAST_ADMIN'],
  deactivateStaffMember: ['LAST_ADMIN'],
  createStaffInvitation: ['ALREADY_MEMBER', 'DOCTOR_PROFILE_REQUIRED'],
  revokeStaffInvitation: ['ALREADY_DECIDED'],
  acceptInvitation: ['INVITATION_INVALID', 'EMAIL_TAKEN', 'WEAK_PASSWORD'],
  approveDoctor: ['ALREADY_DECIDED'],
  rejectDoctor: ['ALREADY_DECIDED'],
  withdrawDocument: ['CONFLICT'],
  // pharmacy
  createMedicine: ['CONFLICT'],
  updateMedicine: ['CONFLICT'],
  createStore: ['CONFLICT'],
  createPrescription: ['MEDICINE_INACTIVE'],
  dispensePrescription: [
    'INVALID_TRANSITION',
    'OVER_DISPENSE',
    'MEDICINE_INACTIVE',
    'INSUFFICIENT_STOCK',
    'BATCH_EXPIRED',
    'IDEMPOTENCY_REUSED',
  ],
  createPharmacySale: ['MEDICINE_INACTIVE', 'INSUFFICIENT_STOCK', 'BATCH_EXPIRED', 'IDEMPOTENCY_REUSED'],
  createShopOrder: [
    'PRESCRIPTION_REQUIRED',
    'PRICE_CHANGED',
    'MEDICINE_INACTIVE',
    'INSUFFICIENT_STOCK',
    'IDEMPOTENCY_REUSED',
  ],
  cancelShopOrder: ['INVALID_TRANSITION'],
  approvePharmacyOrder: ['INVALID_TRANSITION'],
  dispensePharmacyOrder: ['INVALID_TRANSITION', 'INSUFFICIENT_STOCK', 'BATCH_EXPIRED'],
  rejectPharmacyOrder: ['INVALID_TRANSITION'],
  completePharmacyOrder: ['INVALID_TRANSITION'],
  cancelPharmacyOrder: ['INVALID_TRANSITION'],
  createStockReceipt: ['MEDICINE_INACTIVE', 'BATCH_EXPIRED'],
  createStockAdjustment: ['INSUFFICIENT_STOCK'],
  issueWardRequest: ['INVALID_TRANSITION', 'INSUFFICIENT_STOCK', 'BATCH_EXPIRED', 'CONFLICT'],
  receiveWardRequest: ['INVALID_TRANSITION'],
  cancelWardRequest: ['INVALID_TRANSITION'],
  closeWardRequest: ['INVALID_TRANSITION'],
  createStockTake: ['CONFLICT'],
  setStockTakeCounts: ['INVALID_TRANSITION'],
  postStockTake: ['INVALID_TRANSITION', 'INSUFFICIENT_STOCK'],
  cancelStockTake: ['INVALID_TRANSITION'],
  // procurement
  createSupplier: ['CONFLICT'],
  updateSupplier: ['CONFLICT'],
  setSupplierItem: ['CONFLICT'],
  createPurchaseOrder: ['CONFLICT', 'MEDICINE_INACTIVE'],
  updatePurchaseOrder: ['INVALID_TRANSITION', 'MEDICINE_INACTIVE'],
  submitPurchaseOrder: ['INVALID_TRANSITION', 'CONFLICT'],
  approvePurchaseOrder: ['INVALID_TRANSITION', 'CONFLICT'],
  amendPurchaseOrder: ['INVALID_TRANSITION', 'CONFLICT'],
  cancelPurchaseOrder: ['INVALID_TRANSITION'],
  createPurchaseOrderReceipt: [
    'INVALID_TRANSITION',
    'OVER_RECEIPT',
    'BATCH_EXPIRED',
    'MEDICINE_INACTIVE',
    'IDEMPOTENCY_REUSED',
  ],
  createSupplierReturn: ['INSUFFICIENT_STOCK'],
  sendPurchaseOrder: ['ORDER_NOT_APPROVED', 'SUPPLIER_HAS_NO_EMAIL'],
  listReorderSuggestions: ['NOT_FOUND'],
  createOrdersFromSuggestions: ['NOT_FOUND', 'CONFLICT', 'MEDICINE_INACTIVE'],
  // scheduling
  getAvailability: ['NOT_FOUND'],
  createAvailabilityTemplate: ['NOT_FOUND', 'CONFLICT'],
  createAvailabilityException: ['NOT_FOUND'],
  listDoctorSlots: ['DOCTOR_NOT_APPROVED'],
  createAppointment: [
    'NOT_FOUND',
    'IN_THE_PAST',
    'DOCTOR_NOT_APPROVED',
    'OUTSIDE_AVAILABILITY',
    'SLOT_TAKEN',
    'PATIENT_BUSY',
    'IDEMPOTENCY_REUSED',
    'MRN_TAKEN',
  ],
  listAppointments: ['NOT_FOUND'],
  listOwnAppointments: ['NOT_FOUND'],
  listOwnDoctorAppointments: ['NOT_FOUND'],
  rescheduleAppointment: [
    'INVALID_TRANSITION',
    'CANCELLATION_CUTOFF',
    'IN_THE_PAST',
    'DOCTOR_NOT_APPROVED',
    'OUTSIDE_AVAILABILITY',
    'SLOT_TAKEN',
    'PATIENT_BUSY',
  ],
  cancelAppointment: ['INVALID_TRANSITION', 'CANCELLATION_CUTOFF'],
  // queue
  checkInAppointment: ['ALREADY_CHECKED_IN', 'NOT_TODAY', 'INVALID_TRANSITION'],
  createWalkIn: ['DOCTOR_NOT_APPROVED', 'PATIENT_BUSY', 'IDEMPOTENCY_REUSED'],
  getMyQueue: ['NOT_FOUND'],
  callNextPatient: ['NOT_FOUND', 'PATIENT_IN_CONSULTATION', 'QUEUE_EMPTY'],
  returnToQueue: ['INVALID_TRANSITION'],
  streamQueueBoard: ['UNAVAILABLE'],
  // clinical
  importIcd10: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  openConsultation: [
    'NOT_FOUND',
    'DOCTOR_PROFILE_REQUIRED',
    'APPOINTMENT_NOT_CHECKED_IN',
    'PATIENT_IN_CONSULTATION',
    'CONFLICT',
  ],
  updateConsultation: ['INVALID_TRANSITION'],
  checkConsultationPrescription: ['INVALID_TRANSITION'],
  closeConsultation: ['INVALID_TRANSITION', 'MEDICINE_INACTIVE', 'APPOINTMENT_NOT_CHECKED_IN'],
  addConsultationAddendum: ['INVALID_TRANSITION', 'DOCTOR_PROFILE_REQUIRED'],
  getPrescriptionPdf: ['INVALID_TRANSITION'],
  listOwnVisits: ['NOT_FOUND'],
  markAppointmentNoShow: ['INVALID_TRANSITION', 'RULE_VIOLATION'],
  // billing
  createBillingService: ['CONFLICT'],
  // lab
  createLabTest: ['CONFLICT', 'NOT_FOUND', 'RULE_VIOLATION'],
  updateLabTest: ['RULE_VIOLATION'],
  createLabOrder: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'RULE_VIOLATION', 'IDEMPOTENCY_REUSED'],
  collectLabSample: ['INVALID_TRANSITION'],
  rejectLabSample: ['INVALID_TRANSITION'],
  cancelLabOrder: ['INVALID_TRANSITION'],
  getLabOrderLabels: ['INVALID_TRANSITION'],
  enterLabResults: ['INVALID_TRANSITION'],
  verifyLabResults: ['INVALID_TRANSITION', 'RULE_VIOLATION'],
  getLabReportPdf: ['INVALID_TRANSITION'],
  createInvoice: ['MEDICINE_INACTIVE', 'RULE_VIOLATION', 'NOT_FOUND'],
  updateInvoice: ['INVALID_TRANSITION'],
  addInvoiceLine: ['INVALID_TRANSITION', 'MEDICINE_INACTIVE', 'RULE_VIOLATION'],
  updateInvoiceLine: ['INVALID_TRANSITION'],
  deleteInvoiceLine: ['INVALID_TRANSITION'],
  finaliseInvoice: ['INVALID_TRANSITION', 'RULE_VIOLATION'],
  discardInvoice: ['INVALID_TRANSITION'],
  recordInvoicePayment: [
    'INVALID_TRANSITION',
    'OVERPAYMENT',
    'INSUFFICIENT_ADVANCE',
    'IDEMPOTENCY_REUSED',
    'DAY_CLOSED',
    'RULE_VIOLATION',
  ],
  issueCreditNote: [
    'INVALID_TRANSITION',
    'OVER_CREDIT',
    'IDEMPOTENCY_REUSED',
    'DAY_CLOSED',
    'RULE_VIOLATION',
  ],
  recordAdvance: ['NOT_FOUND', 'IDEMPOTENCY_REUSED', 'DAY_CLOSED'],
  refundAdvance: ['NOT_FOUND', 'INSUFFICIENT_ADVANCE', 'IDEMPOTENCY_REUSED', 'DAY_CLOSED'],
  closeCashDay: ['CONFLICT'],
  // privacy
  requestErasure: ['NOT_FOUND', 'ERASURE_PENDING', 'PATIENT_IN_CARE'],
  cancelErasureRequest: ['ALREADY_DECIDED'],
  refuseErasureRequest: ['ALREADY_DECIDED'],
  completeErasureRequest: ['ALREADY_DECIDED', 'PATIENT_IN_CARE'],
  // wards
  createWard: ['CONFLICT', 'RULE_VIOLATION'],
  updateWard: ['CONFLICT', 'INVALID_TRANSITION', 'RULE_VIOLATION'],
  createWardRoom: ['NOT_FOUND', 'CONFLICT'],
  updateWardRoom: ['CONFLICT', 'INVALID_TRANSITION'],
  createBed: ['NOT_FOUND', 'CONFLICT'],
  updateBed: ['CONFLICT', 'INVALID_TRANSITION'],
  deleteBed: ['CONFLICT'],
  markBedReady: ['INVALID_TRANSITION'],
  admitPatient: [
    'NOT_FOUND',
    'BED_OCCUPIED',
    'BED_RESERVED',
    'CONFLICT',
    'INVALID_TRANSITION',
    'RULE_VIOLATION',
  ],
  admitUnidentifiedPatient: [
    'NOT_FOUND',
    'BED_OCCUPIED',
    'BED_RESERVED',
    'INVALID_TRANSITION',
    'RULE_VIOLATION',
  ],
  transferPatient: ['BED_OCCUPIED', 'BED_RESERVED', 'CONFLICT', 'INVALID_TRANSITION', 'RULE_VIOLATION'],
  reserveBed: [
    'NOT_FOUND',
    'CONFLICT',
    'BED_OCCUPIED',
    'BED_RESERVED',
    'INVALID_TRANSITION',
    'IN_THE_PAST',
    'RULE_VIOLATION',
  ],
  cancelBedReservation: ['NOT_FOUND', 'INVALID_TRANSITION'],
  listOwnAdmissions: ['NOT_FOUND'],
  dischargePatient: ['INVALID_TRANSITION', 'LAB_SAMPLES_PENDING'],
  streamBedBoard: ['UNAVAILABLE'],
  recordAdmissionVitals: ['INVALID_TRANSITION'],
  writeNursingNote: ['INVALID_TRANSITION'],
  recordMedicationAdministration: [
    'INVALID_TRANSITION',
    'RULE_VIOLATION',
    'INSUFFICIENT_STOCK',
    'BATCH_EXPIRED',
    'IDEMPOTENCY_REUSED',
  ],
  chargeWardService: ['INVALID_TRANSITION', 'RULE_VIOLATION', 'IDEMPOTENCY_REUSED'],
  voidWardCharge: ['INVALID_TRANSITION'],
  mergeTemporaryPatient: [
    'NOT_FOUND',
    'INVALID_TRANSITION',
    'RULE_VIOLATION',
    'BILLS_ISSUED',
    'STAYS_OVERLAP',
    'PATIENT_BUSY',
  ],
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The error codes an operation can answer with, derived from its route and OPERATION_ERRORS. */
export function problemCodes(facts: RouteFacts, operationId: string): ErrorCode[] {
  // Every request with an access rule is authenticated first, and a malformed X-Hospital-Id
  // header (or JSON body) is refused before the route runs.
  const codes = new Set<ErrorCode>(['BAD_REQUEST']);
  if (facts.hasParams || facts.hasQuery || facts.hasBody) codes.add('VALIDATION_FAILED');
  if (facts.hasBody) {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  if (facts.access && facts.access !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('TOKEN_INVALID');
    // X-Hospital-Id naming a hospital the caller holds no role at, or none to act in.
    codes.add('HOSPITAL_ACCESS_DENIED');
    if (!SAFE_METHODS.has(facts.method)) codes.add('CSRF_FAILED');
  }
  if (facts.access && typeof facts.access === 'object') {
    codes.add('FORBIDDEN');
    codes.add('TWO_FACTOR_REQUIRED');
  }
  if (facts.hasParams) {
    // Out of scope looks the same as missing: 404 for both.
    codes.add('NOT_FOUND');
    // A path parameter over the router's length limit.
    codes.add('URI_TOO_LONG');
  }
  if (facts.rateLimited) codes.add('RATE_LIMITED');
  // PostgreSQL refusing concurrent work (a deadlock, a serialization failure) or a statement over
  // its time limit: try again (Retry-After).
  if (facts.access) codes.add('UNAVAILABLE');
  for (const code of OPERATION_ERRORS[operationId] ?? []) codes.add(code);
  return [...codes];
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

export interface ResponseObject {
  description: string;
  content?: Record<string, { schema: unknown }>;
}

/** One response per status the codes map to, each listing its codes and referencing `Problem`. */
export function problemResponses(codes: readonly ErrorCode[]): Record<string, ResponseObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, ResponseObject> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const listed = byStatus.get(status)!.map((c) => `\`${c}\``);
    out[String(status)] = {
      description: `${STATUS_CODES[status] ?? 'Error'}: ${listed.join(', ')}`,
      content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_REF } } },
    };
  }
  return out;
}

/** The problem+json body every error carries (contracts/errors.ts `Problem`), as JSON Schema. */
export function problemSchemas(): Record<string, unknown> {
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[];
  return {
    Problem: {
      type: 'object',
      description:
        'An error, as RFC 9457 problem details (`application/problem+json`). Clients branch on `code`, ' +
        'which is stable; `title` and `detail` are for people. Some codes add members: ' +
        '`candidates` (the likely matches) with `POSSIBLE_DUPLICATE`, `retryAfterSeconds` with a ' +
        'sign-in lockout (`RATE_LIMITED`).',
      required: ['type', 'title', 'status', 'code', 'detail'],
      properties: {
        type: {
          type: 'string',
          format: 'uri',
          description: 'Names the problem: `urn:hospitium:problem:` and the code in kebab case.',
        },
        title: { type: 'string', description: 'A short summary of the HTTP status.' },
        status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code.' },
        code: {
          type: 'string',
          enum: codes,
          description:
            'The stable machine code, and the HTTP status it always comes with: ' +
            codes.map((c) => `\`${c}\` ${ERROR_STATUS[c]}`).join(', ') +
            '.',
        },
        detail: { type: 'string', description: 'What went wrong, for a person to read.' },
        instance: { type: 'string', description: 'The path of the request (without its query).' },
        requestId: {
          type: 'string',
          description: 'The request id, also sent as the X-Request-Id header; quote it when reporting.',
        },
        errors: {
          type: 'array',
          description: 'The fields that were refused, when the request did not validate.',
          items: { $ref: '#/components/schemas/FieldError' },
        },
      },
      additionalProperties: true,
      examples: [
        {
          type: 'urn:hospitium:problem:validation-failed',
          title: 'Bad request',
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: 'body.email: Invalid email address',
          instance: '/api/auth/sign-up/start',
          requestId: '0197a0d2-5c1e-7e32-9a4b-3f6d2e1c8b90',
          errors: [{ path: 'body.email', message: 'Invalid email address' }],
        },
      ],
    },
    FieldError: {
      type: 'object',
      description: 'One refused field of a request.',
      required: ['path', 'message'],
      properties: {
        path: { type: 'string', description: 'Where in the request, dotted: `body.email`, `query.limit`.' },
        message: { type: 'string', description: 'Why it was refused.' },
      },
    },
  };
}
