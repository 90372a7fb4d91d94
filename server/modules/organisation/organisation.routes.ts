import type { FastifyInstance } from 'fastify';
import { doctorRoutes } from './doctors.routes';
import { hospitalRoutes } from './hospitals.routes';
import { publicRoutes } from './public.routes';
import { staffRoutes } from './staff.routes';

/** The organisation module's routes: hospitals, departments, staff, invitations, doctors, public directory. */
export function organisationRoutes(
  app: FastifyInstance,
  deps: { publicUrl: string; acceptPerMinute: number },
): void {
  hospitalRoutes(app);
  staffRoutes(app, deps);
  doctorRoutes(app);
  publicRoutes(app, { acceptPerMinute: deps.acceptPerMinute });
}
