import type {
  DirectDoctorProfile,
  SetStaffRoles,
  StaffMember,
  StaffQuery,
} from '../../../contracts/organisation';
import type { HospitalRole } from '../../../contracts/roles';
import type { Executor } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as doctors from './doctors.repo';
import * as repo from './organisation.repo';
import * as staff from './staff.repo';

function toMember(r: staff.StaffRow): StaffMember {
  return {
    userId: r.userId,
    fullName: r.fullName,
    email: r.email,
    roles: r.roles as HospitalRole[],
    active: r.active,
    since: r.since.toISOString(),
  };
}

async function memberOrThrow(exec: Executor, hospitalId: string, userId: string): Promise<StaffMember> {
  const { rows } = await staff.listStaff(exec, hospitalId, { userId }, { limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('Staff member');
  return toMember(rows[0]);
}

const lastAdmin = () =>
  new AppError('LAST_ADMIN', 'This is the hospital’s last active admin; make someone else an admin first.');

/** The people who hold roles at the active hospital, by name, with paging and search. */
export async function listStaff(
  ctx: Ctx,
  q: StaffQuery,
): Promise<{ items: StaffMember[]; total: number; limit: number; offset: number }> {
  const { rows, total } = await staff.listStaff(
    ctx.db,
    requireHospital(ctx.actor),
    { q: q.q, role: q.role, active: q.active },
    q,
  );
  return { items: rows.map(toMember), total, limit: q.limit, offset: q.offset };
}

/**
 * Every change to who holds which role runs with the hospital row locked, so two admins demoting
 * each other at the same moment cannot leave the hospital with none.
 */
async function withMember<T>(
  ctx: Ctx,
  userId: string,
  work: (tx: Executor, hospitalId: string, current: staff.MembershipRow[]) => Promise<T>,
): Promise<T> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    await repo.lockHospital(tx, hospitalId);
    const current = await staff.findMemberships(tx, hospitalId, userId);
    if (current.length === 0) throw notFound('Staff member');
    return work(tx, hospitalId, current);
  });
}

/** Makes someone a doctor here directly: their profile must exist approved, or be supplied (and is then approved). */
async function ensureApprovedProfile(
  tx: Executor,
  ctx: Ctx,
  hospitalId: string,
  userId: string,
  given: DirectDoctorProfile | undefined,
): Promise<void> {
  const existing = await doctors.findProfileOfUserAt(tx, hospitalId, userId);
  if (existing?.status === 'approved' && !given) return;
  if (!given) {
    throw new AppError(
      'DOCTOR_PROFILE_REQUIRED',
      existing?.status === 'pending'
        ? 'This person has a pending doctor application; approve it instead.'
        : 'Give the doctor’s profile (specialty and registration number) to grant the doctor role.',
      { errors: [{ path: 'body.doctorProfile', message: 'Required to grant the doctor role' }] },
    );
  }
  if (given.departmentId && !(await repo.findDepartmentInHospital(tx, hospitalId, given.departmentId))) {
    throw new AppError('VALIDATION_FAILED', 'That department is not part of this hospital.', {
      errors: [{ path: 'body.doctorProfile.departmentId', message: 'Unknown department' }],
    });
  }
  const decided = {
    status: 'approved',
    decidedBy: ctx.actor.userId,
    decidedAt: new Date(),
    rejectionReason: null,
  };
  const profile = existing
    ? await doctors.updateDoctorProfile(tx, existing.id, { ...given, ...decided })
    : await repo.insertDoctorProfile(tx, { ...given, ...decided, userId, hospitalId });
  await audit(tx, ctx, {
    action: 'doctor.profile_granted',
    entityType: 'doctor_profile',
    entityId: profile.id,
    before: existing ? { status: existing.status } : null,
    after: {
      userId,
      status: 'approved',
      specialty: given.specialty,
      registrationNumber: given.registrationNumber,
    },
  });
}

/** Sets the roles someone holds at the active hospital (added roles take the member's active state). */
export async function setStaffRoles(ctx: Ctx, userId: string, input: SetStaffRoles): Promise<StaffMember> {
  return withMember(ctx, userId, async (tx, hospitalId, current) => {
    const held = new Set(current.map((m) => m.role));
    const wanted = new Set<string>(input.roles);
    const toAdd = input.roles.filter((r) => !held.has(r));
    const toRemove = [...held].filter((r) => !wanted.has(r));
    if (input.doctorProfile && !toAdd.includes('doctor')) {
      throw new AppError(
        'VALIDATION_FAILED',
        'A doctor profile is only given when granting the doctor role.',
        {
          errors: [{ path: 'body.doctorProfile', message: 'Only when granting the doctor role' }],
        },
      );
    }
    const activeAdmin = current.some((m) => m.role === 'hospital_admin' && m.active);
    if (
      toRemove.includes('hospital_admin') &&
      activeAdmin &&
      (await staff.countOtherActiveAdmins(tx, hospitalId, userId)) === 0
    ) {
      throw lastAdmin();
    }
    if (toAdd.includes('doctor'))
      await ensureApprovedProfile(tx, ctx, hospitalId, userId, input.doctorProfile);
    const memberActive = current.some((m) => m.active);
    await staff.deleteMemberships(tx, hospitalId, userId, toRemove);
    for (const role of toAdd) {
      await staff.upsertMembership(tx, {
        userId,
        hospitalId,
        role,
        active: memberActive,
        createdBy: ctx.actor.userId,
      });
    }
    if (toAdd.length > 0 || toRemove.length > 0) {
      await audit(tx, ctx, {
        action: 'staff.roles_changed',
        entityType: 'user',
        entityId: userId,
        before: { roles: [...held].sort() },
        after: { roles: [...wanted].sort() },
      });
    }
    return memberOrThrow(tx, hospitalId, userId);
  });
}

/** Suspends every role someone holds at the active hospital; the last admin cannot be suspended. */
export async function deactivateStaff(ctx: Ctx, userId: string): Promise<StaffMember> {
  return withMember(ctx, userId, async (tx, hospitalId, current) => {
    if (!current.some((m) => m.active)) return memberOrThrow(tx, hospitalId, userId);
    const activeAdmin = current.some((m) => m.role === 'hospital_admin' && m.active);
    if (activeAdmin && (await staff.countOtherActiveAdmins(tx, hospitalId, userId)) === 0) throw lastAdmin();
    await staff.setMembershipsActive(tx, hospitalId, userId, false);
    await audit(tx, ctx, {
      action: 'staff.deactivated',
      entityType: 'user',
      entityId: userId,
      after: { roles: current.map((m) => m.role).sort() },
    });
    return memberOrThrow(tx, hospitalId, userId);
  });
}

/** Puts back every role someone holds at the active hospital. */
export async function reactivateStaff(ctx: Ctx, userId: string): Promise<StaffMember> {
  return withMember(ctx, userId, async (tx, hospitalId, current) => {
    if (current.every((m) => m.active)) return memberOrThrow(tx, hospitalId, userId);
    await staff.setMembershipsActive(tx, hospitalId, userId, true);
    await audit(tx, ctx, {
      action: 'staff.reactivated',
      entityType: 'user',
      entityId: userId,
      after: { roles: current.map((m) => m.role).sort() },
    });
    return memberOrThrow(tx, hospitalId, userId);
  });
}
