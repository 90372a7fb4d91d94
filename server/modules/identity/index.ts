export { IdentityService } from './identity.service';
export { identityRoutes } from './identity.routes';
export {
  makeAuthenticator,
  SESSION_COOKIE,
  type Authenticator,
  type CachedCaller,
} from './identity.authenticate';
export { AccessTokens } from './identity.jwt';
export { hashPassword, weakPasswordReason, sha256, randomToken } from './identity.crypto';
export { findUserByEmail, insertUser, getOrCreateSetting, auditCheckpointKey } from './identity.repo';
export { findUserNames, findUserContact } from './identity.names';
export { defineIdentityJobs, PURGE_QUEUE } from './identity.jobs';
