import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { invitations, memberships } from './organisation.tables';
import { likePattern, jsonArray } from './organisation.repo';

export type MembershipRow = typeof memberships.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export interface StaffRow {
  userId: string;
  fullName: string;
  email: string;
  roles: string[];
  active: boolean;
  since: Date;
}

interface RawStaffRow extends Record<string, unknown> {
  user_id: string;
  full_name: string;
  email: string;
  roles: unknown;
  active: boolean;
  since: string | Date;
}

/** A page of the people holding roles at a hospital, one row each, by name. */
export async function listStaff(
  exec: Executor,
  hospitalId: string,
  f: { q?: string; role?: string; active?: boolean; userId?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: StaffRow[]; total: number }> {
  const filtered = sql`
    with staff as (
      select m.user_id, array_agg(m.role order by m.role) as roles, bool_or(m.active) as active, min(m.created_at) as since
        from memberships m
       where m.hospital_id = ${hospitalId} ${f.userId ? sql`and m.user_id = ${f.userId}` : sql``}
       group by m.user_id)
    select s.user_id, to_json(s.roles) as roles, s.active, s.since, u.full_name, u.email
      from staff s join users u on u.id = s.user_id
     where true
       ${f.q ? sql`and (u.full_name ilike ${likePattern(f.q)} or u.email ilike ${likePattern(f.q)})` : sql``}
       ${f.role ? sql`and ${f.role} = any(s.roles)` : sql``}
       ${f.active === undefined ? sql`` : sql`and s.active = ${f.active}`}`;
  const rows = await queryRows<RawStaffRow>(
    exec,
    sql`${filtered} order by lower(u.full_name), u.id limit ${page.limit} offset ${page.offset}`,
  );
  const [c] = await queryRows<{ n: number | string }>(exec, sql`select count(*) as n from (${filtered}) f`);
  return {
    rows: rows.map((r) => ({
      userId: r.user_id,
      fullName: r.full_name,
      email: r.email,
      roles: jsonArray(r.roles),
      active: r.active,
      since: new Date(r.since),
    })),
    total: Number(c?.n ?? 0),
  };
}

/** The users holding an active role at a hospital (whom a notice for "the pharmacists" goes to). */
export async function activeStaffWithRole(
  exec: Executor,
  hospitalId: string,
  role: string,
): Promise<string[]> {
  const rows = await exec
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(eq(memberships.hospitalId, hospitalId), eq(memberships.role, role), eq(memberships.active, true)),
    );
  return rows.map((r) => r.userId);
}

/** Every membership a user has at a hospital, active or not. */
export async function findMemberships(
  exec: Executor,
  hospitalId: string,
  userId: string,
): Promise<MembershipRow[]> {
  return exec
    .select()
    .from(memberships)
    .where(and(eq(memberships.hospitalId, hospitalId), eq(memberships.userId, userId)))
    .orderBy(asc(memberships.role));
}

/** Grants a role, or switches an existing (inactive) grant of it back on. */
export async function upsertMembership(
  exec: Executor,
  v: { userId: string; hospitalId: string; role: string; active: boolean; createdBy: string | null },
): Promise<void> {
  await exec
    .insert(memberships)
    .values(v)
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.hospitalId, memberships.role],
      set: { active: v.active, updatedAt: new Date() },
    });
}

export async function deleteMemberships(
  exec: Executor,
  hospitalId: string,
  userId: string,
  roles: string[],
): Promise<void> {
  if (roles.length === 0) return;
  await exec
    .delete(memberships)
    .where(
      and(
        eq(memberships.hospitalId, hospitalId),
        eq(memberships.userId, userId),
        inArray(memberships.role, roles),
      ),
    );
}

export async function setMembershipsActive(
  exec: Executor,
  hospitalId: string,
  userId: string,
  active: boolean,
): Promise<void> {
  await exec
    .update(memberships)
    .set({ active, updatedAt: new Date() })
    .where(and(eq(memberships.hospitalId, hospitalId), eq(memberships.userId, userId)));
}

/** How many people other than `exceptUserId` can still administer the hospital. */
export async function countOtherActiveAdmins(
  exec: Executor,
  hospitalId: string,
  exceptUserId: string,
): Promise<number> {
  const [c] = await queryRows<{ n: number | string }>(
    exec,
    sql`select count(*) as n
          from memberships m join users u on u.id = m.user_id and u.status = 'active'
         where m.hospital_id = ${hospitalId} and m.role = 'hospital_admin' and m.active and m.user_id <> ${exceptUserId}`,
  );
  return Number(c?.n ?? 0);
}

/** Whether the person with this email already holds this role, in force, at the hospital. */
export async function hasActiveRoleByEmail(
  exec: Executor,
  hospitalId: string,
  email: string,
  role: string,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    exec,
    sql`select 1 as one
          from memberships m join users u on u.id = m.user_id
         where m.hospital_id = ${hospitalId} and m.role = ${role} and m.active and u.email = ${email}
         limit 1`,
  );
  return rows.length > 0;
}

export async function insertInvitation(
  exec: Executor,
  values: typeof invitations.$inferInsert,
): Promise<InvitationRow> {
  const [row] = await exec.insert(invitations).values(values).returning();
  return row!;
}

/** Revokes the open invitations for the same address and role (a re-invite replaces them); returns their ids. */
export async function revokeOpenInvitationsFor(
  exec: Executor,
  hospitalId: string,
  email: string,
  role: string,
): Promise<string[]> {
  const rows = await exec
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.hospitalId, hospitalId),
        eq(invitations.email, email),
        eq(invitations.role, role),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

export async function findInvitationInHospital(
  exec: Executor,
  hospitalId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  const [row] = await exec
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.hospitalId, hospitalId)))
    .for('update');
  return row;
}

/** The invitation behind a token, locked so two acceptances cannot both use it. */
export async function findInvitationByTokenHash(
  exec: Executor,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  const [row] = await exec
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash))
    .for('update');
  return row;
}

/** Open (not accepted, revoked or expired) invitations of a hospital, newest first. */
export async function listOpenInvitations(
  exec: Executor,
  hospitalId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: InvitationRow[]; total: number }> {
  const where = and(
    eq(invitations.hospitalId, hospitalId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, sql`now()`),
  );
  const rows = await exec
    .select()
    .from(invitations)
    .where(where)
    .orderBy(sql`${invitations.createdAt} desc`, asc(invitations.id))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await exec.select({ n: count() }).from(invitations).where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

export async function updateInvitation(
  exec: Executor,
  id: string,
  values: Partial<Pick<InvitationRow, 'acceptedAt' | 'acceptedBy' | 'revokedAt'>>,
): Promise<InvitationRow> {
  const [row] = await exec.update(invitations).set(values).where(eq(invitations.id, id)).returning();
  return row!;
}
