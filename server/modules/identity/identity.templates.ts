import { z } from 'zod';
import { defineTemplate, emailParts as email } from '../notifications';

// Account notices: sign-up, welcome, password and two-factor changes. Security notices are mandatory:
// a person cannot opt out of hearing that their password was changed.

const Url = z.url({ protocol: /^https?$/ });

export const signUpCode = defineTemplate({
  name: 'account.sign_up_code',
  kind: 'account',
  mandatory: true,
  data: z.object({ code: z.string().regex(/^\d{6}$/), minutes: z.number().int().positive() }),
  render: (d, ctx) => ({
    email: email(
      {
        subject: `Your Hospitium code: ${d.code}`,
        paragraphs: [
          `Your code to create a Hospitium account is ${d.code}.`,
          `It expires in ${d.minutes} minutes. If you did not ask for it, ignore this email.`,
        ],
      },
      ctx,
    ),
  }),
});

export const signUpExisting = defineTemplate({
  name: 'account.sign_up_existing',
  kind: 'account',
  mandatory: true,
  data: z.object({}),
  render: (_d, ctx) => ({
    email: email(
      {
        subject: 'Someone tried to register with your email',
        paragraphs: [
          'Someone (perhaps you) tried to create a Hospitium account with this email address, but it already has one. Sign in with your password instead.',
          'If this was not you, you can ignore this email; your account is unchanged.',
        ],
      },
      ctx,
    ),
  }),
});

export const welcome = defineTemplate({
  name: 'account.welcome',
  kind: 'account',
  data: z.object({ role: z.enum(['patient', 'doctor']), signInUrl: Url }),
  render: (d, ctx) => {
    const next =
      d.role === 'doctor'
        ? 'Your application is with the hospital; you will hear from us when it has been decided.'
        : 'You can now book appointments, see your visits and results, and upload prescriptions.';
    return {
      email: email(
        {
          subject: 'Welcome to Hospitium',
          paragraphs: [`Your Hospitium account is ready. ${next}`],
          action: { label: 'Sign in', url: d.signInUrl },
        },
        ctx,
      ),
      inApp: { title: 'Welcome to Hospitium', body: next, link: null },
    };
  },
});

export const passwordReset = defineTemplate({
  name: 'account.password_reset',
  kind: 'account',
  mandatory: true,
  data: z.object({ link: Url, minutes: z.number().int().positive() }),
  render: (d, ctx) => ({
    email: email(
      {
        subject: 'Reset your Hospitium password',
        paragraphs: ['Someone (we hope you) asked to reset the password of your Hospitium account.'],
        action: { label: 'Choose a new password', url: d.link },
        footnote: `The link works once and expires in ${d.minutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
      },
      ctx,
    ),
  }),
});

export const passwordChanged = defineTemplate({
  name: 'account.password_changed',
  kind: 'account',
  mandatory: true,
  data: z.object({}),
  render: (_d, ctx) => {
    const body =
      'The password of your Hospitium account was changed, and your other sessions were signed out.';
    return {
      email: email(
        {
          subject: 'Your Hospitium password was changed',
          paragraphs: [body, 'If this was not you, reset your password at once and tell your hospital.'],
        },
        ctx,
      ),
      inApp: { title: 'Password changed', body, link: null },
    };
  },
});

export const twoFactorChanged = defineTemplate({
  name: 'account.two_factor_changed',
  kind: 'account',
  mandatory: true,
  data: z.object({ enabled: z.boolean() }),
  render: (d, ctx) => {
    const title = d.enabled ? 'Two-factor sign-in is on' : 'Two-factor sign-in was turned off';
    const body = d.enabled
      ? 'Two-factor sign-in is now on for your Hospitium account. Keep your recovery codes somewhere safe.'
      : 'Two-factor sign-in was turned off for your Hospitium account. If this was not you, reset your password at once and tell your hospital.';
    return { email: email({ subject: title, paragraphs: [body] }, ctx), inApp: { title, body, link: null } };
  },
});

/** Every notice this module sends (listed in its manifest). */
export const IDENTITY_TEMPLATES = [
  signUpCode,
  signUpExisting,
  welcome,
  passwordReset,
  passwordChanged,
  twoFactorChanged,
] as const;
