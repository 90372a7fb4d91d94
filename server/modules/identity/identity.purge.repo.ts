import { lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { purgeStaleThrottles } from '../../platform/throttles/throttles.repo';
import { emailCodes, passwordResetTokens, refreshTokens, sessions } from './identity.tables';

/** Rows kept this long after they stopped mattering, so recent ones can still be looked into. */
const GRACE = sql`now() - interval '1 day'`;

/**
 * Deletes credentials and counters that can no longer be used: expired codes, sessions, refresh and
 * reset tokens, and throttle rows whose window and lock are over. Returns how many of each went.
 */
export async function purgeExpired(exec: Executor): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  out.emailCodes = (
    await exec.delete(emailCodes).where(lt(emailCodes.expiresAt, GRACE)).returning({ id: emailCodes.id })
  ).length;
  out.sessions = (
    await exec.delete(sessions).where(lt(sessions.expiresAt, GRACE)).returning({ id: sessions.id })
  ).length;
  out.refreshTokens = (
    await exec
      .delete(refreshTokens)
      .where(lt(refreshTokens.expiresAt, GRACE))
      .returning({ id: refreshTokens.id })
  ).length;
  out.passwordResetTokens = (
    await exec
      .delete(passwordResetTokens)
      .where(lt(passwordResetTokens.expiresAt, GRACE))
      .returning({ id: passwordResetTokens.id })
  ).length;
  out.throttles = await purgeStaleThrottles(exec);
  return out;
}
