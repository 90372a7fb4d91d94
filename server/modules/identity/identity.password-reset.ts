import type { Config } from '../../config';
import { auditAnon } from '../../platform/audit/audit.service';
import type { AnonCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { PasswordResetComplete } from '../../../contracts/account-security';
import { notify } from '../notifications';
import { publicUrl } from './identity.links';
import { hashPassword, randomToken, sha256, weakPasswordReason } from './identity.crypto';
import {
  findPasswordResetToken,
  insertPasswordResetToken,
  usePasswordResetTokens,
} from './identity.password-reset.repo';
import * as repo from './identity.repo';
import * as throttle from '../../platform/throttles/throttles.repo';
import { signInKey } from './identity.service';

export const RESET_TTL_MINUTES = 30;
const RESETS_PER_HOUR = 5;

const invalidToken = () =>
  new AppError(
    'RESET_TOKEN_INVALID',
    'This reset link is wrong, has expired or was already used. Ask for a new one.',
    {
      errors: [{ path: 'body.token', message: 'Invalid, expired or used' }],
    },
  );

/** Password reset by a mailed, single-use link. */
export class PasswordResetService {
  constructor(private readonly deps: { config: Config }) {}

  /**
   * Mails a reset link if the address has an active account. The caller's reply, and the work done
   * before it, are the same either way, so the endpoint never tells whether an account exists.
   */
  async start(ctx: AnonCtx, email: string): Promise<void> {
    const window = await throttle.hitWindow(ctx.db, `reset-mail:${sha256(email)}`, 3600_000);
    if (window.count > RESETS_PER_HOUR) return; // quietly: the reply must not differ
    const user = await repo.findUserByEmail(ctx.db, email);
    const token = randomToken(32);
    await ctx.db.transaction(async (tx) => {
      if (user && user.status === 'active') {
        await insertPasswordResetToken(tx, {
          userId: user.id,
          tokenHash: sha256(token),
          expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
          ip: ctx.ip,
        });
        // Queued with the token, in the same transaction; mandatory, so opt-outs do not apply.
        const link = `${publicUrl(this.deps.config)}/reset-password?token=${encodeURIComponent(token)}`;
        await notify(tx, {
          template: 'account.password_reset',
          userId: user.id,
          data: { link, minutes: RESET_TTL_MINUTES },
        });
      }
      await auditAnon(tx, ctx, {
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user?.id ?? null,
        actorUserId: user?.id ?? null,
        outcome: user?.status === 'active' ? 'success' : 'failure',
        after: { email },
      });
    });
  }

  /**
   * Sets a new password with a reset token: spends the token (and every other the person was
   * mailed), signs them out everywhere and lifts a sign-in lockout. Two-factor sign-in stays on.
   */
  async complete(ctx: AnonCtx, input: PasswordResetComplete): Promise<void> {
    const tokenHash = sha256(input.token);
    const live = (r: { usedAt: Date | null; expiresAt: Date } | undefined) =>
      !!r && !r.usedAt && r.expiresAt.getTime() > Date.now();

    const found = await findPasswordResetToken(ctx.db, tokenHash);
    const user = live(found) ? await repo.findUserById(ctx.db, found!.userId) : undefined;
    if (!user || user.status !== 'active') {
      await auditAnon(ctx.db, ctx, {
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: found?.userId ?? null,
        outcome: 'denied',
        after: { reason: found ? 'expired or used' : 'unknown token' },
      });
      throw invalidToken();
    }
    // Checked before the token is spent, so a weak choice can be corrected with the same link.
    const weak = weakPasswordReason(input.newPassword, user.email);
    if (weak)
      throw new AppError('WEAK_PASSWORD', weak, { errors: [{ path: 'body.newPassword', message: weak }] });
    const passwordHash = await hashPassword(input.newPassword);

    await ctx.db.transaction(async (tx) => {
      // Two requests racing with one token: the row lock lets exactly one of them through.
      if (!live(await findPasswordResetToken(tx, tokenHash, true))) throw invalidToken();
      await usePasswordResetTokens(tx, user.id);
      await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
      await repo.revokeAllForUser(tx, user.id);
      await throttle.clearThrottle(tx, signInKey(user.email));
      await notify(tx, { template: 'account.password_changed', userId: user.id });
      await auditAnon(tx, ctx, {
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
      });
    });
  }
}
