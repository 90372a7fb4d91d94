// The notifications module's public face. Other modules send notices with
// `notify(tx, { template, userId | email | phone, data, hospitalId?, idempotencyKey? })` inside the
// transaction of the change they announce, and add their own templates with `defineTemplate`.
import './templates';

export { notify, QUEUES as NOTIFY_QUEUES, type NotifyInput, type NotifyResult } from './notifications.notify';
export {
  defineTemplate,
  email as emailParts,
  formatInstant,
  type RenderContext,
  type Rendered,
} from './templates';
export { defineNotificationJobs, type DeliveryDeps } from './notifications.jobs';
export { notificationRoutes } from './notifications.routes';
export { notificationAdminRoutes } from './notifications.admin.routes';
