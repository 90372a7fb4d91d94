import { sql } from 'drizzle-orm';
import { hashPassword } from '../../modules/identity';
import { queryRows, type Database, type Executor } from '../client';
import { DEMO_PASSWORD, USERS } from './demo-data';
import { demoEmail, writeDemo } from './demo';

export { createAdmin, type CreateAdminInput, type CreateAdminResult } from './admin';
export { DEMO_PASSWORD } from './demo-data';

export interface DemoSummary {
  password: string;
  users: { role: string; email: string }[];
}

/** Arbitrary constant: several instances starting together on one PostgreSQL must not all seed. */
const SEED_LOCK = 7_340_003;

/** How many hospitals and users the database holds: the demo goes only into a database with none. */
export async function countContents(exec: Executor): Promise<{ hospitals: number; users: number }> {
  const [row] = await queryRows<{ hospitals: number; users: number }>(
    exec,
    sql`select (select count(*) from hospitals)::int as hospitals, (select count(*) from users)::int as users`,
  );
  return { hospitals: Number(row?.hospitals ?? 0), users: Number(row?.users ?? 0) };
}

/** Loads demo data into an empty database; returns the sign-ins to print, or null if data was already there. */
export async function seedDemoIfEmpty(
  database: Database,
  log: (m: string) => void,
): Promise<DemoSummary | null> {
  // Cheap check first, so an installation in use never pays for the password hash.
  const before = await countContents(database.db);
  if (before.hospitals > 0 || before.users > 0) return null;

  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once: argon2 is slow on purpose
  const counts = await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const now = await countContents(tx); // another instance may have seeded while we waited
    if (now.hospitals > 0 || now.users > 0) return null;
    return writeDemo(tx, passwordHash);
  });
  if (!counts) return null;
  log(
    `Demo data loaded in ${Date.now() - started} ms: ${counts.hospitals} hospitals, ${counts.departments} departments, ` +
      `${counts.users} users, ${counts.patients} patients, ${counts.appointments} appointments, ${counts.visits} past visits, ${counts.medicines} medicines, ${counts.stockMovements} stock movements.`,
  );
  return {
    password: DEMO_PASSWORD,
    users: USERS.map((u) => ({ role: u.label, email: demoEmail(u.login) })),
  };
}
