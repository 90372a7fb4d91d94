import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Executor } from '../../db/client';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import type { AnonCtx, Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type {
  TwoFactorDisable,
  TwoFactorEnabled,
  TwoFactorSetup,
  TwoFactorStatus,
} from '../../../contracts/account-security';
import { notify } from '../notifications';
import { sha256, verifyPassword } from './identity.crypto';
import * as repo from './identity.repo';
import * as throttle from '../../platform/throttles/throttles.repo';
import * as totpRepo from './identity.totp.repo';

const ISSUER = 'Hospitium';
const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read off paper. 31 symbols, 10 per code: about 49 bits each.
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** What a sign-in offered as its second factor. */
export interface SecondFactor {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const recoveryHash = (userId: string, code: string) => sha256(`${userId}:${normaliseRecoveryCode(code)}`);

/**
 * The 30-second step an app code matches, within one step of now either way (phone clocks drift),
 * and later than `afterStep` when given; null when it matches none.
 */
async function matchStep(secret: string, token: string, afterStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token,
    epoch: nowSeconds(),
    epochTolerance: 30,
    afterTimeStep: afterStep ?? undefined,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Accepts an app code once: its step must be later than the last accepted, and is then recorded. */
async function useTotp(exec: Executor, user: repo.UserRow, token: string): Promise<boolean> {
  if (!user.totpSecret) return false;
  const step = await matchStep(user.totpSecret, token, user.totpLastStep);
  return step !== null && totpRepo.advanceTotpStep(exec, user.id, step);
}

/**
 * Checks the second factor of a sign-in for a user with two-factor on: an app code (once per
 * step) or an unused recovery code (once ever). 'missing' when neither was sent.
 */
export async function checkSecondFactor(
  exec: Executor,
  user: repo.UserRow,
  given: SecondFactor,
): Promise<'ok' | 'missing' | 'wrong'> {
  if (given.totp) return (await useTotp(exec, user, given.totp)) ? 'ok' : 'wrong';
  if (given.recoveryCode) {
    return (await totpRepo.useRecoveryCode(exec, user.id, recoveryHash(user.id, given.recoveryCode)))
      ? 'ok'
      : 'wrong';
  }
  return 'missing';
}

/**
 * The second step of a password sign-in for a user with two-factor on. A missing code answers
 * TOTP_REQUIRED so the client can ask for it; a wrong one also counts as a failed sign-in, so the
 * address's lockout applies to guessing codes as it does to guessing passwords.
 */
export async function requireSecondFactor(
  ctx: AnonCtx,
  user: repo.UserRow,
  input: SecondFactor & { email: string },
  failure: { action: string; key: string; max: number; lockMinutes: number },
): Promise<void> {
  const outcome = await checkSecondFactor(ctx.db, user, input);
  if (outcome === 'ok') return;
  if (outcome === 'missing') {
    throw new AppError(
      'TOTP_REQUIRED',
      'Enter the 6-digit code from your authenticator app, or a recovery code.',
    );
  }
  await ctx.db.transaction(async (tx) => {
    await throttle.recordFailure(tx, failure.key, failure.max, failure.lockMinutes);
    await auditAnon(tx, ctx, {
      action: failure.action,
      entityType: 'user',
      entityId: user.id,
      actorUserId: user.id,
      outcome: 'failure',
      after: { email: input.email, reason: 'second factor' },
    });
  });
  throw new AppError('TOTP_REQUIRED', 'That code is not right or was already used.', {
    errors: [{ path: input.totp ? 'body.totp' : 'body.recoveryCode', message: 'Wrong or already used code' }],
  });
}

function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** TOTP two-factor sign-in: set-up, turning on with recovery codes, turning off, status. */
export class TwoFactorService {
  private async user(ctx: Ctx): Promise<repo.UserRow> {
    const user = await repo.findUserById(ctx.db, ctx.actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    return user;
  }

  /** Whether two-factor is on, pending or required, and how many recovery codes are left. */
  async status(ctx: Ctx): Promise<TwoFactorStatus> {
    const user = await this.user(ctx);
    const { actor } = ctx;
    return {
      enabled: user.totpEnabledAt !== null,
      enabledAt: user.totpEnabledAt?.toISOString() ?? null,
      pending: user.totpEnabledAt === null && user.totpSecret !== null,
      recoveryCodesRemaining: user.totpEnabledAt
        ? await totpRepo.countUnusedRecoveryCodes(ctx.db, user.id)
        : 0,
      requiredByHospital: actor.memberships.some(
        (m) => m.hospitalId !== null && m.hospitalId === actor.hospitalId && m.requiresTwoFactor,
      ),
    };
  }

  /** Issues a new secret for the authenticator app; it takes effect only once a code from it is entered. */
  async setup(ctx: Ctx): Promise<TwoFactorSetup> {
    const user = await this.user(ctx);
    const secret = generateSecret();
    await ctx.db.transaction(async (tx) => {
      if (!(await totpRepo.setPendingTotpSecret(tx, user.id, secret))) {
        throw new AppError(
          'TWO_FACTOR_ALREADY_ENABLED',
          'Two-factor sign-in is already on. Turn it off first to use a new device.',
        );
      }
      await audit(tx, ctx, {
        action: 'auth.two_factor_setup',
        entityType: 'user',
        entityId: user.id,
        hospitalId: null,
      });
    });
    const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
    const qrDataUrl = await QRCode.toDataURL(otpauthUri, {
      errorCorrectionLevel: 'M',
      margin: 1,
      width: 240,
    });
    return { secret, otpauthUri, qrDataUrl };
  }

  /** Turns two-factor on with a first code from the app; returns recovery codes, shown this once. */
  async enable(ctx: Ctx, code: string): Promise<TwoFactorEnabled> {
    const user = await this.user(ctx);
    if (user.totpEnabledAt)
      throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already on.');
    if (!user.totpSecret) throw new AppError('TWO_FACTOR_NOT_SET_UP', 'Start two-factor set-up first.');
    const step = await matchStep(user.totpSecret, code, null);
    if (step === null) {
      throw new AppError(
        'CODE_INVALID',
        'That code is not right. Check the time on your phone and try the next code.',
        {
          errors: [{ path: 'body.code', message: 'Wrong code' }],
        },
      );
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await ctx.db.transaction(async (tx) => {
      if (!(await totpRepo.enableTotp(tx, user.id, user.totpSecret!, step))) {
        throw new AppError('TWO_FACTOR_NOT_SET_UP', 'The set-up changed meanwhile; start it again.');
      }
      await totpRepo.replaceRecoveryCodes(
        tx,
        user.id,
        codes.map((c) => recoveryHash(user.id, c)),
      );
      await notify(tx, { template: 'account.two_factor_changed', userId: user.id, data: { enabled: true } });
      await audit(tx, ctx, {
        action: 'auth.two_factor_enabled',
        entityType: 'user',
        entityId: user.id,
        hospitalId: null,
      });
    });
    return { recoveryCodes: codes };
  }

  /** Turns two-factor off, given the password and a current app code or a recovery code. */
  async disable(ctx: Ctx, input: TwoFactorDisable): Promise<void> {
    const user = await this.user(ctx);
    if (!user.totpEnabledAt) throw new AppError('TWO_FACTOR_NOT_SET_UP', 'Two-factor sign-in is not on.');
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      throw new AppError('INVALID_CREDENTIALS', 'The password is not right.', {
        errors: [{ path: 'body.password', message: 'Not right' }],
      });
    }
    const given: SecondFactor = /^\d{6}$/.test(input.code)
      ? { totp: input.code }
      : { recoveryCode: input.code };
    await ctx.db.transaction(async (tx) => {
      if ((await checkSecondFactor(tx, user, given)) !== 'ok') {
        throw new AppError('CODE_INVALID', 'That code is not right or was already used.', {
          errors: [{ path: 'body.code', message: 'Wrong or used code' }],
        });
      }
      await totpRepo.disableTotp(tx, user.id);
      await totpRepo.replaceRecoveryCodes(tx, user.id, []);
      await notify(tx, { template: 'account.two_factor_changed', userId: user.id, data: { enabled: false } });
      await audit(tx, ctx, {
        action: 'auth.two_factor_disabled',
        entityType: 'user',
        entityId: user.id,
        hospitalId: null,
      });
    });
  }
}
