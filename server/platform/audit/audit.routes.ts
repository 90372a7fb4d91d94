import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../../contracts/audit';
import { ctxOf } from '../context';
import { listAuditEvents } from './audit.query';

export function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit-events',
    {
      config: { access: { anyOf: ['audit:read'] } },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log (hospital admins: their hospital; platform admins: everything)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => listAuditEvents(ctxOf(req), req.query),
  );
}
