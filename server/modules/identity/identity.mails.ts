import type { MailMessage } from '../../platform/mail/mailer';

export function signUpCodeMail(to: string, code: string, minutes: number): MailMessage {
  return {
    to,
    subject: `Your Hospitium code: ${code}`,
    text:
      `Your code to create a Hospitium account is ${code}.\n\n` +
      `It expires in ${minutes} minutes. If you did not ask for it, ignore this email.\n`,
  };
}

export function signUpExistingMail(to: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to register with your email',
    text:
      'Someone (perhaps you) tried to create a Hospitium account with this email address, ' +
      'but it already has one. Sign in with your password instead.\n\n' +
      'If this was not you, you can ignore this email; your account is unchanged.\n',
  };
}
