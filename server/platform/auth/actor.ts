import { permissionsOf, type Permission } from '../../../contracts/permissions';
import type { HospitalRole, Role } from '../../../contracts/roles';
import { AppError } from '../errors';

/** Who a signed-in caller is, as loaded from the database on each request. */
export interface Principal {
  userId: string;
  email: string;
  fullName: string;
  patientId: string | null;
  memberships: {
    hospitalId: string | null;
    hospitalName?: string | null;
    /** The hospital's IANA time zone (null for platform administration). */
    timeZone?: string | null;
    role: HospitalRole | 'platform_admin';
    /** The hospital requires its staff to use two-factor sign-in. */
    requiresTwoFactor?: boolean;
  }[];
  /** Whether the person has TOTP two-factor sign-in turned on. */
  twoFactorEnabled?: boolean;
}

/** The caller of a request: the principal acting in one hospital, with the permissions that gives. */
export interface Actor extends Principal {
  via: 'session' | 'token';
  sessionId: string | null;
  /** The session's CSRF token (cookie callers only). */
  csrfToken: string | null;
  /** The refresh-token family a bearer token was issued with (token callers only). */
  tokenFamilyId: string | null;
  /** The hospital the caller acts in (X-Hospital-Id, else their first); null for people with none. */
  hospitalId: string | null;
  /** Roles in force for this request: those held at the active hospital, plus patient / platform_admin. */
  roles: Role[];
  permissions: Set<Permission>;
  /**
   * The active hospital requires staff two-factor sign-in and this person has not turned it on.
   * Their roles there are then withheld (listed in `withheldRoles`) until they do.
   */
  twoFactorRequired: boolean;
  withheldRoles: Role[];
}

/** How the caller proved who they are. */
export type Credential =
  { via: 'session'; sessionId: string; csrfToken: string } | { via: 'token'; tokenFamilyId: string };

/** Picks the active hospital and works out the roles and permissions in force there. */
export function buildActor(
  principal: Principal,
  credential: Credential,
  requestedHospitalId: string | undefined,
): Actor {
  const hospitalIds = [...new Set(principal.memberships.map((m) => m.hospitalId).filter((h) => h !== null))];
  const isPlatformAdmin = principal.memberships.some((m) => m.role === 'platform_admin');
  let hospitalId: string | null = hospitalIds[0] ?? null;
  if (requestedHospitalId) {
    if (!hospitalIds.includes(requestedHospitalId) && !isPlatformAdmin) {
      throw new AppError(
        'HOSPITAL_ACCESS_DENIED',
        'You hold no role at the hospital named in X-Hospital-Id.',
      );
    }
    hospitalId = requestedHospitalId;
  }
  const here = principal.memberships.filter((m) => m.hospitalId === hospitalId && m.hospitalId !== null);
  // The one place a hospital's two-factor rule is enforced: staff roles are not granted without it.
  const twoFactorRequired = !principal.twoFactorEnabled && here.some((m) => m.requiresTwoFactor);
  const withheldRoles: Role[] = twoFactorRequired ? here.map((m) => m.role) : [];
  const roles: Role[] = twoFactorRequired ? [] : here.map((m) => m.role);
  if (isPlatformAdmin) roles.push('platform_admin');
  if (principal.patientId) roles.push('patient');
  return {
    ...principal,
    via: credential.via,
    sessionId: credential.via === 'session' ? credential.sessionId : null,
    csrfToken: credential.via === 'session' ? credential.csrfToken : null,
    tokenFamilyId: credential.via === 'token' ? credential.tokenFamilyId : null,
    hospitalId,
    roles,
    permissions: permissionsOf(roles),
    twoFactorRequired,
    withheldRoles,
  };
}

/** The hospital the actor works in, or a 403 for callers (patients) who act in none. */
export function requireHospital(actor: Actor): string {
  if (!actor.hospitalId)
    throw new AppError('HOSPITAL_ACCESS_DENIED', 'This action needs a hospital to act in.');
  return actor.hospitalId;
}

/** True when the actor holds any of the permissions. */
export function can(actor: Actor, ...anyOf: Permission[]): boolean {
  return anyOf.some((p) => actor.permissions.has(p));
}
