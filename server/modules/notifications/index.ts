// The notifications module's public face. Other modules send notices with
// `notify(tx, { template, userId | email | phone, data, hospitalId?, idempotencyKey? })` inside the
// transaction of the change they announce, and add their own templates with `defineTemplate`.
import './templates';
import { defineModule } from '../module';
import { defineNotificationJobs } from './notifications.jobs';
import { notificationAdminRoutes } from './notifications.admin.routes';
import { notificationRoutes } from './notifications.routes';
import { systemTest } from './templates/system.templates';
import { patientExport } from './notifications.patient-export';
import { patientErasure } from './notifications.patient-erasure';

export {
  noticeWrites,
  notify,
  QUEUES as NOTIFY_QUEUES,
  type NotifyInput,
  type NotifyResult,
} from './notifications.notify';
export {
  defineTemplate,
  findTemplate,
  email as emailParts,
  formatInstant,
  type RenderContext,
  type Rendered,
} from './templates';
export { type DeliveryDeps } from './notifications.jobs';
export { provideRecipients, type RecipientsPort } from './notifications.recipients';

/** The domain of the sender address, for Message-IDs (`Hospitium <no-reply@example.org>` -> example.org). */
function mailDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'hospitium.local';
}

/** E-mail, SMS and in-app notices sent by background jobs, with preferences and a delivery log. */
export const notificationsModule = defineModule({
  name: 'notifications',
  patientExport,
  patientErasure,
  templates: [systemTest],
  routes(app, deps) {
    notificationRoutes(app);
    notificationAdminRoutes(app, deps);
  },
  jobs: (runner, deps) =>
    defineNotificationJobs(runner, {
      db: deps.database.db,
      mailer: deps.mailer,
      sms: deps.sms,
      mailDomain: mailDomain(deps.config.MAIL_FROM),
    }),
});
