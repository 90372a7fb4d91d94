import crypto from 'node:crypto';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { Principal } from '../../platform/auth/actor';
import { emailCodes, instanceSettings, refreshTokens, sessions, users } from './identity.tables';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByEmail(exec: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await exec.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(exec: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await exec.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function insertUser(exec: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await exec.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(
  exec: Executor,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await exec
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id));
}

interface PrincipalRow extends Record<string, unknown> {
  user_id: string;
  email: string;
  full_name: string;
  password_changed_at: string | Date;
  two_factor_enabled: boolean;
  patient_id: string | null;
  memberships: Principal['memberships'] | string;
  session_id?: string;
  csrf_token?: string;
  last_seen_at?: string | Date;
  expires_at?: string | Date;
}

// One round trip per request: the user, their patient record and their active memberships.
const PRINCIPAL_SELECT = sql`
  u.id as user_id, u.email, u.full_name, u.password_changed_at, p.id as patient_id,
  u.totp_enabled_at is not null as two_factor_enabled,
  coalesce((select json_agg(json_build_object('hospitalId', m.hospital_id, 'hospitalName', h.name,
                                              'timeZone', h.time_zone, 'role', m.role,
                                              'requiresTwoFactor', coalesce(h.require_staff_two_factor, false))
                            order by m.created_at)
              from memberships m
              left join hospitals h on h.id = m.hospital_id
             where m.user_id = u.id and m.active and (h.id is null or h.active)), '[]'::json) as memberships`;

function toPrincipal(r: PrincipalRow): Principal & { passwordChangedAt: Date } {
  return {
    userId: r.user_id,
    email: r.email,
    fullName: r.full_name,
    patientId: r.patient_id,
    memberships: typeof r.memberships === 'string' ? JSON.parse(r.memberships) : r.memberships,
    twoFactorEnabled: r.two_factor_enabled === true,
    passwordChangedAt: new Date(r.password_changed_at),
  };
}

/**
 * The active user behind an access token, and whether the token's family is still live (not
 * revoked by sign-out, token revocation or a password change): one round trip.
 */
export async function loadTokenPrincipal(exec: Executor, userId: string, familyId: string) {
  const rows = await queryRows<PrincipalRow & { family_live: boolean }>(
    exec,
    sql`
    select ${PRINCIPAL_SELECT},
           exists (select 1 from refresh_tokens t
                    where t.family_id = ${familyId} and t.user_id = u.id and t.revoked_at is null) as family_live
      from users u left join patients p on p.user_id = u.id
     where u.id = ${userId} and u.status = 'active'`,
  );
  const row = rows[0];
  return row ? { principal: toPrincipal(row), familyLive: row.family_live === true } : null;
}

/** The live session with this id hash (not revoked, not expired, not idle too long) and its user. */
export async function loadSessionPrincipal(exec: Executor, sessionId: string, idleMinutes: number) {
  const rows = await queryRows<PrincipalRow>(
    exec,
    sql`
    select ${PRINCIPAL_SELECT}, s.id as session_id, s.csrf_token, s.last_seen_at, s.expires_at
      from sessions s
      join users u on u.id = s.user_id and u.status = 'active'
      left join patients p on p.user_id = u.id
     where s.id = ${sessionId} and s.revoked_at is null and s.expires_at > now()
       and s.last_seen_at > now() - make_interval(mins => ${idleMinutes})`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    principal: toPrincipal(row),
    sessionId: row.session_id!,
    csrfToken: row.csrf_token!,
    lastSeenAt: new Date(row.last_seen_at!),
    expiresAt: new Date(row.expires_at!),
  };
}

/** The distinct time zones of the hospitals a patient is registered at (none, one, or several). */
export async function patientTimeZones(exec: Executor, patientId: string): Promise<string[]> {
  const rows = await queryRows<{ time_zone: string }>(
    exec,
    sql`select distinct h.time_zone
          from patient_registrations r join hospitals h on h.id = r.hospital_id
         where r.patient_id = ${patientId}`,
  );
  return rows.map((r) => r.time_zone);
}

export async function touchSession(exec: Executor, sessionId: string): Promise<void> {
  await exec.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function insertSession(exec: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await exec.insert(sessions).values(values);
}

export async function listLiveSessions(
  exec: Executor,
  userId: string,
  idleMinutes: number,
): Promise<SessionRow[]> {
  return exec
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Revokes one of the user's sessions; false when it is not theirs or already ended. */
export async function revokeSession(exec: Executor, userId: string, sessionId: string): Promise<boolean> {
  const r = await exec
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return r.length > 0;
}

/** Ends every session and refresh-token family of a user, except the caller's own. */
export async function revokeAllForUser(
  exec: Executor,
  userId: string,
  except: { sessionId?: string | null; tokenFamilyId?: string | null } = {},
): Promise<void> {
  const exceptSessionId = except.sessionId ?? null;
  const exceptFamilyId = except.tokenFamilyId ?? null;
  const now = new Date();
  await exec
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
  await exec
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        exceptFamilyId ? ne(refreshTokens.familyId, exceptFamilyId) : undefined,
      ),
    );
}

export async function insertRefreshToken(
  exec: Executor,
  values: typeof refreshTokens.$inferInsert,
): Promise<void> {
  await exec.insert(refreshTokens).values(values);
}

/** Locks the refresh token row so two concurrent refreshes cannot both rotate it. */
export async function findRefreshTokenForUpdate(exec: Executor, tokenHash: string) {
  const [row] = await exec
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for('update');
  return row;
}

export async function markRefreshTokenUsed(exec: Executor, id: string): Promise<void> {
  await exec.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.id, id));
}

export async function revokeRefreshFamily(exec: Executor, familyId: string): Promise<void> {
  await exec
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function insertEmailCode(exec: Executor, values: typeof emailCodes.$inferInsert): Promise<void> {
  await exec.insert(emailCodes).values(values);
}

/** The newest unexpired, unconsumed code for an address and purpose, locked for the check. */
export async function findLiveEmailCode(exec: Executor, email: string, purpose: string) {
  const [row] = await exec
    .select()
    .from(emailCodes)
    .where(
      and(
        eq(emailCodes.email, email),
        eq(emailCodes.purpose, purpose),
        isNull(emailCodes.consumedAt),
        gt(emailCodes.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(emailCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function updateEmailCode(
  exec: Executor,
  id: string,
  values: Partial<typeof emailCodes.$inferInsert>,
) {
  await exec.update(emailCodes).set(values).where(eq(emailCodes.id, id));
}

/** Reads a setting, creating it with `make()` if absent; every instance ends up with the same value. */
export async function getOrCreateSetting<T>(exec: Executor, key: string, make: () => T): Promise<T> {
  await exec.insert(instanceSettings).values({ key, value: make() }).onConflictDoNothing();
  const [row] = await exec.select().from(instanceSettings).where(eq(instanceSettings.key, key));
  return row!.value as T;
}

/** The key that signs audit checkpoints: made once, kept in the database, away from the checkpoint file. */
export function auditCheckpointKey(exec: Executor): Promise<string> {
  return getOrCreateSetting(exec, 'audit_checkpoint_key', () => crypto.randomBytes(32).toString('hex'));
}
