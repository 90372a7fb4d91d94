import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { Mailer } from '../../platform/mail/mailer';
import { doctorRoutes } from './doctors.routes';
import { hospitalRoutes } from './hospitals.routes';
import type { MailDeps } from './organisation.mails';
import { publicRoutes } from './public.routes';
import { staffRoutes } from './staff.routes';

/** Registers the organisation module: hospitals, departments, staff, invitations, doctors, public directory. */
export function organisationRoutes(app: FastifyInstance, deps: { config: Config; mailer: Mailer }): void {
  const { config } = deps;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const mail: MailDeps = { mailer: deps.mailer, log: app.log, publicUrl };
  hospitalRoutes(app);
  staffRoutes(app, mail);
  doctorRoutes(app, mail);
  publicRoutes(app, { acceptPerMinute: config.RATE_LIMIT_AUTH_PER_MINUTE });
}
