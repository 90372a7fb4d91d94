import type { Actor } from '../../platform/auth/actor';

// Which hospitals a caller may see and run. Permissions say what kind of thing a role may do; these
// say where.

/** Platform admins run the installation and see every hospital. */
export function isPlatformAdmin(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === 'platform_admin');
}

/** The hospitals where the caller holds an active role (at an active hospital). */
export function memberHospitalIds(actor: Actor): string[] {
  return [...new Set(actor.memberships.map((m) => m.hospitalId).filter((h): h is string => h !== null))];
}

/** Whether the caller may see this hospital at all; one they may not see answers 404. */
export function canSeeHospital(actor: Actor, hospitalId: string): boolean {
  return isPlatformAdmin(actor) || memberHospitalIds(actor).includes(hospitalId);
}

/**
 * Whether the caller may run this hospital: a platform admin, or its hospital admin acting in it
 * (roles in force only, so a hospital's two-factor rule cannot be stepped around from another one).
 */
export function administers(actor: Actor, hospitalId: string): boolean {
  return (
    isPlatformAdmin(actor) || (actor.hospitalId === hospitalId && actor.roles.includes('hospital_admin'))
  );
}
