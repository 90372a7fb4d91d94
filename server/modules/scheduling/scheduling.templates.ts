import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices to the patient about their appointment: booked, moved, cancelled. Times are written in
// the hospital's time zone (ctx.dateTime). Links point into the web app.

const appointmentData = z.object({
  appointmentId: z.uuid(),
  doctorName: z.string().min(1),
  startsAt: z.iso.datetime({ offset: true }),
});
// No link until the web app has an appointment page (server/modules/notice-links.test.ts checks
// every link lands on a page); the notice still says what changed and when.
const link = (_id: string): string | null => null;

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

/** Every notice this module sends (listed in its manifest). */
export const SCHEDULING_TEMPLATES = [
  appointmentBooked,
  appointmentRescheduled,
  appointmentCancelled,
] as const;
