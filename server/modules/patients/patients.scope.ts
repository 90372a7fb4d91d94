import type { Permission } from '../../../contracts/permissions';
import { can, type Actor } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';

// Who may see or change which patient. Staff act for the hospital they are acting in, and only on
// patients registered there; a patient acts on their own record only. Everything else is a 404.

/** The active hospital, if the actor holds `permission` there; null otherwise. */
export function staffHospital(actor: Actor, permission: Permission): string | null {
  return actor.hospitalId && can(actor, permission) ? actor.hospitalId : null;
}

/** True when the actor is this patient and holds `permission` (own-record:*). */
export function isSelf(actor: Actor, patientId: string, permission: Permission): boolean {
  return actor.patientId === patientId && can(actor, permission);
}

/**
 * The context for acting as the patient: the audit row says "patient", not a staff role the same
 * person may also hold, and names no hospital.
 */
export function asPatient(ctx: Ctx): Ctx {
  return { ...ctx, role: 'patient', actor: { ...ctx.actor, hospitalId: null } };
}
