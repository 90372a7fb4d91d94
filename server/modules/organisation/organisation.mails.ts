import type { FastifyBaseLogger } from 'fastify';
import type { Mailer, MailMessage } from '../../platform/mail/mailer';

/** What the module needs to send mail (a later issue moves sending into background jobs). */
export interface MailDeps {
  mailer: Mailer;
  log: Pick<FastifyBaseLogger, 'error'>;
  /** Base of links in mails, without a trailing slash. */
  publicUrl: string;
}

const ROLE_LABEL: Record<string, string> = {
  hospital_admin: 'hospital administrator',
  doctor: 'doctor',
  nurse: 'nurse',
  receptionist: 'receptionist',
  pharmacist: 'pharmacist',
  procurement_officer: 'procurement officer',
  lab_technician: 'lab technician',
};

export function invitationMail(
  to: string,
  hospitalName: string,
  role: string,
  link: string,
  expiresAt: Date,
): MailMessage {
  return {
    to,
    subject: `You are invited to join ${hospitalName} on Hospitium`,
    text:
      `You have been invited to join ${hospitalName} as ${ROLE_LABEL[role] ?? role}.\n\n` +
      `Accept the invitation here:\n${link}\n\n` +
      `The link works once and expires on ${expiresAt.toUTCString()}. ` +
      'If you did not expect this invitation, you can ignore this email.\n',
  };
}

export function doctorApprovedMail(to: string, fullName: string, hospitalName: string): MailMessage {
  return {
    to,
    subject: `Your doctor registration at ${hospitalName} is approved`,
    text:
      `Dear ${fullName},\n\n` +
      `${hospitalName} has approved your registration as a doctor. Sign in to Hospitium to set your ` +
      'availability; patients can then book appointments with you.\n',
  };
}

export function doctorRejectedMail(
  to: string,
  fullName: string,
  hospitalName: string,
  reason: string,
): MailMessage {
  return {
    to,
    subject: `Your doctor registration at ${hospitalName} was not approved`,
    text:
      `Dear ${fullName},\n\n` +
      `${hospitalName} did not approve your registration as a doctor, for this reason:\n\n${reason}\n\n` +
      'Contact the hospital if you have questions.\n',
  };
}

/**
 * Sends a notice about a change that has already committed. A failure is logged, not thrown: the
 * change stands, and the person will see it when they sign in.
 */
export async function sendAfterCommit(deps: MailDeps, message: MailMessage): Promise<void> {
  try {
    await deps.mailer.send(message);
  } catch (err) {
    deps.log.error({ err, subject: message.subject }, 'could not send mail');
  }
}
