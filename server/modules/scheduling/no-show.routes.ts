import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, NoBody } from '../../../contracts/common';
import { Appointment } from '../../../contracts/scheduling';
import { ctxOf } from '../../platform/context';
import { markNoShow } from './no-show.service';

/** The front desk records a missed appointment (the job does it on its own after the grace period). */
export function noShowRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/appointments/:id/no-show',
    {
      config: { access: { anyOf: ['appointments:book' as const] } },
      schema: {
        tags: ['scheduling'],
        operationId: 'markAppointmentNoShow',
        summary: 'Record that a booked patient did not come (only once the appointment has started)',
        params: IdParams,
        body: NoBody,
        response: { 200: Appointment },
      },
    },
    async (req) => markNoShow(ctxOf(req), req.params.id),
  );
}
