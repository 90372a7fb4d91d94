import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { passwordResetTokens } from './identity.tables';

export type PasswordResetRow = typeof passwordResetTokens.$inferSelect;

export async function insertPasswordResetToken(
  exec: Executor,
  values: typeof passwordResetTokens.$inferInsert,
): Promise<void> {
  await exec.insert(passwordResetTokens).values(values);
}

/** The token with this hash, used or not; `lock` holds it for the rest of the transaction. */
export async function findPasswordResetToken(
  exec: Executor,
  tokenHash: string,
  lock = false,
): Promise<PasswordResetRow | undefined> {
  const q = exec.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, tokenHash));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Spends every outstanding reset token of the user: one reset ends all the links mailed before it. */
export async function usePasswordResetTokens(exec: Executor, userId: string): Promise<void> {
  await exec
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}
