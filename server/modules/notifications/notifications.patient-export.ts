// The notifications module's part of a patient's export (ADR 33): the in-app notices sent to their
// account, the delivery log of what went to them by e-mail, SMS and in the app, and their channel
// choices. The same account may belong to staff, whose notices speak of other patients (a critical
// result, a doctor's changed appointment): only the templates below, addressed to a person about
// themself, are exported, so a notice added later stays out until someone says whom it speaks to.
import { sql } from 'drizzle-orm';
import { jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

/** Templates whose notices speak to the person about their own care, bills, orders or account. */
export const OWN_NOTICE_TEMPLATES: readonly string[] = [
  'account.sign_up_code',
  'account.sign_up_existing',
  'account.welcome',
  'account.password_reset',
  'account.password_changed',
  'account.two_factor_changed',
  'organisation.staff_invitation',
  'organisation.doctor_approved',
  'organisation.doctor_rejected',
  'scheduling.appointment_booked',
  'scheduling.appointment_rescheduled',
  'scheduling.appointment_cancelled',
  'scheduling.appointment_reminder',
  'scheduling.appointment_no_show',
  'pharmacy.order_placed',
  'pharmacy.order_update',
  'pharmacy.order_rejected',
  'lab.report_ready',
  'lab.report_amended',
  'billing.invoice_issued',
  'privacy.erasure_refused',
  'system.test',
];

export const patientExport: PatientExportStep = (tx, patientId) => {
  const user = sql`(select p.user_id from patients p where p.id = ${patientId})`;
  const own = sql`d.template = any(${sql.param([...OWN_NOTICE_TEMPLATES])}::text[])`;
  return jsonSections(tx, {
    notices: sql`
      select n.id, n.kind, n.title, n.body, n.link, h.name as "hospitalName", n.created_at as "sentAt",
             n.read_at as "readAt"
        from notifications n join notification_deliveries d on d.id = n.delivery_id
        left join hospitals h on h.id = n.hospital_id
       where n.user_id = ${user} and ${own} order by n.created_at, n.id`,
    noticeDeliveries: sql`
      select d.template, d.kind, d.channel, d.recipient, d.status, h.name as "hospitalName",
             d.created_at as "queuedAt", d.sent_at as "sentAt"
        from notification_deliveries d left join hospitals h on h.id = d.hospital_id
       where d.user_id = ${user} and ${own} order by d.created_at, d.id`,
    noticePreferences: sql`
      select np.kind, np.email, np.sms, np.in_app as "inApp", np.updated_at as "updatedAt"
        from notification_preferences np where np.user_id = ${user} order by np.kind`,
  });
};
