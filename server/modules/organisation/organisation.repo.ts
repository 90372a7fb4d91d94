import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { departments, doctorProfiles, hospitals } from './organisation.tables';
import { escapeLike } from '../../db/like';

export type HospitalRow = typeof hospitals.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type DoctorProfileRow = typeof doctorProfiles.$inferSelect;

/** Escapes LIKE wildcards so search text matches literally. */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A `to_json(text[])` column: parsed by both drivers, though some paths hand back the JSON text. */
export function jsonArray(v: unknown): string[] {
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

export async function findHospital(exec: Executor, id: string): Promise<HospitalRow | undefined> {
  const [row] = await exec.select().from(hospitals).where(eq(hospitals.id, id));
  return row;
}

/** The hospital row locked against concurrent no-key updates: serialises changes to who administers it. */
export async function lockHospital(exec: Executor, id: string): Promise<HospitalRow | undefined> {
  const [row] = await exec.select().from(hospitals).where(eq(hospitals.id, id)).for('no key update');
  return row;
}

export async function findHospitalsByIds(exec: Executor, ids: string[]): Promise<HospitalRow[]> {
  if (ids.length === 0) return [];
  return exec.select().from(hospitals).where(inArray(hospitals.id, ids));
}

/** A page of hospitals, optionally only those with the given ids, by name. */
export async function listHospitals(
  exec: Executor,
  f: { ids?: string[]; q?: string; activeOnly?: boolean },
  page: { limit: number; offset: number },
): Promise<{ rows: HospitalRow[]; total: number }> {
  if (f.ids && f.ids.length === 0) return { rows: [], total: 0 };
  const where = and(
    f.ids ? inArray(hospitals.id, f.ids) : undefined,
    f.activeOnly ? eq(hospitals.active, true) : undefined,
    f.q ? or(ilike(hospitals.name, likePattern(f.q)), ilike(hospitals.code, likePattern(f.q))) : undefined,
  );
  const rows = await exec
    .select()
    .from(hospitals)
    .where(where)
    .orderBy(asc(hospitals.name), asc(hospitals.id))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await exec.select({ n: count() }).from(hospitals).where(where);
  return { rows, total: Number(c?.n ?? 0) };
}

export async function findHospitalByCode(exec: Executor, code: string): Promise<HospitalRow | undefined> {
  const [row] = await exec.select().from(hospitals).where(eq(hospitals.code, code));
  return row;
}

export async function insertHospital(
  exec: Executor,
  values: typeof hospitals.$inferInsert,
): Promise<HospitalRow> {
  const [row] = await exec.insert(hospitals).values(values).returning();
  return row!;
}

export async function updateHospital(
  exec: Executor,
  id: string,
  values: Partial<typeof hospitals.$inferInsert>,
): Promise<HospitalRow> {
  const [row] = await exec
    .update(hospitals)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(hospitals.id, id))
    .returning();
  return row!;
}

/** Active hospitals with their active departments, for the public pages. */
export async function listActiveHospitalsWithDepartments(
  exec: Executor,
): Promise<{ hospital: HospitalRow; departments: { id: string; name: string }[] }[]> {
  const hs = await exec
    .select()
    .from(hospitals)
    .where(eq(hospitals.active, true))
    .orderBy(asc(hospitals.name));
  if (hs.length === 0) return [];
  const ds = await exec
    .select({ id: departments.id, name: departments.name, hospitalId: departments.hospitalId })
    .from(departments)
    .where(
      and(
        eq(departments.active, true),
        inArray(
          departments.hospitalId,
          hs.map((h) => h.id),
        ),
      ),
    )
    .orderBy(asc(departments.name));
  return hs.map((h) => ({
    hospital: h,
    departments: ds.filter((d) => d.hospitalId === h.id).map(({ id, name }) => ({ id, name })),
  }));
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

export async function listDepartments(
  exec: Executor,
  hospitalId: string,
  active?: boolean,
): Promise<DepartmentRow[]> {
  return exec
    .select()
    .from(departments)
    .where(
      and(
        eq(departments.hospitalId, hospitalId),
        active === undefined ? undefined : eq(departments.active, active),
      ),
    )
    .orderBy(asc(departments.name));
}

/** A department of the hospital with this name, ignoring case (the unique key does the same). */
export async function findDepartmentByName(
  exec: Executor,
  hospitalId: string,
  name: string,
  exceptId?: string,
): Promise<DepartmentRow | undefined> {
  const conds: SQL[] = [
    eq(departments.hospitalId, hospitalId),
    sql`lower(${departments.name}) = lower(${name})`,
  ];
  if (exceptId) conds.push(ne(departments.id, exceptId));
  const [row] = await exec
    .select()
    .from(departments)
    .where(and(...conds));
  return row;
}

export async function insertDepartment(
  exec: Executor,
  values: typeof departments.$inferInsert,
): Promise<DepartmentRow> {
  const [row] = await exec.insert(departments).values(values).returning();
  return row!;
}

export async function updateDepartment(
  exec: Executor,
  id: string,
  values: Partial<typeof departments.$inferInsert>,
): Promise<DepartmentRow> {
  const [row] = await exec
    .update(departments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(departments.id, id))
    .returning();
  return row!;
}

export async function insertDoctorProfile(
  exec: Executor,
  values: typeof doctorProfiles.$inferInsert,
): Promise<DoctorProfileRow> {
  const [row] = await exec.insert(doctorProfiles).values(values).returning();
  return row!;
}
