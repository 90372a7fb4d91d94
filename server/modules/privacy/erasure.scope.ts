// Who may see or decide which erasure request. A hospital admin (privacy:manage) sees the requests
// of patients registered at the hospital they act in; a patient sees their own. Anything else is
// the 404 a missing request gets.
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { isSelf, registeredPatient, staffHospital } from '../patients';
import type { ErasureRow } from './privacy.repo';

const missing = () => notFound('Erasure request');

/**
 * The admin's hospital, when the request's patient is registered there; else a 404. An admin who
 * asked for their own erasure sees it but another admin decides it.
 */
export async function adminReach(exec: Executor, ctx: Ctx, row: ErasureRow | undefined): Promise<string> {
  const hospitalId = staffHospital(ctx.actor, 'privacy:manage');
  if (!row || !hospitalId || !(await registeredPatient(exec, row.patientId, hospitalId))) throw missing();
  if (row.patientId === ctx.actor.patientId) {
    throw new AppError('FORBIDDEN', 'This is your own request: another admin of the hospital decides it.');
  }
  return hospitalId;
}

/** A request of the signed-in patient, else a 404. */
export function selfReach(ctx: Ctx, row: ErasureRow | undefined, permission: Permission): ErasureRow {
  if (!row || !isSelf(ctx.actor, row.patientId, permission)) throw missing();
  return row;
}

/**
 * How the caller sees a request: as the admin of a hospital where its patient is registered (the
 * hospital's id), or as the patient (null).
 */
export async function viewerOf(
  exec: Executor,
  ctx: Ctx,
  row: ErasureRow | undefined,
): Promise<string | null> {
  const hospitalId = staffHospital(ctx.actor, 'privacy:manage');
  if (row && hospitalId && (await registeredPatient(exec, row.patientId, hospitalId))) return hospitalId;
  selfReach(ctx, row, 'own-record:read');
  return null;
}

/** Only a pending request is decided; a second decision (or one racing the first) is refused. */
export function refuseIfDecided(row: ErasureRow): void {
  if (row.status !== 'pending') {
    throw new AppError('ALREADY_DECIDED', `This request was already ${row.status}.`);
  }
}
