import type { Executor } from '../../db/client';
import { patients } from './patients.tables';

export type PatientRow = typeof patients.$inferSelect;

export async function insertPatient(exec: Executor, values: typeof patients.$inferInsert): Promise<PatientRow> {
  const [row] = await exec.insert(patients).values(values).returning();
  return row!;
}
