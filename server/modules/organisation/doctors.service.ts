import type { DoctorProfile, DoctorQuery, UpdateDoctorProfile } from '../../../contracts/organisation';
import type { Executor } from '../../db/client';
import { audit, diff } from '../../platform/audit/audit.service';
import { can, requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as doctors from './doctors.repo';
import { toDoctor } from './organisation.dto';
import { notify } from '../notifications';
import * as repo from './organisation.repo';
import * as staff from './staff.repo';

async function viewOrThrow(exec: Executor, hospitalId: string, id: string): Promise<doctors.DoctorView> {
  const v = await doctors.findDoctorView(exec, hospitalId, id);
  if (!v) throw notFound('Doctor');
  return v;
}

/** The active hospital's doctor profiles, any status (filterable), by name. */
export async function listDoctors(
  ctx: Ctx,
  q: DoctorQuery,
): Promise<{ items: DoctorProfile[]; total: number; limit: number; offset: number }> {
  const { rows, total } = await doctors.listDoctorViews(
    ctx.db,
    requireHospital(ctx.actor),
    { status: q.status, departmentId: q.departmentId, q: q.q },
    q,
  );
  return { items: rows.map(toDoctor), total, limit: q.limit, offset: q.offset };
}

/** One doctor profile of the active hospital; another hospital's answers 404. */
export async function getDoctor(ctx: Ctx, id: string): Promise<DoctorProfile> {
  return toDoctor(await viewOrThrow(ctx.db, requireHospital(ctx.actor), id));
}

/** The caller's own doctor profiles at every hospital, so an applicant can follow their application. */
export async function myDoctorProfiles(ctx: Ctx): Promise<DoctorProfile[]> {
  return (await doctors.findDoctorViewsOfUser(ctx.db, ctx.actor.userId)).map(toDoctor);
}

/**
 * Edits a doctor profile: the doctor edits their own (pending applicants too); the hospital admin
 * edits any of the hospital's. Everyone else gets 404.
 */
export async function updateDoctorProfile(
  ctx: Ctx,
  id: string,
  input: UpdateDoctorProfile,
): Promise<DoctorProfile> {
  return ctx.db.transaction(async (tx) => {
    const row = await doctors.lockDoctorProfile(tx, id);
    const own = row?.userId === ctx.actor.userId;
    const admin = row?.hospitalId === ctx.actor.hospitalId && can(ctx.actor, 'doctors:approve');
    if (!row || (!own && !admin)) throw notFound('Doctor');
    if (
      input.departmentId &&
      !(await repo.findDepartmentInHospital(tx, row.hospitalId, input.departmentId))
    ) {
      throw new AppError('VALIDATION_FAILED', 'That department is not part of the hospital.', {
        errors: [{ path: 'body.departmentId', message: 'Unknown department' }],
      });
    }
    const updated = await doctors.updateDoctorProfile(tx, id, input);
    const pick = (r: typeof row) => ({
      specialty: r.specialty,
      departmentId: r.departmentId,
      qualifications: r.qualifications,
      registrationNumber: r.registrationNumber,
      consultationFeeMinor: r.consultationFeeMinor,
      languages: r.languages,
      bio: r.bio,
    });
    await audit(tx, ctx, {
      action: 'doctor.profile_updated',
      entityType: 'doctor_profile',
      entityId: id,
      hospitalId: row.hospitalId,
      ...diff(pick(row), pick(updated)),
    });
    return toDoctor(await viewOrThrow(tx, row.hospitalId, id));
  });
}

/** Locks a pending profile of the active hospital for a decision; decided ones are a 409. */
async function pendingProfile(tx: Executor, hospitalId: string, id: string) {
  const row = await doctors.lockDoctorProfile(tx, id);
  if (!row || row.hospitalId !== hospitalId) throw notFound('Doctor');
  if (row.status !== 'pending')
    throw new AppError('ALREADY_DECIDED', `This application was already ${row.status}.`);
  return row;
}

/** Approves a pending doctor: the doctor role at the hospital is granted in the same transaction. */
/** The doctor is told in the same transaction (the notice exists if and only if the decision does). */
export async function approveDoctor(ctx: Ctx, id: string): Promise<DoctorProfile> {
  const hospitalId = requireHospital(ctx.actor);
  const view = await ctx.db.transaction(async (tx) => {
    const row = await pendingProfile(tx, hospitalId, id);
    await doctors.updateDoctorProfile(tx, id, {
      status: 'approved',
      decidedBy: ctx.actor.userId,
      decidedAt: new Date(),
      rejectionReason: null,
    });
    await staff.upsertMembership(tx, {
      userId: row.userId,
      hospitalId,
      role: 'doctor',
      active: true,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'doctor.approved',
      entityType: 'doctor_profile',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'approved', userId: row.userId },
    });
    await notify(tx, { template: 'organisation.doctor_approved', userId: row.userId, hospitalId });
    return viewOrThrow(tx, hospitalId, id);
  });
  return toDoctor(view);
}

/** Rejects a pending doctor with a reason, which the doctor is sent. */
export async function rejectDoctor(ctx: Ctx, id: string, reason: string): Promise<DoctorProfile> {
  const hospitalId = requireHospital(ctx.actor);
  const view = await ctx.db.transaction(async (tx) => {
    const row = await pendingProfile(tx, hospitalId, id);
    await doctors.updateDoctorProfile(tx, id, {
      status: 'rejected',
      decidedBy: ctx.actor.userId,
      decidedAt: new Date(),
      rejectionReason: reason,
    });
    await audit(tx, ctx, {
      action: 'doctor.rejected',
      entityType: 'doctor_profile',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'rejected', reason },
    });
    await notify(tx, {
      template: 'organisation.doctor_rejected',
      userId: row.userId,
      hospitalId,
      data: { reason },
    });
    return viewOrThrow(tx, hospitalId, id);
  });
  return toDoctor(view);
}
