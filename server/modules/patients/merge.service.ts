// Merging a temporary record into the person's own (ADR 14, "Emergencies"): someone admitted before
// anyone knew who they were turns out to be a patient the hospital already has. In one transaction
// every module moves its rows of the temporary record to the person's (each module knows its own
// tables: the steps are wired in server/modules/index.ts), the temporary record's allergies and
// conditions follow, its registrations end (so no search, list or lookup finds it again) and it
// keeps a pointer to the person, for the audit log's sake. A module may refuse (an issued bill, one
// person in two beds): then nothing changes. A sex recorded on both that differs is confirmed first.
import type { MergeTemporaryPatient, Patient } from '../../../contracts/patients';
import type { Tx } from '../../db/client';
import { repointPatientIn } from '../../db/repoint';
import { audit } from '../../platform/audit/audit.service';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { PatientMergeStep } from '../module';
import * as repo from './patients.repo';
import { getPatient } from './record.service';

let steps: readonly PatientMergeStep[] = [];

/** Connects the modules' merge steps (server/modules/index.ts, once per process). */
export function providePatientMergeSteps(all: readonly PatientMergeStep[]): void {
  steps = all;
}

const refuse = (detail: string, message: string) =>
  new AppError('RULE_VIOLATION', detail, { errors: [{ path: 'body.intoPatientId', message }] });

/** Both records, locked in id order (two merges never wait on each other in a circle). */
async function lockBoth(tx: Tx, fromId: string, intoId: string) {
  const [first, second] = [fromId, intoId].sort();
  const a = await repo.lockPatient(tx, first!);
  const b = await repo.lockPatient(tx, second!);
  const byId = new Map([a, b].flatMap((r) => (r ? [[r.id, r] as const] : [])));
  return { from: byId.get(fromId), into: byId.get(intoId) };
}

export async function mergeTemporaryPatient(
  ctx: Ctx,
  fromId: string,
  input: MergeTemporaryPatient,
): Promise<Patient> {
  const hospitalId = requireHospital(ctx.actor);
  const intoId = input.intoPatientId;
  if (intoId === fromId) throw refuse('A record cannot be merged into itself.', 'Choose another patient');
  await ctx.db.transaction(async (tx) => {
    const { from, into } = await lockBoth(tx, fromId, intoId);
    // Only records registered here are seen here; anything else is not found, alike.
    if (!from || !(await repo.findRegistration(tx, fromId, hospitalId))) throw notFound('Patient');
    if (!into || !(await repo.findRegistration(tx, intoId, hospitalId))) {
      throw new AppError('NOT_FOUND', 'Patient not found.', {
        errors: [{ path: 'body.intoPatientId', message: 'Not a patient of this hospital' }],
      });
    }
    if (!from.temporary) {
      throw new AppError(
        'INVALID_TRANSITION',
        'Only a temporary record is merged into another; this one is a patient’s own record.',
      );
    }
    if (into.temporary) {
      throw refuse(
        'Merge into the person’s own record, not into another temporary one.',
        'A temporary record',
      );
    }
    // A sex noted on both records that differs says "not the same person" more often than it says
    // "guessed wrong at the door": the desk confirms before anything moves.
    const sexDiffers = from.sex !== 'unknown' && into.sex !== 'unknown' && from.sex !== into.sex;
    if (sexDiffers && !input.confirmSexDiffers) {
      throw new AppError(
        'SEX_DIFFERS',
        `The temporary record says ${from.sex}, the patient's record ${into.sex}: merge only if they are the same person.`,
        { temporaryRecord: from.sex, patientRecord: into.sex },
      );
    }
    const m = { fromId, intoId, hospitalId };
    const moved: Record<string, number> = {};
    // One after another: they share the transaction's connection.
    for (const step of steps) Object.assign(moved, await step(tx, m));
    Object.assign(moved, await repointPatientIn(tx, ['patient_allergies', 'patient_conditions'], m));
    const mrns = await repo.endRegistrations(tx, fromId);
    await repo.markMerged(tx, fromId, intoId, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'patient.merged',
      entityType: 'patient',
      entityId: fromId,
      patientId: intoId,
      before: { temporaryRecord: fromId, name: from.givenName, mrns },
      after: {
        mergedInto: intoId,
        reason: input.reason,
        moved,
        ...(sexDiffers ? { sexDiffered: { temporaryRecord: from.sex, patientRecord: into.sex } } : {}),
      },
    });
  });
  return getPatient(ctx, intoId);
}
