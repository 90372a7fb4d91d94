// The identity module's part of a patient's export (ADR 33): their account, the browsers and API
// clients that signed in to it, and the password resets asked for, with times, addresses and
// browsers. Never a password hash, two-factor secret, recovery code, session id or token hash: what
// proves who someone is stays out of a file that may be sent anywhere.
import { sql } from 'drizzle-orm';
import { jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

export const patientExport: PatientExportStep = (tx, patientId) => {
  // The patient's portal account, if they have one (the patients module keeps the link).
  const user = sql`(select p.user_id from patients p where p.id = ${patientId})`;
  return jsonSections(tx, {
    account: sql`
      select u.email, u.full_name as "fullName", u.phone, u.status, u.email_verified_at as "emailVerifiedAt",
             u.created_at as "createdAt", u.last_sign_in_at as "lastSignInAt",
             u.password_changed_at as "passwordChangedAt", u.totp_enabled_at is not null as "twoFactorEnabled",
             u.totp_enabled_at as "twoFactorEnabledAt"
        from users u where u.id = ${user}`,
    sessions: sql`
      select s.created_at as "signedInAt", s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt",
             s.revoked_at as "signedOutAt", s.ip, s.user_agent as "userAgent"
        from sessions s where s.user_id = ${user} order by s.created_at, s.last_seen_at`,
    apiTokens: sql`
      select t.created_at as "issuedAt", t.expires_at as "expiresAt", t.used_at as "usedAt",
             t.revoked_at as "revokedAt", t.ip, t.user_agent as "userAgent"
        from refresh_tokens t where t.user_id = ${user} order by t.created_at, t.id`,
    passwordResets: sql`
      select r.created_at as "requestedAt", r.expires_at as "expiresAt", r.used_at as "usedAt", r.ip
        from password_reset_tokens r where r.user_id = ${user} order by r.created_at, r.id`,
  });
};
