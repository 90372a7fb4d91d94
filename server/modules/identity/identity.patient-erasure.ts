// The identity module's part of erasing a patient (ADR 33). A portal account that is only a
// patient's is closed for good: its address, name and phone go, the password can no longer match,
// and every way back in (sessions, API and refresh tokens, recovery codes, reset links, sign-up
// codes, the two-factor secret) is deleted. Access tokens already handed out stop working at once:
// the account's status is no longer `active`, which every caller lookup requires, and the change
// to the row tells every app instance to drop what it cached about the person when the erasure
// commits (migration 0008, ADR 8); the instance answering the erasure waits until it has heard
// (ADR 27), and an instance not listening caches nothing. Someone who is also staff (or a platform
// admin) keeps their account, which employment records name: only their patient record's link to
// it goes, which the patients step does.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { countChanged } from '../../db/count-changed';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { userId }) => {
  if (!userId) return {};
  const [user] = await queryRows<{ email: string; staff: boolean }>(
    tx,
    sql`select u.email, exists (select 1 from memberships m where m.user_id = u.id) as staff
          from users u where u.id = ${userId} for update`,
  );
  if (!user) return {};
  if (user.staff) return { accountsKept: 1 };
  const out: Record<string, number> = {
    sessions: await countChanged(tx, sql`delete from sessions where user_id = ${userId}`),
    apiTokens: await countChanged(tx, sql`delete from refresh_tokens where user_id = ${userId}`),
    recoveryCodes: await countChanged(tx, sql`delete from recovery_codes where user_id = ${userId}`),
    resetLinks: await countChanged(tx, sql`delete from password_reset_tokens where user_id = ${userId}`),
    signUpCodes: await countChanged(tx, sql`delete from email_codes where email = ${user.email}`),
  };
  // '!' is no password hash: no password ever matches it.
  out.accountsClosed = await countChanged(
    tx,
    sql`update users
           set email = ${`erased-${userId}@erased.invalid`}, full_name = 'Erased', phone = null,
               password_hash = '!erased', status = 'erased', email_verified_at = null,
               totp_secret = null, totp_enabled_at = null, totp_last_step = null,
               password_changed_at = now(), updated_at = now()
         where id = ${userId}`,
  );
  return out;
};
