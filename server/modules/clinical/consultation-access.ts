// Who may do what with a consultation: its doctor while it is open, staff of its hospital to read.
import type { Executor, Tx } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as repo from './clinical.repo';
// ---------------------------------------------------------------- who may do what

/** The caller's approved doctor profile at the active hospital, or the refusal. */
export async function ownDoctor(ctx: Ctx, exec: Executor): Promise<repo.DoctorFacts> {
  const hospitalId = requireHospital(ctx.actor);
  const doctor = await repo.doctorOfUser(exec, ctx.actor.userId, hospitalId);
  if (!doctor || doctor.status !== 'approved') {
    throw new AppError(
      'DOCTOR_PROFILE_REQUIRED',
      'Only a doctor approved at this hospital holds consultations.',
    );
  }
  return doctor;
}

/** A consultation of the active hospital the caller may read (staff with clinical access), else 404. */
export async function visible(ctx: Ctx, exec: Executor, id: string, forUpdate = false) {
  const hospitalId = ctx.actor.hospitalId;
  const row = await repo.findConsultation(exec, id, forUpdate);
  if (!row || !hospitalId || row.hospitalId !== hospitalId) throw notFound('Consultation');
  return row;
}

/** The consultation locked for a change by its own doctor while open. */
export async function editable(ctx: Ctx, tx: Tx, id: string) {
  const row = await visible(ctx, tx, id, true);
  if (row.doctorUserId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'Only the doctor holding this consultation may change it.');
  }
  if (row.status !== 'open') {
    throw new AppError('INVALID_TRANSITION', 'This consultation is closed: add an addendum instead.');
  }
  return row;
}
