// A patient's request to erase their data (product §17, ADR 33): asked in the portal, reviewed by
// an admin of a hospital where they are registered, who completes it (erasure.complete.ts) or
// refuses it with a reason; the patient may cancel it while it waits. One request waits at a time.
import { HOSPITAL_ROLES } from '../../../contracts/roles';
import { ROLE_PERMISSIONS } from '../../../contracts/permissions';
import type {
  ErasureListQuery,
  ErasureRequest,
  RefuseErasureBody,
  RequestErasureBody,
} from '../../../contracts/privacy';
import type { Tx } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import { can } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { notify } from '../notifications';
import { activeStaffWithRole } from '../organisation';
import { asPatient, patientBriefs, staffHospital } from '../patients';
import { eraseForRequest } from './erasure.complete';
import { presentErasureRequests } from './erasure.dto';
import { adminReach, refuseIfDecided, selfReach, viewerOf } from './erasure.scope';
import * as repo from './privacy.repo';

/** The hospital roles that review erasure requests (those holding privacy:manage). */
const REVIEWERS = HOSPITAL_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('privacy:manage'));

const pendingError = () =>
  new AppError('ERASURE_PENDING', 'You have already asked for your data to be erased; it is being reviewed.');

/** Tells the reviewers of each hospital where the patient is registered, in the app, by MRN. */
async function tellReviewers(
  tx: Tx,
  requestId: string,
  registrations: { hospitalId: string; mrn: string }[],
): Promise<void> {
  for (const { hospitalId, mrn } of registrations) {
    for (const role of REVIEWERS) {
      for (const userId of await activeStaffWithRole(tx, hospitalId, role)) {
        await notify(tx, {
          template: 'privacy.erasure_requested',
          userId,
          hospitalId,
          idempotencyKey: `erasure-requested:${requestId}:${userId}`,
          data: { requestId, mrn },
        });
      }
    }
  }
}

/**
 * The signed-in patient asks for their data to be erased. Registered at no hospital (signed up,
 * never seen), nothing about them must be kept: the request completes at once, decided by nobody,
 * and their account is closed.
 */
export async function requestErasure(ctx: Ctx, input: RequestErasureBody): Promise<ErasureRequest> {
  const patientId = ctx.actor.patientId;
  if (!patientId || !can(ctx.actor, 'own-record:update')) throw notFound('Patient record');
  const self = asPatient(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    // Locked first: a registration at a hospital (which reads the row's key) waits or is waited
    // for, so "registered nowhere" still holds when the erasure runs.
    const patient = await repo.lockPatientOf(tx, patientId);
    if (!patient) throw notFound('Patient record');
    // The partial unique index erasure_requests_pending_uq answers the same under a race.
    if (await repo.pendingRequestOf(tx, patientId)) throw pendingError();
    const made = await repo.insertErasureRequest(tx, {
      patientId,
      reason: input.reason,
      requestedBy: ctx.actor.userId,
    });
    // The reason stays on the request; the audit log, kept for good, is not told it.
    await audit(tx, self, {
      action: 'erasure.requested',
      entityType: 'erasure_request',
      entityId: made.id,
      patientId,
      after: { status: 'pending' },
    });
    const registrations = await repo.registrationsOf(tx, patientId);
    if (registrations.length === 0) {
      return eraseForRequest(tx, self, made, patient, { by: null, hospitalId: null, note: '' });
    }
    await tellReviewers(tx, made.id, registrations);
    return made;
  });
  return (await presentErasureRequests(ctx.db, [row], null))[0]!;
}

/**
 * A page of requests, newest first: the active hospital's patients' for its admin, else (or with
 * `mine`) the patient's own.
 */
export async function listErasureRequests(ctx: Ctx, q: ErasureListQuery) {
  const hospitalId = q.mine === 'true' ? null : staffHospital(ctx.actor, 'privacy:manage');
  const patientId = can(ctx.actor, 'own-record:read') ? ctx.actor.patientId : null;
  if (!hospitalId && !patientId) throw notFound('Patient record');
  const { rows, total } = await repo.listErasureRequests(
    ctx.db,
    hospitalId ? { hospitalId } : { patientId: patientId! },
    q,
  );
  return {
    items: await presentErasureRequests(ctx.db, rows, hospitalId),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

export async function getErasureRequest(ctx: Ctx, id: string): Promise<ErasureRequest> {
  const row = await repo.findErasureRequest(ctx.db, id);
  const hospitalId = await viewerOf(ctx.db, ctx, row);
  return (await presentErasureRequests(ctx.db, [row!], hospitalId))[0]!;
}

/** The patient withdraws their own request while it waits. */
export async function cancelErasure(ctx: Ctx, id: string): Promise<ErasureRequest> {
  const row = await ctx.db.transaction(async (tx) => {
    const request = selfReach(ctx, await repo.lockErasureRequest(tx, id), 'own-record:update');
    refuseIfDecided(request);
    const done = await repo.decideErasureRequest(tx, id, {
      status: 'cancelled',
      decidedBy: ctx.actor.userId,
      decidedAtHospitalId: null,
      decisionNote: '',
    });
    await audit(tx, asPatient(ctx), {
      action: 'erasure.cancelled',
      entityType: 'erasure_request',
      entityId: id,
      patientId: request.patientId,
      before: { status: 'pending' },
      after: { status: 'cancelled' },
    });
    return done;
  });
  return (await presentErasureRequests(ctx.db, [row], null))[0]!;
}

/** An admin keeps the data, saying why; the patient is told (in the app and by e-mail). */
export async function refuseErasure(ctx: Ctx, id: string, input: RefuseErasureBody): Promise<ErasureRequest> {
  const { row, hospitalId } = await ctx.db.transaction(async (tx) => {
    const request = await repo.lockErasureRequest(tx, id);
    const hospitalId = await adminReach(tx, ctx, request);
    refuseIfDecided(request!);
    const done = await repo.decideErasureRequest(tx, id, {
      status: 'refused',
      decidedBy: ctx.actor.userId,
      decidedAtHospitalId: hospitalId,
      decisionNote: input.note,
    });
    await audit(tx, ctx, {
      action: 'erasure.refused',
      entityType: 'erasure_request',
      entityId: id,
      patientId: done.patientId,
      before: { status: 'pending' },
      after: { status: 'refused', note: input.note },
    });
    const userId = (await patientBriefs(tx, [done.patientId], hospitalId)).get(done.patientId)?.userId;
    if (userId) {
      await notify(tx, {
        template: 'privacy.erasure_refused',
        userId,
        hospitalId,
        idempotencyKey: `erasure-refused:${id}`,
        data: { requestId: id, note: input.note },
      });
    }
    return { row: done, hospitalId };
  });
  return (await presentErasureRequests(ctx.db, [row], hospitalId))[0]!;
}
