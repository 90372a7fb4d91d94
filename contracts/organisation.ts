import { z } from 'zod';
import {
  Currency,
  Email,
  IanaTimeZone,
  Instant,
  line,
  MinorUnits,
  multiline,
  Paging,
  Phone,
  Uuid,
} from './common';
import { Password } from './identity';
import { HospitalRole } from './roles';

/** A single line that may also be left empty (optional address parts, descriptions). */
const optionalLine = (max: number) => z.union([z.literal(''), line(max)]);

/** Query-string booleans arrive as text. */
const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A PATCH body must change something. */
const notEmpty = (v: object) => Object.keys(v).length > 0;
const NOTHING_TO_CHANGE = { message: 'Send at least one field to change' };

/** Search text in list queries. */
const SearchText = z.string().trim().min(1).max(100);

// ---------------------------------------------------------------- hospitals

/** Short code used as the MRN prefix: 2-10 capital letters or digits. */
export const HospitalCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,10}$/, 'Must be 2 to 10 letters or digits, e.g. CGH');

const HospitalFields = {
  name: line(200),
  address: multiline(500),
  city: optionalLine(100),
  country: optionalLine(100),
  phone: Phone.nullable(),
  email: Email.nullable(),
  timeZone: IanaTimeZone,
  currency: Currency,
};

export const CreateHospital = z.strictObject({
  ...HospitalFields,
  code: HospitalCode,
  address: HospitalFields.address.default(''),
  city: HospitalFields.city.default(''),
  country: HospitalFields.country.default(''),
  phone: HospitalFields.phone.default(null),
  email: HospitalFields.email.default(null),
});
export type CreateHospital = z.infer<typeof CreateHospital>;

/** The code is the MRN prefix already printed on cards, so it cannot change. `active` is the platform admin's. */
export const UpdateHospital = z
  .strictObject({
    name: HospitalFields.name.optional(),
    address: HospitalFields.address.optional(),
    city: HospitalFields.city.optional(),
    country: HospitalFields.country.optional(),
    phone: HospitalFields.phone.optional(),
    email: HospitalFields.email.optional(),
    timeZone: HospitalFields.timeZone.optional(),
    currency: HospitalFields.currency.optional(),
    requireStaffTwoFactor: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE);
export type UpdateHospital = z.infer<typeof UpdateHospital>;

export const Hospital = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  timeZone: z.string(),
  currency: z.string(),
  requireStaffTwoFactor: z.boolean(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Hospital = z.infer<typeof Hospital>;

export const HospitalQuery = z.strictObject({ ...Paging.shape, q: SearchText.optional() });
export type HospitalQuery = z.infer<typeof HospitalQuery>;

/** What the landing page and the doctor sign-up form may know of a hospital. */
export const PublicHospital = z.object({
  id: Uuid,
  name: z.string(),
  city: z.string(),
  country: z.string(),
  departments: z.array(z.object({ id: Uuid, name: z.string() })),
});
export type PublicHospital = z.infer<typeof PublicHospital>;

// ---------------------------------------------------------------- departments

export const CreateDepartment = z.strictObject({ name: line(120), description: multiline(1000).default('') });
export type CreateDepartment = z.infer<typeof CreateDepartment>;

export const UpdateDepartment = z
  .strictObject({
    name: line(120).optional(),
    description: multiline(1000).optional(),
    active: z.boolean().optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE);
export type UpdateDepartment = z.infer<typeof UpdateDepartment>;

export const Department = z.object({
  id: Uuid,
  hospitalId: Uuid,
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Department = z.infer<typeof Department>;

export const DepartmentQuery = z.strictObject({ active: QueryBool.optional() });
export type DepartmentQuery = z.infer<typeof DepartmentQuery>;

// ---------------------------------------------------------------- staff

export const UserIdParams = z.strictObject({ userId: Uuid });

export const StaffQuery = z.strictObject({
  ...Paging.shape,
  q: SearchText.optional(),
  role: HospitalRole.optional(),
  active: QueryBool.optional(),
});
export type StaffQuery = z.infer<typeof StaffQuery>;

/** A person working at the active hospital: the roles they hold there, and whether those are in force. */
export const StaffMember = z.object({
  userId: Uuid,
  fullName: z.string(),
  email: z.string(),
  roles: z.array(HospitalRole),
  active: z.boolean(),
  since: Instant,
});
export type StaffMember = z.infer<typeof StaffMember>;

/** The details an admin gives when making someone a doctor directly (the profile starts approved). */
export const DirectDoctorProfile = z.strictObject({
  specialty: line(120),
  registrationNumber: line(60),
  departmentId: Uuid.nullable().default(null),
  qualifications: multiline(500).default(''),
  consultationFeeMinor: MinorUnits.default(0),
  languages: z.array(line(40)).max(20).default([]),
});
export type DirectDoctorProfile = z.infer<typeof DirectDoctorProfile>;

export const SetStaffRoles = z.strictObject({
  roles: z
    .array(HospitalRole)
    .min(1, 'Give at least one role; to remove someone, deactivate them')
    .max(HospitalRole.options.length)
    .refine((r) => new Set(r).size === r.length, 'Each role once'),
  /** Needed only when granting `doctor` to someone with no approved profile here. */
  doctorProfile: DirectDoctorProfile.optional(),
});
export type SetStaffRoles = z.infer<typeof SetStaffRoles>;

// ---------------------------------------------------------------- invitations

export const CreateInvitation = z.strictObject({ email: Email, role: HospitalRole });
export type CreateInvitation = z.infer<typeof CreateInvitation>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);

export const Invitation = z.object({
  id: Uuid,
  hospitalId: Uuid,
  email: z.string(),
  role: HospitalRole,
  status: InvitationStatus,
  invitedBy: z.object({ id: Uuid, fullName: z.string().nullable() }),
  expiresAt: Instant,
  createdAt: Instant,
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationQuery = z.strictObject({ ...Paging.shape });

export const InvitationToken = z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'Not an invitation token');

/**
 * Accepting an invitation: a signed-in person whose email it was sent to sends only the token;
 * someone new also chooses their name and password.
 */
export const AcceptInvitation = z.strictObject({
  token: InvitationToken,
  fullName: line(200).optional(),
  password: Password.optional(),
});
export type AcceptInvitation = z.infer<typeof AcceptInvitation>;

export const InvitationAccepted = z.object({
  userId: Uuid,
  hospitalId: Uuid,
  hospitalName: z.string(),
  role: HospitalRole,
  /** True when the account was created by this acceptance (sign in next). */
  accountCreated: z.boolean(),
});
export type InvitationAccepted = z.infer<typeof InvitationAccepted>;

// ---------------------------------------------------------------- doctors

export const DoctorStatus = z.enum(['pending', 'approved', 'rejected']);
export type DoctorStatus = z.infer<typeof DoctorStatus>;

export const DoctorQuery = z.strictObject({
  ...Paging.shape,
  status: DoctorStatus.optional(),
  departmentId: Uuid.optional(),
  q: SearchText.optional(),
});
export type DoctorQuery = z.infer<typeof DoctorQuery>;

/** A doctor's profile as the hospital's staff (and the doctor) see it. */
export const DoctorProfile = z.object({
  id: Uuid,
  userId: Uuid,
  hospitalId: Uuid,
  hospitalName: z.string(),
  fullName: z.string(),
  email: z.string(),
  departmentId: Uuid.nullable(),
  departmentName: z.string().nullable(),
  specialty: z.string(),
  qualifications: z.string(),
  registrationNumber: z.string(),
  consultationFeeMinor: z.number().int(),
  currency: z.string(),
  languages: z.array(z.string()),
  bio: z.string(),
  status: DoctorStatus,
  decidedAt: Instant.nullable(),
  rejectionReason: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type DoctorProfile = z.infer<typeof DoctorProfile>;

export const UpdateDoctorProfile = z
  .strictObject({
    specialty: line(120).optional(),
    departmentId: Uuid.nullable().optional(),
    qualifications: multiline(500).optional(),
    registrationNumber: line(60).optional(),
    consultationFeeMinor: MinorUnits.optional(),
    languages: z.array(line(40)).max(20).optional(),
    bio: multiline(2000).optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE);
export type UpdateDoctorProfile = z.infer<typeof UpdateDoctorProfile>;

export const RejectDoctor = z.strictObject({ reason: multiline(500).min(1, 'Give a reason') });
export type RejectDoctor = z.infer<typeof RejectDoctor>;

export { NoBody } from './common';

/** A list that takes no parameters: unknown ones (paging, sorting) are refused rather than ignored. */
export const NoQuery = z.strictObject({});

export const PublicDoctorQuery = z.strictObject({
  ...Paging.shape,
  hospitalId: Uuid.optional(),
  departmentId: Uuid.optional(),
  specialty: SearchText.optional(),
  q: SearchText.optional(),
});
export type PublicDoctorQuery = z.infer<typeof PublicDoctorQuery>;

/** The public directory entry: what a patient choosing a doctor needs, nothing private. */
export const PublicDoctor = z.object({
  id: Uuid,
  fullName: z.string(),
  specialty: z.string(),
  qualifications: z.string(),
  languages: z.array(z.string()),
  bio: z.string(),
  consultationFeeMinor: z.number().int(),
  currency: z.string(),
  hospital: z.object({ id: Uuid, name: z.string(), city: z.string() }),
  department: z.object({ id: Uuid, name: z.string() }).nullable(),
});
export type PublicDoctor = z.infer<typeof PublicDoctor>;
