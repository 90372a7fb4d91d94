import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dashboard, DashboardQuery } from '../../../contracts/dashboard';
import { ctxOf } from '../../platform/context';
import { getDashboard } from './dashboard.service';

/** The home dashboard of whoever is signed in. */
export function dashboardRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dashboard',
    {
      // Any signed-in person: the service decides what to compute from the roles they hold.
      config: { access: 'authenticated' },
      schema: {
        tags: ['dashboard'],
        summary: "Live figures for the caller's roles at the active hospital (patients: their own record)",
        querystring: DashboardQuery,
        response: { 200: Dashboard },
      },
    },
    async (req) => getDashboard(ctxOf(req)),
  );
}
