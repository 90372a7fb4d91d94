import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  TwoFactorDisable,
  TwoFactorEnable,
  TwoFactorEnabled,
  TwoFactorSetup,
  TwoFactorStatus,
} from '../../../contracts/account-security';
import { ctxOf } from '../../platform/context';
import type { TwoFactorService } from './identity.totp';

const tags = ['auth'];

/** Two-factor sign-in (TOTP) for the signed-in person. */
export function twoFactorRoutes(
  root: FastifyInstance,
  deps: { service: TwoFactorService; limited: { max: number; timeWindow: number } },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { service, limited } = deps;

  app.get(
    '/api/auth/2fa',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Whether two-factor sign-in is on, pending or required',
        querystring: z.strictObject({}),
        response: { 200: TwoFactorStatus },
      },
    },
    async (req) => service.status(ctxOf(req)),
  );

  app.post(
    '/api/auth/2fa/setup',
    {
      config: { access: 'authenticated', rateLimit: limited },
      schema: {
        tags,
        summary:
          'Start set-up: a new secret and QR code for the authenticator app (not in force until enabled)',
        response: { 200: TwoFactorSetup },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.setup(ctxOf(req));
    },
  );

  app.post(
    '/api/auth/2fa/enable',
    {
      config: { access: 'authenticated', rateLimit: limited },
      schema: {
        tags,
        summary:
          'Turn two-factor on with a code from the app; returns 10 one-time recovery codes, shown once',
        body: TwoFactorEnable,
        response: { 200: TwoFactorEnabled },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.enable(ctxOf(req), req.body.code);
    },
  );

  app.post(
    '/api/auth/2fa/disable',
    {
      config: { access: 'authenticated', rateLimit: limited },
      schema: {
        tags,
        summary: 'Turn two-factor off with the password and an app or recovery code',
        body: TwoFactorDisable,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.disable(ctxOf(req), req.body);
      return reply.status(204).send(null);
    },
  );
}
