import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices to the patient about their appointment: booked, moved, cancelled. Times are written in
// the hospital's time zone (ctx.dateTime). Links point into the web app.

const appointmentData = z.object({
  appointmentId: z.uuid(),
  doctorName: z.string().min(1),
  startsAt: z.iso.datetime({ offset: true }),
});
// The patient's notices open their appointments page (server/modules/notice-links.test.ts checks
// every link lands on a page of the web app).
const link = (_id: string): string | null => '/app/appointments';
// The doctor's notices open their day (the queue and today's list).
const doctorLink = (_id: string): string | null => '/app/my-day';

export const appointmentBooked = defineTemplate({
  name: 'scheduling.appointment_booked',
  kind: 'appointment',
  needsHospital: true,
  data: appointmentData,
  render: (d, ctx) => {
    const when = ctx.dateTime(d.startsAt);
    const body = `Your appointment with ${d.doctorName} at ${ctx.hospital!.name} is booked for ${when}.`;
    return {
      email: email({ subject: `Appointment booked: ${when}`, paragraphs: [body] }, ctx),
      sms: `${ctx.hospital!.name}: appointment with ${d.doctorName} on ${when}.`,
      inApp: { title: 'Appointment booked', body, link: link(d.appointmentId) },
    };
  },
});

export const appointmentRescheduled = defineTemplate({
  name: 'scheduling.appointment_rescheduled',
  kind: 'appointment',
  needsHospital: true,
  data: appointmentData.extend({ previousStartsAt: z.iso.datetime({ offset: true }) }),
  render: (d, ctx) => {
    const when = ctx.dateTime(d.startsAt);
    const body = `Your appointment with ${d.doctorName} at ${ctx.hospital!.name} has moved from ${ctx.dateTime(d.previousStartsAt)} to ${when}.`;
    return {
      email: email({ subject: `Appointment moved to ${when}`, paragraphs: [body] }, ctx),
      sms: `${ctx.hospital!.name}: your appointment with ${d.doctorName} is now on ${when}.`,
      inApp: { title: 'Appointment moved', body, link: link(d.appointmentId) },
    };
  },
});

export const appointmentCancelled = defineTemplate({
  name: 'scheduling.appointment_cancelled',
  kind: 'appointment',
  needsHospital: true,
  data: appointmentData.extend({ reason: z.string().max(500).nullable() }),
  render: (d, ctx) => {
    const base = `Your appointment with ${d.doctorName} at ${ctx.hospital!.name} on ${ctx.dateTime(d.startsAt)} is cancelled.`;
    const body = d.reason ? `${base}\n\nReason: ${d.reason}` : base;
    return {
      email: email({ subject: 'Appointment cancelled', paragraphs: [body] }, ctx),
      sms: `${ctx.hospital!.name}: ${base}`,
      inApp: { title: 'Appointment cancelled', body, link: link(d.appointmentId) },
    };
  },
});

/** Which reminder: the day before (24 h) or shortly before (2 h); see reminders.ts. */
const reminderKind = z.enum(['24h', '2h']);

export const appointmentReminder = defineTemplate({
  name: 'scheduling.appointment_reminder',
  kind: 'reminder',
  needsHospital: true,
  data: appointmentData.extend({ reminder: reminderKind }),
  render: (d, ctx) => {
    const when = ctx.dateTime(d.startsAt);
    const soon = d.reminder === '2h' ? 'soon' : 'coming up';
    const body = `Reminder: your appointment with ${d.doctorName} at ${ctx.hospital!.name} is ${soon}, on ${when}. If you cannot come, please cancel or call the hospital so someone else can have the time.`;
    return {
      email: email({ subject: `Reminder: appointment on ${when}`, paragraphs: [body] }, ctx),
      sms: `${ctx.hospital!.name}: reminder, appointment with ${d.doctorName} on ${when}.`,
      inApp: { title: 'Appointment reminder', body, link: link(d.appointmentId) },
    };
  },
});

export const appointmentNoShow = defineTemplate({
  name: 'scheduling.appointment_no_show',
  kind: 'appointment',
  needsHospital: true,
  data: appointmentData,
  render: (d, ctx) => {
    const body = `You were expected for your appointment with ${d.doctorName} at ${ctx.hospital!.name} on ${ctx.dateTime(d.startsAt)}, and it is now recorded as missed. Book a new time whenever you are ready.`;
    return {
      email: email({ subject: 'Missed appointment', paragraphs: [body] }, ctx),
      sms: `${ctx.hospital!.name}: your appointment with ${d.doctorName} on ${ctx.dateTime(d.startsAt)} was missed.`,
      inApp: { title: 'Missed appointment', body, link: link(d.appointmentId) },
    };
  },
});

/**
 * To the doctor, in the app only: one of their coming appointments was cancelled or moved (sent for
 * changes within DOCTOR_NOTICE_DAYS, doctor-notices.ts); it opens the doctor's day.
 */
export const doctorAppointmentChanged = defineTemplate({
  name: 'scheduling.doctor_appointment_changed',
  kind: 'appointment',
  needsHospital: true,
  data: z.object({
    appointmentId: z.uuid(),
    patientName: z.string().min(1),
    change: z.enum(['cancelled', 'rescheduled']),
    startsAt: z.iso.datetime({ offset: true }),
    previousStartsAt: z.iso.datetime({ offset: true }).nullable(),
    reason: z.string().max(500).nullable(),
  }),
  render: (d, ctx) => {
    const when = ctx.dateTime(d.startsAt);
    const body =
      d.change === 'cancelled'
        ? `${d.patientName}'s appointment on ${when} is cancelled.${d.reason ? ` Reason: ${d.reason}` : ''}`
        : `${d.patientName}'s appointment has moved from ${ctx.dateTime(d.previousStartsAt ?? d.startsAt)} to ${when}.`;
    const title = d.change === 'cancelled' ? 'Appointment cancelled' : 'Appointment moved';
    return { inApp: { title, body, link: doctorLink(d.appointmentId) } };
  },
});

/** Every notice this module sends (listed in its manifest). */
export const SCHEDULING_TEMPLATES = [
  appointmentBooked,
  appointmentRescheduled,
  appointmentCancelled,
  appointmentReminder,
  appointmentNoShow,
  doctorAppointmentChanged,
] as const;
