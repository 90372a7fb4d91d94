import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok } from '../../../contracts/common';
import {
  ChangePassword,
  Me,
  RefreshRequest,
  Session,
  SessionInfo,
  SignIn,
  SignUpComplete,
  SignUpStart,
  SignUpStarted,
  TokenPair,
  TokenRequest,
} from '../../../contracts/identity';
import { anonCtxOf, ctxOf, type Ctx } from '../../platform/context';
import type { Authenticator } from '../../platform/auth/authenticator';
import type { IdentityService } from './identity.service';
import { PasswordResetService } from './identity.password-reset';
import { passwordResetRoutes } from './identity.password-reset.routes';
import { TwoFactorService } from './identity.totp';
import { twoFactorRoutes } from './identity.totp.routes';

const tags = ['auth'];

/** Sign-in, sign-up, the current person, sessions and API tokens. */
export function identityRoutes(
  root: FastifyInstance,
  deps: { identity: IdentityService; auth: Authenticator; authPerMinute: number },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { identity, auth } = deps;
  const limited = { max: deps.authPerMinute, timeWindow: 60_000 };
  passwordResetRoutes(root, { service: new PasswordResetService({ config: identity.deps.config }), limited });
  twoFactorRoutes(root, { service: new TwoFactorService(), limited });

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Sign in with email and password (browser session)',
        body: SignIn,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { token } = await identity.signIn(anonCtxOf(req), req.body);
      auth.setSessionCookie(reply, token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/sign-up/start',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary:
          'Start sign-up: mails a 6-digit code (the reply never says whether the email has an account)',
        body: SignUpStart,
        response: { 202: SignUpStarted },
      },
    },
    async (req, reply) => {
      await identity.signUpStart(anonCtxOf(req), req.body.email);
      return reply.status(202).send({
        message: 'If this address can be registered, a 6-digit code is on its way. It expires in 15 minutes.',
      });
    },
  );

  app.post(
    '/api/auth/sign-up/complete',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Finish sign-up with the mailed code; signs the new person in',
        body: SignUpComplete,
        response: { 201: Ok },
      },
    },
    async (req, reply) => {
      const { token } = await identity.signUpComplete(anonCtxOf(req), req.body);
      auth.setSessionCookie(reply, token);
      return reply.status(201).send({ ok: true });
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'End the current session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await identity.signOut(ctxOf(req));
      auth.clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Who is signed in, their hospitals, roles and permissions',
        response: { 200: Me },
      },
    },
    async (req) => meOf(identity, ctxOf(req)),
  );

  // What the web app asks first, signed in or not: /me answers 401 to nobody, which every browser
  // lists as a failed request in its console on the landing page of every visitor.
  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Who is signed in, or null when nobody is (as /api/auth/me, without the 401)',
        response: { 200: Session },
      },
    },
    async (req) => ({ me: req.actor ? await meOf(identity, ctxOf(req)) : null }),
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: "The caller's live sessions",
        response: { 200: z.object({ items: z.array(SessionInfo) }) },
      },
    },
    async (req) => ({ items: await identity.listSessions(ctxOf(req)) }),
  );

  app.post(
    '/api/auth/sessions/:id/revoke',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'End one of your own sessions',
        params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Not a session id') }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.revokeSession(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', rateLimit: limited },
      schema: {
        tags,
        summary: 'Change password; ends every other session and token',
        body: ChangePassword,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.changePassword(ctxOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/token',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'API clients: exchange email and password for an access and a refresh token',
        body: TokenRequest,
        response: { 200: TokenPair },
      },
    },
    async (req) => identity.issueTokens(anonCtxOf(req), req.body),
  );

  app.post(
    '/api/auth/token/refresh',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Rotate a refresh token for a new pair',
        body: RefreshRequest,
        response: { 200: TokenPair },
      },
    },
    async (req) => identity.refresh(anonCtxOf(req), req.body.refreshToken),
  );

  app.post(
    '/api/auth/token/revoke',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Revoke a refresh token (and the tokens rotated from it)',
        body: RefreshRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const userId = await identity.revokeRefresh(anonCtxOf(req), req.body.refreshToken);
      if (userId) auth.forget(userId);
      return reply.status(204).send(null);
    },
  );
}

/** The signed-in person as /api/auth/me and /api/auth/session show them. */
async function meOf(identity: IdentityService, ctx: Ctx): Promise<Me> {
  const a = ctx.actor;
  return {
    user: { id: a.userId, email: a.email, fullName: a.fullName },
    patientId: a.patientId,
    memberships: [
      ...a.memberships.map((m) => ({
        hospitalId: m.hospitalId,
        hospitalName: m.hospitalName ?? null,
        role: m.role,
      })),
      ...(a.patientId ? [{ hospitalId: null, hospitalName: null, role: 'patient' as const }] : []),
    ],
    activeHospitalId: a.hospitalId,
    timeZone: await identity.timeZoneOf(ctx),
    roles: a.roles,
    permissions: [...a.permissions],
    csrfToken: a.csrfToken,
    twoFactorRequired: a.twoFactorRequired,
  };
}
