import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { JobLog, JobRunner } from '../platform/jobs';
import type { Mailer } from '../platform/mail/mailer';
import type { SmsProvider } from '../platform/sms';
import { dashboardRoutes } from './dashboard';
import { registerDocuments } from './documents';
import { patientRoutes } from './patients';
import { organisationRoutes } from './organisation';
import { defineIdentityJobs } from './identity';
import { defineNotificationJobs, notificationAdminRoutes, notificationRoutes } from './notifications';

export interface ModuleDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  sms: SmsProvider;
  jobs: JobRunner;
}

/** Registers every domain module's routes. Each module adds one line here. */
export async function registerModules(app: FastifyInstance, _deps: ModuleDeps): Promise<void> {
  dashboardRoutes(app);
  patientRoutes(app);
  organisationRoutes(app, _deps);
  await registerDocuments(app, _deps);
  notificationRoutes(app);
  notificationAdminRoutes(app, _deps);
}

export interface JobDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  sms: SmsProvider;
  log: JobLog;
}

/**
 * Defines every module's background jobs on the runner. Called by the app and by the separate
 * worker process (`hospitium worker`), so both can run any job. Each module adds one line here.
 */
export async function registerModuleJobs(jobs: JobRunner, deps: JobDeps): Promise<void> {
  const db = deps.database.db;
  await defineNotificationJobs(jobs, {
    db,
    mailer: deps.mailer,
    sms: deps.sms,
    mailDomain: mailDomain(deps.config.MAIL_FROM),
  });
  await defineIdentityJobs(jobs, { db, log: deps.log });
}

/** The domain of the sender address, for Message-IDs (`Hospitium <no-reply@example.org>` -> example.org). */
function mailDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'hospitium.local';
}
