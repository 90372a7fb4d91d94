import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { jsonArray, likePattern, type DoctorProfileRow } from './organisation.repo';
import { doctorProfiles } from './organisation.tables';

/** A doctor profile with the names around it (person, hospital, department). */
export interface DoctorView {
  id: string;
  userId: string;
  hospitalId: string;
  hospitalName: string;
  currency: string;
  fullName: string;
  email: string;
  departmentId: string | null;
  departmentName: string | null;
  specialty: string;
  qualifications: string;
  registrationNumber: string;
  consultationFeeMinor: number;
  languages: string[];
  bio: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt: Date | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const VIEW_SELECT = sql`
  select d.id, d.user_id, d.hospital_id, h.name as hospital_name, h.currency, u.full_name, u.email,
         d.department_id, dep.name as department_name, d.specialty, d.qualifications, d.registration_number,
         d.consultation_fee_minor, to_json(d.languages) as languages, d.bio, d.status, d.decided_at,
         d.rejection_reason, d.created_at, d.updated_at
    from doctor_profiles d
    join users u on u.id = d.user_id
    join hospitals h on h.id = d.hospital_id
    left join departments dep on dep.id = d.department_id`;

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toView(r: Raw): DoctorView {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    hospitalId: r.hospital_id as string,
    hospitalName: r.hospital_name as string,
    currency: r.currency as string,
    fullName: r.full_name as string,
    email: r.email as string,
    departmentId: (r.department_id as string | null) ?? null,
    departmentName: (r.department_name as string | null) ?? null,
    specialty: r.specialty as string,
    qualifications: r.qualifications as string,
    registrationNumber: r.registration_number as string,
    consultationFeeMinor: Number(r.consultation_fee_minor),
    languages: jsonArray(r.languages),
    bio: r.bio as string,
    status: r.status as DoctorView['status'],
    decidedAt: date(r.decided_at),
    rejectionReason: (r.rejection_reason as string | null) ?? null,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}

/** One doctor profile at the hospital, or undefined (also when it belongs to another hospital). */
export async function findDoctorView(
  exec: Executor,
  hospitalId: string,
  id: string,
): Promise<DoctorView | undefined> {
  const [r] = await queryRows<Raw>(
    exec,
    sql`${VIEW_SELECT} where d.id = ${id} and d.hospital_id = ${hospitalId}`,
  );
  return r ? toView(r) : undefined;
}

/** Every doctor profile a person has, at any hospital (a pending applicant's view of their own). */
export async function findDoctorViewsOfUser(exec: Executor, userId: string): Promise<DoctorView[]> {
  const rows = await queryRows<Raw>(
    exec,
    sql`${VIEW_SELECT} where d.user_id = ${userId} order by h.name, d.id`,
  );
  return rows.map(toView);
}

/** A page of a hospital's doctor profiles, by name. */
export async function listDoctorViews(
  exec: Executor,
  hospitalId: string,
  f: { status?: string; departmentId?: string; q?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: DoctorView[]; total: number }> {
  const conds: SQL[] = [sql`d.hospital_id = ${hospitalId}`];
  if (f.status) conds.push(sql`d.status = ${f.status}`);
  if (f.departmentId) conds.push(sql`d.department_id = ${f.departmentId}`);
  if (f.q) {
    const p = likePattern(f.q);
    conds.push(sql`(u.full_name ilike ${p} or d.specialty ilike ${p} or u.email ilike ${p})`);
  }
  const where = sql.join(conds, sql` and `);
  const rows = await queryRows<Raw>(
    exec,
    sql`${VIEW_SELECT} where ${where} order by lower(u.full_name), d.id limit ${page.limit} offset ${page.offset}`,
  );
  const [c] = await queryRows<{ n: string | number }>(
    exec,
    sql`select count(*) as n from doctor_profiles d join users u on u.id = d.user_id where ${where}`,
  );
  return { rows: rows.map(toView), total: Number(c?.n ?? 0) };
}

/** The profile row locked for a change (approval, rejection, edit). */
export async function lockDoctorProfile(exec: Executor, id: string): Promise<DoctorProfileRow | undefined> {
  const [row] = await exec.select().from(doctorProfiles).where(eq(doctorProfiles.id, id)).for('update');
  return row;
}

export async function findProfileOfUserAt(
  exec: Executor,
  hospitalId: string,
  userId: string,
): Promise<DoctorProfileRow | undefined> {
  const [row] = await exec
    .select()
    .from(doctorProfiles)
    .where(and(eq(doctorProfiles.hospitalId, hospitalId), eq(doctorProfiles.userId, userId)))
    .for('update');
  return row;
}

export async function updateDoctorProfile(
  exec: Executor,
  id: string,
  values: Partial<typeof doctorProfiles.$inferInsert>,
): Promise<DoctorProfileRow> {
  const [row] = await exec
    .update(doctorProfiles)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(doctorProfiles.id, id))
    .returning();
  return row!;
}

export interface PublicDoctorRow {
  id: string;
  /** For other modules; the public directory does not show it. */
  userId: string;
  fullName: string;
  specialty: string;
  qualifications: string;
  languages: string[];
  bio: string;
  consultationFeeMinor: number;
  currency: string;
  hospitalId: string;
  hospitalName: string;
  hospitalCity: string;
  departmentId: string | null;
  departmentName: string | null;
}

/**
 * Whether the doctor profile `d` (its account `u`, its hospital `h`) can be booked: approved, still
 * holding the doctor role there, with an active account at an active hospital. One rule for the
 * directory and for booking, which reads it in the same statement as the doctor's hours.
 */
export function bookableDoctorSql(): SQL {
  return sql`(d.status = 'approved' and h.active and u.status = 'active'
    and exists (select 1 from memberships m
                 where m.user_id = d.user_id and m.hospital_id = d.hospital_id and m.role = 'doctor' and m.active))`;
}

type DirectoryFilter = {
  id?: string;
  hospitalId?: string;
  departmentId?: string;
  specialty?: string;
  q?: string;
};

/** The directory's tables and the filter's conditions: `from … where …`, shared by rows and count. */
function directoryFrom(f: DirectoryFilter): SQL {
  const conds: SQL[] = [bookableDoctorSql()];
  if (f.id) conds.push(sql`d.id = ${f.id}`);
  if (f.hospitalId) conds.push(sql`d.hospital_id = ${f.hospitalId}`);
  if (f.departmentId) conds.push(sql`d.department_id = ${f.departmentId}`);
  if (f.specialty) conds.push(sql`d.specialty ilike ${likePattern(f.specialty)}`);
  if (f.q) {
    const p = likePattern(f.q);
    conds.push(sql`(u.full_name ilike ${p} or d.specialty ilike ${p} or dep.name ilike ${p})`);
  }
  return sql`
    from doctor_profiles d
    join users u on u.id = d.user_id
    join hospitals h on h.id = d.hospital_id
    left join departments dep on dep.id = d.department_id and dep.active
   where ${sql.join(conds, sql` and `)}`;
}

async function directoryRows(
  exec: Executor,
  from: SQL,
  page: { limit: number; offset: number },
): Promise<PublicDoctorRow[]> {
  const rows = await queryRows<Raw>(
    exec,
    sql`select d.id, d.user_id, u.full_name, d.specialty, d.qualifications, to_json(d.languages) as languages, d.bio,
               d.consultation_fee_minor, h.currency, h.id as hospital_id, h.name as hospital_name, h.city as hospital_city,
               dep.id as department_id, dep.name as department_name
        ${from}
        order by lower(u.full_name), d.id limit ${page.limit} offset ${page.offset}`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    userId: r.user_id as string,
    fullName: r.full_name as string,
    specialty: r.specialty as string,
    qualifications: r.qualifications as string,
    languages: jsonArray(r.languages),
    bio: r.bio as string,
    consultationFeeMinor: Number(r.consultation_fee_minor),
    currency: r.currency as string,
    hospitalId: r.hospital_id as string,
    hospitalName: r.hospital_name as string,
    hospitalCity: r.hospital_city as string,
    departmentId: (r.department_id as string | null) ?? null,
    departmentName: (r.department_name as string | null) ?? null,
  }));
}

/**
 * The public directory: approved doctors who still hold the doctor role, at active hospitals, with
 * active accounts. Selects only the columns the directory shows.
 */
export async function listPublicDoctors(
  exec: Executor,
  f: DirectoryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: PublicDoctorRow[]; total: number }> {
  const from = directoryFrom(f);
  const rows = await directoryRows(exec, from, page);
  const [c] = await queryRows<{ n: string | number }>(exec, sql`select count(*) as n ${from}`);
  return { rows, total: Number(c?.n ?? 0) };
}

/** One bookable doctor of the directory (at this hospital, if given), without the list's count. */
export async function findPublicDoctor(
  exec: Executor,
  id: string,
  hospitalId?: string,
): Promise<PublicDoctorRow | null> {
  const [row] = await directoryRows(exec, directoryFrom({ id, hospitalId }), { limit: 1, offset: 0 });
  return row ?? null;
}
