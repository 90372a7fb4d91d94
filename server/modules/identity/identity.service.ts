import type { Config } from '../../config';
import type { Executor } from '../../db/client';
import { newId } from '../../db/ids';
import { audit, auditAnon } from '../../platform/audit/audit.service';
import type { AnonCtx, Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { SessionInfo, SignIn, SignUpComplete, TokenPair } from '../../../contracts/identity';
import {
  hashPassword,
  randomCode,
  randomToken,
  safeEqual,
  sha256,
  verifyPassword,
  weakPasswordReason,
} from './identity.crypto';
import type { TokenIssuer } from '../../platform/auth/authenticator';
import { signUpSteps } from './identity.ports';
import * as repo from './identity.repo';
import * as throttle from '../../platform/throttles/throttles.repo';
import { notify } from '../notifications';
import { publicUrl } from './identity.links';
import { requireSecondFactor } from './identity.totp';

export interface IdentityDeps {
  config: Config;
  tokens: TokenIssuer;
}

const CODE_TTL_MINUTES = 15;
const CODE_MAX_ATTEMPTS = 5;
const CODES_PER_HOUR = 5;

/** The throttle key of failed sign-ins for an address (a hash: the address itself is not stored). */
export const signInKey = (email: string) => `signin:${sha256(email)}`;

/** Sign-in, sign-up, sessions and API tokens. */
export class IdentityService {
  constructor(readonly deps: IdentityDeps) {}

  /** Checks a password sign-in; throttled per address so guessing is slow whether or not the account exists. */
  private async checkCredentials(ctx: AnonCtx, input: SignIn, action: string): Promise<repo.UserRow> {
    const { config } = this.deps;
    const key = signInKey(input.email);
    const locked = await throttle.lockedUntil(ctx.db, key);
    if (locked) {
      await auditAnon(ctx.db, ctx, {
        action,
        entityType: 'user',
        outcome: 'denied',
        after: { email: input.email, reason: 'locked' },
      });
      const minutes = Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 60_000));
      throw new AppError(
        'RATE_LIMITED',
        `Too many failed attempts. Try again in ${minutes} minute(s) or reset your password.`,
        {
          retryAfterSeconds: minutes * 60,
        },
      );
    }
    const user = await repo.findUserByEmail(ctx.db, input.email);
    const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!ok || !user || user.status !== 'active') {
      await ctx.db.transaction(async (tx) => {
        await throttle.recordFailure(tx, key, config.SIGNIN_MAX_FAILURES, config.SIGNIN_LOCK_MINUTES);
        await auditAnon(tx, ctx, {
          action,
          entityType: 'user',
          entityId: user?.id ?? null,
          actorUserId: user?.id ?? null,
          outcome: 'failure',
          after: { email: input.email },
        });
      });
      throw new AppError('INVALID_CREDENTIALS', 'The email or password is not right.');
    }
    // Only after the password was right: a wrong one never hints that two-factor is on.
    if (user.totpEnabledAt) {
      await requireSecondFactor(ctx, user, input, {
        action,
        key,
        max: config.SIGNIN_MAX_FAILURES,
        lockMinutes: config.SIGNIN_LOCK_MINUTES,
      });
    }
    await throttle.clearThrottle(ctx.db, key);
    return user;
  }

  /** Password sign-in for the browser: returns a fresh session token for the cookie (a new id every time). */
  async signIn(ctx: AnonCtx, input: SignIn): Promise<{ token: string }> {
    const user = await this.checkCredentials(ctx, input, 'auth.sign_in');
    return ctx.db.transaction(async (tx) => {
      const token = await this.createSession(tx, user.id, ctx);
      await repo.updateUser(tx, user.id, { lastSignInAt: new Date() });
      await auditAnon(tx, ctx, {
        action: 'auth.sign_in',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
      });
      return { token };
    });
  }

  private async createSession(tx: Executor, userId: string, ctx: AnonCtx) {
    const token = randomToken(32);
    const now = Date.now();
    await repo.insertSession(tx, {
      id: sha256(token),
      userId,
      csrfToken: randomToken(24),
      expiresAt: new Date(now + this.deps.config.SESSION_ABSOLUTE_HOURS * 3600_000),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return token;
  }

  /** Ends the caller's current session. */
  /** Ends what the caller signed in with: the browser session, or the bearer token's whole family. */
  async signOut(ctx: Ctx): Promise<void> {
    const { sessionId, tokenFamilyId, userId } = ctx.actor;
    await ctx.db.transaction(async (tx) => {
      if (sessionId) {
        await repo.revokeSession(tx, userId, sessionId);
        await audit(tx, ctx, { action: 'auth.sign_out', entityType: 'session', entityId: sessionId });
      } else if (tokenFamilyId) {
        await repo.revokeRefreshFamily(tx, tokenFamilyId);
        await audit(tx, ctx, {
          action: 'auth.sign_out',
          entityType: 'token_family',
          entityId: tokenFamilyId,
        });
      }
    });
  }

  /**
   * First step of sign-up. The reply is the same whether or not the address has an account: a new
   * address is mailed a code, an existing one is told someone tried to register with it.
   */
  async signUpStart(ctx: AnonCtx, email: string): Promise<void> {
    const window = await throttle.hitWindow(ctx.db, `signup-mail:${sha256(email)}`, 3600_000);
    if (window.count > CODES_PER_HOUR) return; // quietly: the reply must not differ
    const user = await repo.findUserByEmail(ctx.db, email);
    // The mail is queued with the code, in one transaction, and sent by a job: the reply neither
    // waits for the mail server nor fails with it, so it looks the same for both kinds of address.
    await ctx.db.transaction(async (tx) => {
      if (user) {
        await notify(tx, { template: 'account.sign_up_existing', email });
        return;
      }
      const code = randomCode();
      await repo.insertEmailCode(tx, {
        email,
        purpose: 'sign_up',
        codeHash: sha256(`${email}:${code}`),
        expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000),
      });
      await notify(tx, {
        template: 'account.sign_up_code',
        email,
        data: { code, minutes: CODE_TTL_MINUTES },
      });
    });
  }

  /** Second step of sign-up: the mailed code proves the address; creates the account and signs in. */
  async signUpComplete(ctx: AnonCtx, input: SignUpComplete): Promise<{ token: string; userId: string }> {
    const weak = weakPasswordReason(input.password, input.email);
    if (weak)
      throw new AppError('WEAK_PASSWORD', weak, { errors: [{ path: 'body.password', message: weak }] });
    const passwordHash = await hashPassword(input.password);

    const outcome = await ctx.db.transaction(async (tx) => {
      const code = await repo.findLiveEmailCode(tx, input.email, 'sign_up');
      if (!code || code.attempts >= CODE_MAX_ATTEMPTS) return { ok: false as const };
      if (!safeEqual(code.codeHash, sha256(`${input.email}:${input.code}`))) {
        await repo.updateEmailCode(tx, code.id, { attempts: code.attempts + 1 });
        return { ok: false as const };
      }
      await repo.updateEmailCode(tx, code.id, { consumedAt: new Date() });
      if (await repo.findUserByEmail(tx, input.email)) {
        throw new AppError('EMAIL_TAKEN', 'This email already has an account; sign in instead.');
      }
      const user = await repo.insertUser(tx, {
        email: input.email,
        fullName: input.fullName,
        phone: input.patient?.phone ?? null,
        passwordHash,
        emailVerifiedAt: new Date(),
      });
      let patientId: string | null = null;
      if (input.role === 'patient') {
        const [givenName, ...rest] = input.fullName.split(/\s+/);
        patientId = await signUpSteps().patient(tx, {
          userId: user.id,
          givenName: givenName ?? input.fullName,
          familyName: rest.join(' '),
          email: input.email,
          phone: input.patient?.phone ?? null,
          dateOfBirth: input.patient?.dateOfBirth ?? null,
          sex: input.patient?.sex ?? 'unknown',
        });
      } else {
        await signUpSteps().doctor(tx, user.id, input.doctor!);
      }
      const token = await this.createSession(tx, user.id, ctx);
      await notify(tx, {
        template: 'account.welcome',
        userId: user.id,
        data: { role: input.role, signInUrl: `${publicUrl(this.deps.config)}/sign-in` },
      });
      await auditAnon(tx, ctx, {
        action: 'auth.sign_up',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
        actorRole: input.role,
        patientId,
        hospitalId: input.role === 'doctor' ? input.doctor!.hospitalId : null,
        after: { email: input.email, fullName: input.fullName, role: input.role },
      });
      return { ok: true as const, token, userId: user.id };
    });
    if (!outcome.ok) {
      throw new AppError('CODE_INVALID', 'That code is wrong or has expired. Ask for a new one.', {
        errors: [{ path: 'body.code', message: 'Wrong or expired code' }],
      });
    }
    return { token: outcome.token, userId: outcome.userId };
  }

  /**
   * The zone the caller's times are shown in: the active hospital's; for a patient acting in no
   * hospital, the one all their hospitals share; null when there is none (the browser's is used).
   */
  async timeZoneOf(ctx: Ctx): Promise<string | null> {
    const a = ctx.actor;
    if (a.hospitalId) return a.memberships.find((m) => m.hospitalId === a.hospitalId)?.timeZone ?? null;
    if (!a.patientId) return null;
    const zones = await repo.patientTimeZones(ctx.db, a.patientId);
    return zones.length === 1 ? zones[0]! : null;
  }

  /** The caller's live sessions, newest activity first. */
  async listSessions(ctx: Ctx): Promise<SessionInfo[]> {
    const rows = await repo.listLiveSessions(ctx.db, ctx.actor.userId, this.deps.config.SESSION_IDLE_MINUTES);
    return rows.map((s) => ({
      id: s.id,
      current: s.id === ctx.actor.sessionId,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
    }));
  }

  /** Ends one of the caller's own sessions; someone else's answers 404. */
  async revokeSession(ctx: Ctx, sessionId: string): Promise<void> {
    await ctx.db.transaction(async (tx) => {
      if (!(await repo.revokeSession(tx, ctx.actor.userId, sessionId)))
        throw new AppError('NOT_FOUND', 'Session not found.');
      await audit(tx, ctx, { action: 'auth.session_revoked', entityType: 'session', entityId: sessionId });
    });
  }

  /** Changes the password and signs the person out everywhere else (sessions and refresh tokens). */
  async changePassword(ctx: Ctx, current: string, next: string): Promise<void> {
    const user = await repo.findUserById(ctx.db, ctx.actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, current))) {
      throw new AppError('INVALID_CREDENTIALS', 'The current password is not right.', {
        errors: [{ path: 'body.currentPassword', message: 'Not right' }],
      });
    }
    const weak = weakPasswordReason(next, user.email);
    if (weak)
      throw new AppError('WEAK_PASSWORD', weak, { errors: [{ path: 'body.newPassword', message: weak }] });
    const passwordHash = await hashPassword(next);
    await ctx.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
      await repo.revokeAllForUser(tx, user.id, {
        sessionId: ctx.actor.sessionId,
        tokenFamilyId: ctx.actor.tokenFamilyId,
      });
      await audit(tx, ctx, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
    });
  }

  /** Password grant for API clients: a short-lived access token and a rotating refresh token. */
  async issueTokens(ctx: AnonCtx, input: SignIn): Promise<TokenPair> {
    const user = await this.checkCredentials(ctx, input, 'auth.token_issued');
    return ctx.db.transaction(async (tx) => {
      const pair = await this.newPair(tx, user.id, newId(), ctx);
      await auditAnon(tx, ctx, {
        action: 'auth.token_issued',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
      });
      return pair;
    });
  }

  private async newPair(tx: Executor, userId: string, familyId: string, ctx: AnonCtx) {
    const refreshToken = randomToken(32);
    await repo.insertRefreshToken(tx, {
      familyId,
      userId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.deps.config.REFRESH_TOKEN_TTL_DAYS * 86400_000),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    const accessToken = await this.deps.tokens.issue(userId, familyId);
    return { tokenType: 'Bearer' as const, accessToken, expiresIn: this.deps.tokens.ttl, refreshToken };
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it was copied: the whole
   * family is revoked, so the thief and the owner both have to sign in again.
   */
  async refresh(ctx: AnonCtx, refreshToken: string): Promise<TokenPair> {
    const result = await ctx.db.transaction(async (tx) => {
      const row = await repo.findRefreshTokenForUpdate(tx, sha256(refreshToken));
      if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
      if (row.usedAt) {
        await repo.revokeRefreshFamily(tx, row.familyId);
        await auditAnon(tx, ctx, {
          action: 'auth.refresh_reused',
          entityType: 'user',
          entityId: row.userId,
          actorUserId: row.userId,
          outcome: 'denied',
        });
        return 'reused' as const;
      }
      const user = await repo.findUserById(tx, row.userId);
      if (!user || user.status !== 'active') return null;
      await repo.markRefreshTokenUsed(tx, row.id);
      return this.newPair(tx, row.userId, row.familyId, ctx);
    });
    if (!result || result === 'reused')
      throw new AppError('TOKEN_INVALID', 'The refresh token is not valid; sign in again.');
    return result;
  }

  /**
   * Revokes a refresh token and its family, and with it the access tokens issued with that family
   * (sign-out for API clients). Unknown tokens are ignored. Returns whose tokens were revoked.
   */
  async revokeRefresh(ctx: AnonCtx, refreshToken: string): Promise<string | null> {
    return ctx.db.transaction(async (tx) => {
      const row = await repo.findRefreshTokenForUpdate(tx, sha256(refreshToken));
      if (!row) return null;
      await repo.revokeRefreshFamily(tx, row.familyId);
      await auditAnon(tx, ctx, {
        action: 'auth.token_revoked',
        entityType: 'user',
        entityId: row.userId,
        actorUserId: row.userId,
      });
      return row.userId;
    });
  }
}
