import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppointmentInsights } from '../../../contracts/scheduling';
import { ctxOf } from '../../platform/context';
import { appointmentInsights } from './scheduling.dashboard';

/** The admin dashboard's appointment chart and latest bookings. */
export function insightsRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/appointments/insights',
    {
      config: { access: { anyOf: ['appointments:read' as const] } },
      schema: {
        tags: ['scheduling'],
        operationId: 'getAppointmentInsights',
        summary:
          "The active hospital's appointments per local day over the last 30 days, and the latest booked",
        querystring: z.strictObject({}),
        response: { 200: AppointmentInsights },
      },
    },
    async (req) => appointmentInsights(ctxOf(req)),
  );
}
