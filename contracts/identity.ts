import { z } from 'zod';
import { BirthDate, Email, Instant, line, MinorUnits, multiline, Phone, Uuid } from './common';
import { PERMISSIONS } from './permissions';
import { Role } from './roles';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Length only here; the server also refuses common and guessable passwords (WEAK_PASSWORD). */
export const Password = z
  .string()
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`);

export const Sex = z.enum(['female', 'male', 'other', 'unknown']);

/** A 6-digit code from an authenticator app (TOTP). */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'The code is 6 digits');
/** A one-time recovery code as shown at set-up (e.g. `k7m2p-9xq4r`); case, spaces and dashes are ignored. */
export const RecoveryCode = z
  .string()
  .trim()
  .min(10, 'At least 10 characters')
  .max(32, 'At most 32 characters');

/**
 * Password sign-in. With two-factor sign-in on, send `totp` (or one `recoveryCode`) as well; without
 * one the reply is 401 TOTP_REQUIRED, but only after the password was found right.
 */
export const SignIn = z.strictObject({
  email: Email,
  password: z.string().min(1).max(PASSWORD_MAX),
  totp: TotpCode.optional(),
  recoveryCode: RecoveryCode.optional(),
});
export type SignIn = z.infer<typeof SignIn>;

export const SignUpStart = z.strictObject({ email: Email });
export type SignUpStart = z.infer<typeof SignUpStart>;

export const SignUpStarted = z.object({ message: z.string() });

export const DoctorApplication = z.strictObject({
  hospitalId: Uuid,
  departmentId: Uuid.optional(),
  specialty: line(120),
  registrationNumber: line(60),
  qualifications: multiline(500).default(''),
  consultationFeeMinor: MinorUnits.default(0),
  languages: z.array(line(40)).max(20).default([]),
});
export type DoctorApplication = z.infer<typeof DoctorApplication>;

export const SignUpComplete = z
  .strictObject({
    email: Email,
    code: z.string().regex(/^\d{6}$/, 'The code is 6 digits'),
    password: Password,
    fullName: line(200),
    role: z.enum(['patient', 'doctor']),
    patient: z
      .strictObject({ dateOfBirth: BirthDate.optional(), sex: Sex.optional(), phone: Phone.optional() })
      .optional(),
    doctor: DoctorApplication.optional(),
  })
  .refine((v) => v.role !== 'doctor' || v.doctor, {
    path: ['doctor'],
    message: 'Doctors must give their details',
  });
export type SignUpComplete = z.infer<typeof SignUpComplete>;

export const Membership = z.object({
  hospitalId: Uuid.nullable(),
  hospitalName: z.string().nullable(),
  role: Role,
});

export const Me = z.object({
  user: z.object({ id: Uuid, email: z.string(), fullName: z.string() }),
  patientId: Uuid.nullable(),
  memberships: z.array(Membership),
  activeHospitalId: Uuid.nullable(),
  /**
   * The IANA zone times are shown in: the active hospital's; for a patient acting in no hospital,
   * the one all their hospitals share; null when there is none (show the device's).
   */
  timeZone: z.string().nullable(),
  roles: z.array(Role),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Send back as X-CSRF-Token on every state-changing request made with the session cookie. */
  csrfToken: z.string().nullable(),
  /** True when the active hospital requires two-factor sign-in for staff and this person has not turned it on: their staff roles there are withheld until they do. */
  twoFactorRequired: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** GET /api/auth/session: the signed-in person, or null when nobody is. */
export const Session = z.object({ me: Me.nullable() });
export type Session = z.infer<typeof Session>;

export const SessionInfo = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: Password,
});

export const TokenRequest = SignIn;
export const TokenPair = z.object({
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  expiresIn: z.number().int(),
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof TokenPair>;
export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(20).max(200) });
