// The identity module's public face: other modules import only from here.
import { defineModule } from '../module';
import { defineIdentityJobs } from './identity.jobs';
import { identityRoutes } from './identity.routes';
import { IdentityService } from './identity.service';
import { IDENTITY_TEMPLATES } from './identity.templates';
import { patientExport } from './identity.patient-export';
import { patientErasure } from './identity.patient-erasure';

export { makeAuthenticator, SESSION_COOKIE, type CachedCaller } from './identity.authenticate';
export { AccessTokens } from './identity.jwt';
export { hashPassword, weakPasswordReason, sha256, randomToken, safeEqual } from './identity.crypto';
export { findUserByEmail, insertUser, getOrCreateSetting, auditCheckpointKey } from './identity.repo';
export { findUserNames, findUserContact } from './identity.names';
export { PURGE_QUEUE } from './identity.jobs';
export { provideSignUpSteps, type SignUpSteps, type NewSelfPatient } from './identity.ports';

/** Accounts, sign-in and sign-up, sessions, API tokens, password reset and two-factor sign-in. */
export const identityModule = defineModule({
  name: 'identity',
  patientExport,
  patientErasure,
  templates: IDENTITY_TEMPLATES,
  routes(app, deps) {
    identityRoutes(app, {
      identity: new IdentityService({ config: deps.config, tokens: deps.tokens }),
      auth: deps.auth,
      authPerMinute: deps.config.RATE_LIMIT_AUTH_PER_MINUTE,
    });
  },
  jobs: (runner, deps) => defineIdentityJobs(runner, { db: deps.database.db, log: deps.log }),
});
