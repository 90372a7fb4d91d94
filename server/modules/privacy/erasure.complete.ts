// Completing an erasure request (ADR 33): in one transaction, with the request and the patient row
// locked, every module erases what identifies the person in its own rows and keeps what the law
// requires (clinical, financial and audit records, which then point at an anonymous record). A
// module may refuse (the patient is in care): then nothing changes. The audit row holds the counts
// only: the audit log is hash-chained and kept, so no personal data goes into it.
import type { CompleteErasureBody, ErasureRequest } from '../../../contracts/privacy';
import type { Tx } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { PatientErasure } from '../module';
import { presentErasureRequests } from './erasure.dto';
import { adminReach, refuseIfDecided } from './erasure.scope';
import { erasureSteps } from './privacy.ports';
import * as repo from './privacy.repo';

/**
 * Runs every module's erasure step in the caller's transaction; what each changed, by kind. The
 * steps run in the reverse order of the modules: those built on others first, so a refusal of care
 * (scheduling, clinical, wards) comes before anything is changed, and the owners of the person's
 * name and account (patients, identity) last, so every step before them can still read who the
 * person was (the notifications step finds the addresses notices went to).
 */
async function erasePatient(tx: Tx, e: PatientErasure): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { module, step } of [...erasureSteps()].reverse()) {
    for (const [kind, n] of Object.entries(await step(tx, e))) {
      if (kind in counts) throw new Error(`Erasure: "${kind}" is counted by two modules (${module})`);
      counts[kind] = n;
    }
  }
  return counts;
}

/**
 * Erases the patient of a pending request (both rows locked by the caller) and records the
 * decision: by the reviewer acting at `hospitalId`, or by nobody (`by` null) when nothing had to
 * be kept. Returns the decided request.
 */
export async function eraseForRequest(
  tx: Tx,
  ctx: Ctx,
  request: repo.ErasureRow,
  patient: { id: string; userId: string | null },
  decision: { by: string | null; hospitalId: string | null; note: string },
): Promise<repo.ErasureRow> {
  const erased = await erasePatient(tx, { patientId: patient.id, userId: patient.userId });
  const done = await repo.decideErasureRequest(tx, request.id, {
    status: 'completed',
    decidedBy: decision.by,
    decidedAtHospitalId: decision.hospitalId,
    decisionNote: decision.note,
    erased,
  });
  await audit(tx, ctx, {
    action: 'erasure.completed',
    entityType: 'erasure_request',
    entityId: request.id,
    patientId: patient.id,
    hospitalId: decision.hospitalId,
    before: { status: 'pending' },
    after: { status: 'completed', erased },
  });
  return done;
}

/** A hospital admin completes a pending request of a patient registered at their hospital. */
export async function completeErasure(
  ctx: Ctx,
  id: string,
  input: CompleteErasureBody,
): Promise<ErasureRequest> {
  const { row, hospitalId } = await ctx.db.transaction(async (tx) => {
    const request = await repo.lockErasureRequest(tx, id);
    const hospitalId = await adminReach(tx, ctx, request);
    refuseIfDecided(request!);
    // After the request: every decision takes the request's lock first, so none waits on another
    // in a circle.
    const patient = await repo.lockPatientOf(tx, request!.patientId, 'for no key update');
    if (!patient) throw notFound('Erasure request');
    const done = await eraseForRequest(tx, ctx, request!, patient, {
      by: ctx.actor.userId,
      hospitalId,
      note: input?.note ?? '',
    });
    return { row: done, hospitalId };
  });
  return (await presentErasureRequests(ctx.db, [row], hospitalId))[0]!;
}
