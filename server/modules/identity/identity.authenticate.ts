import type { FastifyReply, FastifyRequest } from 'fastify';
import { Uuid } from '../../../contracts/common';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { buildActor, type Actor, type Credential, type Principal } from '../../platform/auth/actor';
import type { Authenticator } from '../../platform/auth/authenticator';
import type { PrincipalCache } from '../../platform/auth/principal-cache';
import { AppError } from '../../platform/errors';
import { safeEqual, sha256 } from './identity.crypto';
import type { AccessTokens } from './identity.jwt';
import { loadSessionPrincipal, loadTokenPrincipal, touchSession } from './identity.repo';

export const SESSION_COOKIE = 'hsid';
/** Writing last_seen_at on every request would make reads into writes; once a minute is enough for a 30-minute idle limit. */
const TOUCH_EVERY_MS = 60_000;

/**
 * What is cached per credential: the principal, and for sessions what their limits need; and the
 * actor built from it per requested hospital (frozen: shared by concurrent requests).
 */
export type CachedCaller = { actors?: Map<string, Actor> } & (
  | { via: 'token'; principal: Principal }
  | {
      via: 'session';
      principal: Principal;
      sessionId: string;
      csrfToken: string;
      lastSeenAt: number;
      expiresAt: number;
    }
);

/** The actor for a cached caller acting at `hospital`, built once per caller and hospital. */
function actorOf(hit: CachedCaller, credential: Credential, hospital: string | undefined): Actor {
  const key = hospital ?? '';
  let actor = hit.actors?.get(key);
  if (!actor) {
    actor = Object.freeze(buildActor(hit.principal, credential, hospital));
    (hit.actors ??= new Map()).set(key, actor);
  }
  return actor;
}

export interface AuthenticatorDeps {
  db: Db;
  config: Config;
  tokens: AccessTokens;
  /** Callers resolved earlier on this instance, dropped when the database says they changed. */
  cache: PrincipalCache<CachedCaller>;
}

/** Resolves the caller of a request from a bearer token or the session cookie. */
export function makeAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const { cache } = deps;
  const idleMs = deps.config.SESSION_IDLE_MINUTES * 60_000;

  async function fromToken(token: string, requestedHospital: string | undefined): Promise<Actor> {
    const claims = await deps.tokens.verify(token);
    if (!claims) throw new AppError('TOKEN_INVALID', 'The access token is invalid or has expired.');
    const key = `t:${claims.familyId}`;
    let hit = cache.get(key);
    if (!hit || hit.principal.userId !== claims.userId) {
      const since = cache.beginLoad();
      const found = await loadTokenPrincipal(deps.db, claims.userId, claims.familyId);
      // A revoked family (sign-out, revocation, a password change) ends its access tokens too.
      if (!found?.familyLive) {
        throw new AppError('TOKEN_INVALID', 'The access token is no longer valid; sign in again.');
      }
      hit = { via: 'token', principal: found.principal };
      cache.set(key, claims.userId, hit, since);
    }
    return actorOf(hit, { via: 'token', tokenFamilyId: claims.familyId }, requestedHospital);
  }

  async function fromCookie(cookie: string, requestedHospital: string | undefined): Promise<Actor | null> {
    const sessionId = sha256(cookie);
    const key = `s:${sessionId}`;
    const now = Date.now();
    let hit = cache.get(key);
    // A cached session past its limits is looked up again rather than trusted or refused: another
    // instance may have touched it since.
    if (hit?.via !== 'session' || hit.expiresAt <= now || hit.lastSeenAt <= now - idleMs) {
      const since = cache.beginLoad();
      const found = await loadSessionPrincipal(deps.db, sessionId, deps.config.SESSION_IDLE_MINUTES);
      if (!found) return null;
      hit = {
        via: 'session',
        principal: found.principal,
        sessionId: found.sessionId,
        csrfToken: found.csrfToken,
        lastSeenAt: found.lastSeenAt.getTime(),
        expiresAt: found.expiresAt.getTime(),
      };
      cache.set(key, found.principal.userId, hit, since);
    }
    if (now - hit.lastSeenAt > TOUCH_EVERY_MS) {
      await touchSession(deps.db, hit.sessionId);
      hit.lastSeenAt = now;
    }
    return actorOf(
      hit,
      { via: 'session', sessionId: hit.sessionId, csrfToken: hit.csrfToken },
      requestedHospital,
    );
  }

  async function authenticate(req: FastifyRequest): Promise<Actor | null> {
    const header = req.headers['x-hospital-id'];
    const requestedHospital = typeof header === 'string' && header !== '' ? header : undefined;
    if (requestedHospital && !Uuid.safeParse(requestedHospital).success) {
      throw new AppError('BAD_REQUEST', 'X-Hospital-Id must be a hospital id (UUID).');
    }
    // A route an EventSource calls names its hospital in its path instead: acted in when the
    // caller holds a role there, else the caller is resolved as without the header, and the
    // route's own checks answer as they would for any other hospital.
    const inPath = req.routeOptions.config.hospitalInPath;
    const fromPath =
      inPath && !requestedHospital ? (req.params as Record<string, unknown>)[inPath] : undefined;
    if (typeof fromPath === 'string' && Uuid.safeParse(fromPath).success) {
      try {
        return await resolve(req, fromPath);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'HOSPITAL_ACCESS_DENIED')) throw err;
      }
    }
    return resolve(req, requestedHospital);
  }

  function resolve(req: FastifyRequest, hospital: string | undefined): Promise<Actor | null> {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return fromToken(auth.slice(7).trim(), hospital);
    const cookie = req.cookies[SESSION_COOKIE];
    return cookie ? fromCookie(cookie, hospital) : Promise.resolve(null);
  }

  function checkCsrf(req: FastifyRequest, actor: Actor): void {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
      throw new AppError(
        'CSRF_FAILED',
        'Missing or wrong X-CSRF-Token header; reload the page and try again.',
      );
    }
  }

  function setSessionCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.PUBLIC_URL?.startsWith('https:') ?? false,
      path: '/',
      maxAge: deps.config.SESSION_ABSOLUTE_HOURS * 3600,
    });
  }

  function clearSessionCookie(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** What this instance cached about a person it just changed (the notice from the database follows). */
  function forget(userId: string): void {
    cache.forgetUser(userId);
  }

  return {
    authenticate,
    checkCsrf,
    setSessionCookie,
    clearSessionCookie,
    forget,
    settle: () => cache.sync(),
  };
}
