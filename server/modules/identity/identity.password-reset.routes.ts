import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PasswordResetComplete,
  PasswordResetStart,
  PasswordResetStarted,
} from '../../../contracts/account-security';
import { anonCtxOf } from '../../platform/context';
import { RESET_TTL_MINUTES, type PasswordResetService } from './identity.password-reset';

const tags = ['auth'];

/** Forgotten password: ask for a mailed link, then set a new password with its token. */
export function passwordResetRoutes(
  root: FastifyInstance,
  deps: { service: PasswordResetService; limited: { max: number; timeWindow: number } },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { service, limited } = deps;

  app.post(
    '/api/auth/password-reset/start',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Mail a password-reset link (the reply never says whether the email has an account)',
        body: PasswordResetStart,
        response: { 202: PasswordResetStarted },
      },
    },
    async (req, reply) => {
      await service.start(anonCtxOf(req), req.body.email);
      return reply.status(202).send({
        message: `If this address has an account, a reset link is on its way. It works once and expires in ${RESET_TTL_MINUTES} minutes.`,
      });
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags,
        summary: 'Set a new password with the mailed token; signs out every session',
        body: PasswordResetComplete,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.complete(anonCtxOf(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
