import type {
  AcceptInvitation,
  CreateInvitation,
  Invitation,
  InvitationAccepted,
} from '../../../contracts/organisation';
import type { HospitalRole } from '../../../contracts/roles';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import { requireHospital, type Actor } from '../../platform/auth/actor';
import type { AnonCtx, Ctx } from '../../platform/context';
import { AppError, notFound, sqlState, UNIQUE_VIOLATION } from '../../platform/errors';
import {
  findUserByEmail,
  findUserNames,
  hashPassword,
  insertUser,
  randomToken,
  sha256,
  weakPasswordReason,
} from '../identity';
import { invitationStatus, toInvitation } from './organisation.dto';
import { notify } from '../notifications';
import * as repo from './organisation.repo';
import * as staff from './staff.repo';

export const INVITATION_TTL_DAYS = 7;

const invalid = (
  detail = 'This invitation link is not valid any more: it was used, withdrawn or has expired.',
) => new AppError('INVITATION_INVALID', detail);

/**
 * Invites someone by email to a role at the active hospital. The link carries a random token; only
 * its hash is stored. A new invitation for the same address and role replaces an open one. The mail
 * is queued in the same transaction and sent (with retries) by the notification jobs.
 */
export async function inviteStaff(
  ctx: Ctx,
  deps: { publicUrl: string },
  input: CreateInvitation,
): Promise<Invitation> {
  const hospitalId = requireHospital(ctx.actor);
  if (input.role === 'doctor') {
    // A doctor needs a profile (specialty, registration number) that an invitation does not carry.
    throw new AppError(
      'DOCTOR_PROFILE_REQUIRED',
      'Doctors register themselves (then you approve them), or grant the doctor role with a profile through staff roles.',
      { errors: [{ path: 'body.role', message: 'Doctors cannot be invited by email' }] },
    );
  }
  const token = randomToken(32);
  const row = await ctx.db.transaction(async (tx) => {
    const hospital = await repo.findHospital(tx, hospitalId);
    if (!hospital) throw notFound('Hospital');
    if (await staff.hasActiveRoleByEmail(tx, hospitalId, input.email, input.role)) {
      throw new AppError('ALREADY_MEMBER', 'This person already holds that role here.', {
        errors: [{ path: 'body.email', message: 'Already holds this role' }],
      });
    }
    const replaced = await staff.revokeOpenInvitationsFor(tx, hospitalId, input.email, input.role);
    const row = await staff.insertInvitation(tx, {
      hospitalId,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: ctx.actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    });
    await audit(tx, ctx, {
      action: 'staff.invited',
      entityType: 'invitation',
      entityId: row.id,
      after: { email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString(), replaced },
    });
    await notify(tx, {
      template: 'organisation.staff_invitation',
      email: row.email,
      hospitalId,
      data: {
        role: row.role,
        link: `${deps.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`,
        expiresAt: row.expiresAt.toISOString(),
      },
    });
    return row;
  });

  return toInvitation(row, new Map([[ctx.actor.userId, ctx.actor.fullName]]));
}

/** The active hospital's open invitations, newest first. */
export async function listInvitations(
  ctx: Ctx,
  page: { limit: number; offset: number },
): Promise<{ items: Invitation[]; total: number; limit: number; offset: number }> {
  const { rows, total } = await staff.listOpenInvitations(ctx.db, requireHospital(ctx.actor), page);
  const names = await findUserNames(
    ctx.db,
    rows.map((r) => r.invitedBy),
  );
  return { items: rows.map((r) => toInvitation(r, names)), total, limit: page.limit, offset: page.offset };
}

/** Withdraws an open invitation of the active hospital; one already used or withdrawn is a 409. */
export async function revokeInvitation(ctx: Ctx, id: string): Promise<Invitation> {
  const hospitalId = requireHospital(ctx.actor);
  const row = await ctx.db.transaction(async (tx) => {
    const inv = await staff.findInvitationInHospital(tx, hospitalId, id);
    if (!inv) throw notFound('Invitation');
    if (inv.acceptedAt || inv.revokedAt) {
      throw new AppError(
        'ALREADY_DECIDED',
        `This invitation was already ${inv.acceptedAt ? 'accepted' : 'withdrawn'}.`,
      );
    }
    const row = await staff.updateInvitation(tx, id, { revokedAt: new Date() });
    await audit(tx, ctx, {
      action: 'staff.invitation_revoked',
      entityType: 'invitation',
      entityId: id,
      after: { email: inv.email, role: inv.role },
    });
    return row;
  });
  const names = await findUserNames(ctx.db, [row.invitedBy]);
  return toInvitation(row, names);
}

/**
 * Accepts an invitation. A signed-in person whose address it was sent to accepts with the token
 * alone; someone new gives a name and password and gets an account (the token proves the address).
 * A token works once.
 */
export async function acceptInvitation(
  ctx: AnonCtx,
  actor: Actor | null,
  input: AcceptInvitation,
): Promise<InvitationAccepted> {
  if (actor && (input.fullName !== undefined || input.password !== undefined)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'You are signed in: send only the token to accept for this account.',
      {
        errors: [{ path: 'body', message: 'Only the token when signed in' }],
      },
    );
  }
  if (!actor && (input.fullName === undefined || input.password === undefined)) {
    const errors = [
      ...(input.fullName === undefined ? [{ path: 'body.fullName', message: 'Required' }] : []),
      ...(input.password === undefined ? [{ path: 'body.password', message: 'Required' }] : []),
    ];
    throw new AppError(
      'VALIDATION_FAILED',
      'Give your name and a password to create your account, or sign in first.',
      { errors },
    );
  }
  const tokenHash = sha256(input.token);
  const peek = await staff.findInvitationByTokenHash(ctx.db, tokenHash);
  if (!peek || invitationStatus(peek) !== 'pending') throw invalid();

  // Hash before the transaction: argon2 is slow on purpose, and locks should not wait for it.
  let passwordHash: string | null = null;
  if (!actor) {
    const weak = weakPasswordReason(input.password!, peek.email);
    if (weak)
      throw new AppError('WEAK_PASSWORD', weak, { errors: [{ path: 'body.password', message: weak }] });
    passwordHash = await hashPassword(input.password!);
  }

  try {
    return await ctx.db.transaction(async (tx) => {
      const inv = await staff.findInvitationByTokenHash(tx, tokenHash);
      if (!inv || invitationStatus(inv) !== 'pending') throw invalid();
      const hospital = await repo.findHospital(tx, inv.hospitalId);
      if (!hospital?.active) throw invalid();
      let userId: string;
      if (actor) {
        if (actor.email !== inv.email) {
          throw invalid(
            'This invitation was sent to another email address; sign in with that address to accept it.',
          );
        }
        userId = actor.userId;
      } else {
        if (await findUserByEmail(tx, inv.email)) {
          throw new AppError(
            'EMAIL_TAKEN',
            'This email already has an account: sign in, then accept the invitation.',
          );
        }
        const user = await insertUser(tx, {
          email: inv.email,
          fullName: input.fullName!,
          passwordHash: passwordHash!,
          emailVerifiedAt: new Date(),
        });
        userId = user.id;
      }
      await staff.upsertMembership(tx, {
        userId,
        hospitalId: inv.hospitalId,
        role: inv.role,
        active: true,
        createdBy: inv.invitedBy,
      });
      await staff.updateInvitation(tx, inv.id, { acceptedAt: new Date(), acceptedBy: userId });
      await auditAnon(tx, ctx, {
        action: 'staff.invitation_accepted',
        entityType: 'invitation',
        entityId: inv.id,
        hospitalId: inv.hospitalId,
        actorUserId: userId,
        actorRole: inv.role,
        after: { email: inv.email, role: inv.role, accountCreated: !actor },
      });
      return {
        userId,
        hospitalId: inv.hospitalId,
        hospitalName: hospital.name,
        role: inv.role as HospitalRole,
        accountCreated: !actor,
      };
    });
  } catch (err) {
    // Someone registered this address between the check and the insert.
    if (sqlState(err) === UNIQUE_VIOLATION) {
      throw new AppError(
        'EMAIL_TAKEN',
        'This email already has an account: sign in, then accept the invitation.',
      );
    }
    throw err;
  }
}
