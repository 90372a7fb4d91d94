// `hospitium create-admin`: the way into a fresh installation (no one can sign in to grant the first
// admin role). Like the demo seed it writes rows directly; the audit log records who was made admin.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { Email, line } from '../../../contracts/common';
import { Password } from '../../../contracts/identity';
import { hashPassword, weakPasswordReason } from '../../modules/identity';
import { users } from '../../modules/identity/identity.tables';
import { hospitals, memberships } from '../../modules/organisation/organisation.tables';
import { insertAuditEvent } from '../../platform/audit/audit.repo';
import type { Database } from '../client';

export interface CreateAdminInput {
  email: string;
  fullName: string;
  /** Needed only when the account does not exist yet; an existing account keeps its password. */
  password?: string;
  /** A hospital code (e.g. CGH) for a hospital admin; none for a platform admin. */
  hospitalCode?: string;
}

export interface CreateAdminResult {
  userId: string;
  email: string;
  role: 'platform_admin' | 'hospital_admin';
  hospital: { id: string; code: string; name: string } | null;
  /** False when the account already existed (its password was left alone). */
  createdUser: boolean;
  /** False when the account already held the role: nothing changed. */
  granted: boolean;
}

/** A problem with what the operator typed; the CLI prints the message and exits 1. */
export class AdminInputError extends Error {
  override name = 'AdminInputError';
}

const Input = z.object({ email: Email, fullName: line(200) });

/** Whether an account exists for the address (so the CLI knows whether to ask for a password). */
export async function accountExists(database: Database, email: string): Promise<boolean> {
  const parsed = Email.safeParse(email);
  if (!parsed.success) return false;
  const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, parsed.data));
  return Boolean(row);
}

/** Creates (or finds) the account and grants it platform admin, or hospital admin at one hospital. */
export async function createAdmin(database: Database, input: CreateAdminInput): Promise<CreateAdminResult> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) {
    throw new AdminInputError(
      parsed.error.issues
        .map((i) => `--${i.path.join('.') === 'fullName' ? 'name' : i.path.join('.')}: ${i.message}`)
        .join('\n'),
    );
  }
  const { email, fullName } = parsed.data;
  const db = database.db;

  let hospital: CreateAdminResult['hospital'] = null;
  if (input.hospitalCode) {
    const code = input.hospitalCode.trim().toUpperCase();
    const [h] = await db
      .select({ id: hospitals.id, code: hospitals.code, name: hospitals.name })
      .from(hospitals)
      .where(eq(hospitals.code, code));
    if (!h) {
      const known = await db.select({ code: hospitals.code }).from(hospitals).orderBy(hospitals.code);
      throw new AdminInputError(
        `There is no hospital with code ${code}. ` +
          (known.length ? `Known codes: ${known.map((k) => k.code).join(', ')}.` : 'No hospital exists yet.'),
      );
    }
    hospital = h;
  }
  const role = hospital ? 'hospital_admin' : 'platform_admin';

  const exists = await accountExists(database, email);
  let passwordHash: string | null = null;
  if (!exists) {
    if (!input.password) throw new AdminInputError('A password is needed to create the account.');
    const length = Password.safeParse(input.password);
    const weak = length.success ? weakPasswordReason(input.password, email) : length.error.issues[0]!.message;
    if (weak) throw new AdminInputError(`--password: ${weak}`);
    passwordHash = await hashPassword(input.password);
  }

  return db.transaction(async (tx) => {
    let [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    const createdUser = !user;
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, fullName, passwordHash: passwordHash!, emailVerifiedAt: new Date() })
        .returning({ id: users.id });
    }
    const userId = user!.id;
    const hospitalMatch = hospital ? eq(memberships.hospitalId, hospital.id) : isNull(memberships.hospitalId);
    const [held] = await tx
      .select({ id: memberships.id, active: memberships.active })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.role, role), hospitalMatch));
    const granted = !held?.active;
    if (held && !held.active) {
      await tx
        .update(memberships)
        .set({ active: true, updatedAt: new Date() })
        .where(eq(memberships.id, held.id));
    } else if (!held) {
      await tx.insert(memberships).values({ userId, hospitalId: hospital?.id ?? null, role });
    }
    if (granted) {
      await insertAuditEvent(tx, {
        actorUserId: null,
        actorRole: 'system',
        hospitalId: hospital?.id ?? null,
        patientId: null,
        action: 'cli.create_admin',
        entityType: 'membership',
        entityId: userId,
        outcome: 'success',
        before: null,
        after: { email, role, hospitalCode: hospital?.code ?? null, createdUser },
        ip: null,
        requestId: null,
      });
    }
    return { userId, email, role, hospital, createdUser, granted };
  });
}
