import type { en } from './en';
import { accountPages } from './en/account';
import { common } from './en/common';
import { errorMessages } from './en/errors';
import { patientPages } from './en/patients';
import { publicPages } from './en/public';
import { workspace } from './en/workspace';

/**
 * The words loaded with the app itself: everything the entry (router, loaders, error and
 * not-found pages) and the signed-out pages (landing, doctor directory, sign-in and sign-up,
 * password reset, invitations) show. The rest of `en` comes in its own chunk before any other
 * page renders (`loadAllWords` in ./index.ts); web/i18n/core.test.ts checks these pages find
 * every word they use here.
 */
export const core = {
  ...common,
  ...errorMessages,
  ...publicPages,
  reset: accountPages.reset,
  signInCodes: accountPages.signInCodes,
  // Signing up: a patient's and a doctor's own details.
  patient: patientPages.patient,
  doctor: workspace.doctor,
} satisfies Partial<typeof en>;
