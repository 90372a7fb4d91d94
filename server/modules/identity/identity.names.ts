import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { users } from './identity.tables';

/** Display names of users by id (for audit and lists). */
export async function findUserNames(exec: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => i !== null))];
  if (unique.length === 0) return new Map();
  const rows = await exec
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/** How to reach a user (notifications): address, phone and name, or null when there is no such user. */
export async function findUserContact(
  exec: Executor,
  id: string,
): Promise<{ id: string; email: string; phone: string | null; fullName: string; active: boolean } | null> {
  const [row] = await exec
    .select({
      id: users.id,
      email: users.email,
      phone: users.phone,
      fullName: users.fullName,
      status: users.status,
    })
    .from(users)
    .where(eq(users.id, id));
  return row
    ? {
        id: row.id,
        email: row.email,
        phone: row.phone,
        fullName: row.fullName,
        active: row.status === 'active',
      }
    : null;
}
