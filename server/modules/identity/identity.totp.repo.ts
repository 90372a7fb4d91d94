import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { recoveryCodes, users } from './identity.tables';

/** Issues a new pending secret; false when two-factor is already on. */
export async function setPendingTotpSecret(exec: Executor, userId: string, secret: string): Promise<boolean> {
  const r = await exec
    .update(users)
    .set({ totpSecret: secret, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  return r.length > 0;
}

/** Turns on the pending secret that was verified; false if it was replaced or enabled meanwhile. */
export async function enableTotp(
  exec: Executor,
  userId: string,
  secret: string,
  step: number,
): Promise<boolean> {
  const r = await exec
    .update(users)
    .set({ totpEnabledAt: new Date(), totpLastStep: step, updatedAt: new Date() })
    .where(and(eq(users.id, userId), eq(users.totpSecret, secret), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  return r.length > 0;
}

export async function disableTotp(exec: Executor, userId: string): Promise<void> {
  await exec
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/**
 * Records `step` as the last one a code was accepted for, only if it is later than the last: the
 * compare-and-set makes two concurrent uses of one code end with exactly one winner.
 */
export async function advanceTotpStep(exec: Executor, userId: string, step: number): Promise<boolean> {
  const r = await exec
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, userId),
        isNotNull(users.totpEnabledAt),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return r.length > 0;
}

/** Replaces the user's recovery codes with a new set (the old ones stop working). */
export async function replaceRecoveryCodes(
  exec: Executor,
  userId: string,
  codeHashes: string[],
): Promise<void> {
  await exec.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (codeHashes.length > 0)
    await exec.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Spends an unused recovery code; false when there is no such unused code. */
export async function useRecoveryCode(exec: Executor, userId: string, codeHash: string): Promise<boolean> {
  const r = await exec
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return r.length > 0;
}

export async function countUnusedRecoveryCodes(exec: Executor, userId: string): Promise<number> {
  const [row] = await exec
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}
