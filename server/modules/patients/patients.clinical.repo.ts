import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { patientAllergies, patientConditions } from './patients.tables';

export type AllergyRow = typeof patientAllergies.$inferSelect;
export type ConditionRow = typeof patientConditions.$inferSelect;

export async function insertAllergy(
  exec: Executor,
  values: typeof patientAllergies.$inferInsert,
): Promise<AllergyRow> {
  const [row] = await exec.insert(patientAllergies).values(values).returning();
  return row!;
}

/** The patient's allergy entry, locked for the update that follows. */
export async function lockAllergy(
  exec: Executor,
  patientId: string,
  id: string,
): Promise<AllergyRow | undefined> {
  const [row] = await exec
    .select()
    .from(patientAllergies)
    .where(and(eq(patientAllergies.id, id), eq(patientAllergies.patientId, patientId)))
    .for('update');
  return row;
}

export async function updateAllergy(
  exec: Executor,
  id: string,
  values: Partial<typeof patientAllergies.$inferInsert>,
): Promise<AllergyRow> {
  const [row] = await exec
    .update(patientAllergies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(patientAllergies.id, id))
    .returning();
  return row!;
}

export async function insertCondition(
  exec: Executor,
  values: typeof patientConditions.$inferInsert,
): Promise<ConditionRow> {
  const [row] = await exec.insert(patientConditions).values(values).returning();
  return row!;
}

/** The patient's condition entry, locked for the update that follows. */
export async function lockCondition(
  exec: Executor,
  patientId: string,
  id: string,
): Promise<ConditionRow | undefined> {
  const [row] = await exec
    .select()
    .from(patientConditions)
    .where(and(eq(patientConditions.id, id), eq(patientConditions.patientId, patientId)))
    .for('update');
  return row;
}

export async function updateCondition(
  exec: Executor,
  id: string,
  values: Partial<typeof patientConditions.$inferInsert>,
): Promise<ConditionRow> {
  const [row] = await exec
    .update(patientConditions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(patientConditions.id, id))
    .returning();
  return row!;
}
