import { inArray } from 'drizzle-orm';
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
