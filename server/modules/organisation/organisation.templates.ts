import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Notices about people joining a hospital: staff invitations and doctors' registrations.

const ROLE_LABEL: Record<string, string> = {
  hospital_admin: 'hospital administrator',
  doctor: 'doctor',
  nurse: 'nurse',
  receptionist: 'receptionist',
  pharmacist: 'pharmacist',
  procurement_officer: 'procurement officer',
  lab_technician: 'lab technician',
};

export const staffInvitation = defineTemplate({
  name: 'organisation.staff_invitation',
  kind: 'account',
  mandatory: true,
  needsHospital: true,
  data: z.object({
    role: z.string().min(1),
    link: z.url({ protocol: /^https?$/ }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    return {
      email: email(
        {
          subject: `You are invited to join ${hospital} on Hospitium`,
          paragraphs: [`You have been invited to join ${hospital} as ${ROLE_LABEL[d.role] ?? d.role}.`],
          action: { label: 'Accept the invitation', url: d.link },
          footnote: `The link works once and expires on ${ctx.dateTime(d.expiresAt)}. If you did not expect this invitation, you can ignore this email.`,
        },
        ctx,
      ),
    };
  },
});

export const doctorApproved = defineTemplate({
  name: 'organisation.doctor_approved',
  kind: 'account',
  needsHospital: true,
  data: z.object({}),
  render: (_d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body = `${hospital} has approved your registration as a doctor. Set your availability; patients can then book appointments with you.`;
    return {
      email: email(
        { subject: `Your doctor registration at ${hospital} is approved`, paragraphs: [body] },
        ctx,
      ),
      inApp: { title: 'Registration approved', body, link: null },
    };
  },
});

export const doctorRejected = defineTemplate({
  name: 'organisation.doctor_rejected',
  kind: 'account',
  needsHospital: true,
  data: z.object({ reason: z.string().min(1).max(2000) }),
  render: (d, ctx) => {
    const hospital = ctx.hospital!.name;
    const body = `${hospital} did not approve your registration as a doctor, for this reason:\n\n${d.reason}`;
    return {
      email: email(
        {
          subject: `Your doctor registration at ${hospital} was not approved`,
          paragraphs: [body, 'Contact the hospital if you have questions.'],
        },
        ctx,
      ),
      inApp: { title: 'Registration not approved', body, link: null },
    };
  },
});

/** Every notice this module sends (listed in its manifest). */
export const ORGANISATION_TEMPLATES = [staffInvitation, doctorApproved, doctorRejected] as const;
