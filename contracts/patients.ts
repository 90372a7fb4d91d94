import { z } from 'zod';
import {
  BirthDate,
  Email,
  Instant,
  IsoDate,
  line,
  MAX_LIMIT,
  multiline,
  Paging,
  pageOf,
  Phone,
  Uuid,
} from './common';
import { Sex } from './identity';

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export const BloodGroup = z.enum(BLOOD_GROUPS);
export type BloodGroup = z.infer<typeof BloodGroup>;

export const AllergySeverity = z.enum(['mild', 'moderate', 'severe', 'unknown']);
export const AllergyStatus = z.enum(['active', 'inactive', 'entered_in_error']);
export const ConditionStatus = z.enum(['active', 'resolved', 'entered_in_error']);

/** ICD-10 code: a letter, two digits, and an optional dot with 1..4 more characters (A00, J45.909, S72.001A). */
export const Icd10Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'Must be an ICD-10 code such as J45 or E11.9');

/** A date that has already happened (onset of a condition). */
export const PastDate = IsoDate.refine(
  (d) => d >= '1880-01-01' && d <= new Date().toISOString().slice(0, 10),
  {
    message: 'Must be a date between 1880-01-01 and today',
  },
);

// ---- allergies and conditions ----

export const NewAllergy = z.strictObject({
  substance: line(200),
  reaction: line(500).optional(),
  severity: AllergySeverity.default('unknown'),
});
export type NewAllergy = z.infer<typeof NewAllergy>;

export const UpdateAllergy = z
  .strictObject({
    status: AllergyStatus.optional(),
    reaction: line(500).optional(),
    severity: AllergySeverity.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Give at least one field to change');
export type UpdateAllergy = z.infer<typeof UpdateAllergy>;

export const NewCondition = z.strictObject({
  name: line(200),
  icd10Code: Icd10Code.optional(),
  onsetDate: PastDate.optional(),
  status: ConditionStatus.exclude(['entered_in_error']).default('active'),
});
export type NewCondition = z.infer<typeof NewCondition>;

export const UpdateCondition = z
  .strictObject({
    status: ConditionStatus.optional(),
    icd10Code: Icd10Code.nullable().optional(),
    onsetDate: PastDate.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Give at least one field to change');
export type UpdateCondition = z.infer<typeof UpdateCondition>;

export const Allergy = z.object({
  id: Uuid,
  substance: z.string(),
  reaction: z.string(),
  severity: AllergySeverity,
  status: AllergyStatus,
  recordedAt: Instant,
  updatedAt: Instant,
});
export type Allergy = z.infer<typeof Allergy>;

export const Condition = z.object({
  id: Uuid,
  name: z.string(),
  icd10Code: z.string().nullable(),
  onsetDate: IsoDate.nullable(),
  status: ConditionStatus,
  recordedAt: Instant,
  updatedAt: Instant,
});
export type Condition = z.infer<typeof Condition>;

export const AllergyParams = z.strictObject({ id: Uuid, allergyId: Uuid });
export const ConditionParams = z.strictObject({ id: Uuid, conditionId: Uuid });

// ---- the patient ----

/** The fields a patient may change on their own record; everything else is for hospital staff. */
export const CONTACT_FIELDS = [
  'phone',
  'email',
  'addressLine',
  'city',
  'postalCode',
  'country',
  'emergencyContactName',
  'emergencyContactPhone',
  'emergencyContactRelation',
] as const;

const demographics = {
  givenName: line(100),
  familyName: line(100).optional(),
  dateOfBirth: BirthDate.optional(),
  sex: Sex.optional(),
  phone: Phone.optional(),
  email: Email.optional(),
  addressLine: line(300).optional(),
  city: line(100).optional(),
  postalCode: line(20).optional(),
  country: line(100).optional(),
  bloodGroup: BloodGroup.optional(),
  emergencyContactName: line(200).optional(),
  emergencyContactPhone: Phone.optional(),
  emergencyContactRelation: line(60).optional(),
  insuranceProvider: line(200).optional(),
  insurancePolicyNumber: line(100).optional(),
};

export const CreatePatient = z.strictObject({
  ...demographics,
  allergies: z.array(NewAllergy).max(50).optional(),
  conditions: z.array(NewCondition).max(50).optional(),
  /** Set after reviewing a POSSIBLE_DUPLICATE answer to register the person anyway. */
  confirmNotDuplicate: z.boolean().optional(),
});
export type CreatePatient = z.infer<typeof CreatePatient>;

/** A partial update; `null` clears an optional field. Patients may send only CONTACT_FIELDS. */
export const UpdatePatient = z
  .strictObject({
    givenName: line(100).optional(),
    familyName: line(100).nullable().optional(),
    dateOfBirth: BirthDate.nullable().optional(),
    sex: Sex.optional(),
    phone: Phone.nullable().optional(),
    email: Email.nullable().optional(),
    addressLine: line(300).nullable().optional(),
    city: line(100).nullable().optional(),
    postalCode: line(20).nullable().optional(),
    country: line(100).nullable().optional(),
    bloodGroup: BloodGroup.nullable().optional(),
    emergencyContactName: line(200).nullable().optional(),
    emergencyContactPhone: Phone.nullable().optional(),
    emergencyContactRelation: line(60).nullable().optional(),
    insuranceProvider: line(200).nullable().optional(),
    insurancePolicyNumber: line(100).nullable().optional(),
    /** Staff: the details of a temporary (emergency) record are now complete. */
    temporary: z.literal(false).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Give at least one field to change');
export type UpdatePatient = z.infer<typeof UpdatePatient>;

export const Registration = z.object({
  hospitalId: Uuid,
  hospitalName: z.string(),
  mrn: z.string(),
  registeredAt: Instant,
});
export type Registration = z.infer<typeof Registration>;

export const Patient = z.object({
  id: Uuid,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate.nullable(),
  sex: Sex,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  addressLine: z.string(),
  city: z.string(),
  postalCode: z.string(),
  country: z.string(),
  bloodGroup: BloodGroup.nullable(),
  emergencyContactName: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  emergencyContactRelation: z.string().nullable(),
  insuranceProvider: z.string().nullable(),
  insurancePolicyNumber: z.string().nullable(),
  /** A temporary record made at an emergency admission, its details still to be completed. */
  temporary: z.boolean(),
  /** The MRN at the hospital the caller acts in (staff); null when the patient reads their own record. */
  mrn: z.string().nullable(),
  /** Staff: the registration at their hospital only. The patient: every hospital they are registered at. */
  registrations: z.array(Registration),
  /** Safety data: every hospital the patient is registered at sees all of it. */
  allergies: z.array(Allergy),
  conditions: z.array(Condition),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Patient = z.infer<typeof Patient>;

export const RegistrationResult = z.object({
  patientId: Uuid,
  hospitalId: Uuid,
  mrn: z.string(),
  registeredAt: Instant,
});
export type RegistrationResult = z.infer<typeof RegistrationResult>;

/**
 * Registering, at the active hospital, a person the installation already knows (registered at
 * another hospital, or signed up alone): found from what the front desk can see and ask, never from
 * an id. A similar name plus either the e-mail, or the date of birth and the phone.
 */
export const RegisterExistingPerson = z
  .strictObject({
    givenName: line(100),
    familyName: line(100).optional(),
    dateOfBirth: BirthDate.optional(),
    phone: Phone.optional(),
    email: Email.optional(),
  })
  .refine((p) => p.email !== undefined || (p.dateOfBirth !== undefined && p.phone !== undefined), {
    message: 'Give the e-mail, or the date of birth and the phone',
    path: ['email'],
  });
export type RegisterExistingPerson = z.infer<typeof RegisterExistingPerson>;

/**
 * Merging a temporary record (someone admitted before anyone knew who they were) into the person's
 * own record at the same hospital, once they are identified: everything recorded under the
 * temporary record moves to the person's, and the temporary record is no longer found.
 */
export const MergeTemporaryPatient = z.strictObject({
  /** The person's own record, registered at the active hospital. */
  intoPatientId: Uuid,
  /** How the person was identified (kept in the audit log). */
  reason: line(300),
  /**
   * Set after a SEX_DIFFERS answer, when the person is the same all the same (the sex noted at an
   * emergency admission was a guess): the audit log says the records differed.
   */
  confirmSexDiffers: z.boolean().optional(),
});
export type MergeTemporaryPatient = z.infer<typeof MergeTemporaryPatient>;

/** A likely duplicate returned with POSSIBLE_DUPLICATE (phone masked: the receptionist confirms with the person). */
export const DuplicateCandidate = z.object({
  id: Uuid,
  name: z.string(),
  mrn: z.string(),
  dateOfBirth: IsoDate.nullable(),
  phone: z.string().nullable(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

// ---- search ----

export const PatientSearch = z.strictObject({
  ...Paging.shape,
  /** A name (typo-tolerant), a phone number (6+ digits) or an MRN; empty lists the newest registrations. */
  q: multiline(100).optional(),
});
export type PatientSearch = z.infer<typeof PatientSearch>;

export const PatientSummary = z.object({
  id: Uuid,
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate.nullable(),
  sex: Sex,
  phone: z.string().nullable(),
  registeredAt: Instant,
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const PatientPage = pageOf(PatientSummary);
export type PatientPage = z.infer<typeof PatientPage>;

// ---- timeline and access log ----

export const HistoryQuery = z.strictObject({
  /** Return events older than this (the previous page's `nextCursor`). */
  cursor: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const TimelineEvent = z.object({
  seq: z.number().int(),
  occurredAt: Instant,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  hospitalId: Uuid.nullable(),
  hospitalName: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export const TimelinePage = z.object({
  items: z.array(TimelineEvent),
  nextCursor: z.number().int().nullable(),
});

export const AccessLogEntry = z.object({
  seq: z.number().int(),
  occurredAt: Instant,
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  hospitalId: Uuid.nullable(),
  hospitalName: z.string().nullable(),
  /** What was opened: the record, its timeline, or this access log. */
  opened: z.string(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
export const AccessLogPage = z.object({
  items: z.array(AccessLogEntry),
  nextCursor: z.number().int().nullable(),
});
