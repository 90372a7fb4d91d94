import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { departments, doctorProfiles, hospitals } from './organisation.tables';

export type HospitalRow = typeof hospitals.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type DoctorProfileRow = typeof doctorProfiles.$inferSelect;

export async function findHospital(exec: Executor, id: string): Promise<HospitalRow | undefined> {
  const [row] = await exec.select().from(hospitals).where(eq(hospitals.id, id));
  return row;
}

export async function findHospitalsByIds(exec: Executor, ids: string[]): Promise<HospitalRow[]> {
  if (ids.length === 0) return [];
  return exec.select().from(hospitals).where(inArray(hospitals.id, ids));
}

export async function findDepartmentInHospital(
  exec: Executor,
  hospitalId: string,
  departmentId: string,
): Promise<DepartmentRow | undefined> {
  const [row] = await exec
    .select()
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.hospitalId, hospitalId)));
  return row;
}

export async function insertDoctorProfile(
  exec: Executor,
  values: typeof doctorProfiles.$inferInsert,
): Promise<DoctorProfileRow> {
  const [row] = await exec.insert(doctorProfiles).values(values).returning();
  return row!;
}
