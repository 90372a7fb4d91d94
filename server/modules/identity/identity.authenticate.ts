import type { FastifyReply, FastifyRequest } from 'fastify';
import { Uuid } from '../../../contracts/common';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { buildActor, type Actor } from '../../platform/auth/actor';
import { AppError } from '../../platform/errors';
import { safeEqual, sha256 } from './identity.crypto';
import type { AccessTokens } from './identity.jwt';
import { loadPrincipal, loadSessionPrincipal, touchSession } from './identity.repo';

export const SESSION_COOKIE = 'hsid';
/** Writing last_seen_at on every request would make reads into writes; once a minute is enough for a 30-minute idle limit. */
const TOUCH_EVERY_MS = 60_000;

/** Resolves the caller of a request from a bearer token or the session cookie. */
export function makeAuthenticator(deps: { db: Db; config: Config; tokens: AccessTokens }) {
  async function authenticate(req: FastifyRequest): Promise<Actor | null> {
    const header = req.headers['x-hospital-id'];
    const requestedHospital = typeof header === 'string' && header !== '' ? header : undefined;
    if (requestedHospital && !Uuid.safeParse(requestedHospital).success) {
      throw new AppError('BAD_REQUEST', 'X-Hospital-Id must be a hospital id (UUID).');
    }

    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const claims = await deps.tokens.verify(auth.slice(7).trim());
      if (!claims) throw new AppError('TOKEN_INVALID', 'The access token is invalid or has expired.');
      const principal = await loadPrincipal(deps.db, claims.userId);
      // A password change ends every earlier token, not only sessions.
      if (
        !principal ||
        claims.issuedAt * 1000 < Math.floor(principal.passwordChangedAt.getTime() / 1000) * 1000
      ) {
        throw new AppError('TOKEN_INVALID', 'The access token is no longer valid; sign in again.');
      }
      return buildActor(principal, 'token', null, null, requestedHospital);
    }

    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const found = await loadSessionPrincipal(deps.db, sha256(cookie), deps.config.SESSION_IDLE_MINUTES);
    if (!found) return null;
    if (Date.now() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await touchSession(deps.db, found.sessionId);
    return buildActor(found.principal, 'session', found.sessionId, found.csrfToken, requestedHospital);
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

  return { authenticate, checkCsrf, setSessionCookie, clearSessionCookie };
}

export type Authenticator = ReturnType<typeof makeAuthenticator>;
