// What the FHIR resources of this module read: a hospital's approved doctors (Practitioner) and
// the hospital with its departments (Organization), one page at a time, newest first.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { bookableDoctorSql } from './doctors.repo';
import { likePattern } from './organisation.repo';

type Page = { limit: number; offset: number };
/** A row as read: the count of every match (`count(*) over ()`, a bigint) and the timestamp as text. */
type Read<T> = Omit<T, 'updatedAt'> & { updatedAt: string; total: string };

/** The page's rows, and every match as they counted them: unknown past the last page (no row to count on). */
function pageOf<T extends { updatedAt: Date }>(rows: Read<T>[], page: Page): { rows: T[]; total?: number } {
  const total = rows[0] ? Number(rows[0].total) : page.offset === 0 ? 0 : undefined;
  const read = rows.map(({ total: _, ...r }) => ({ ...r, updatedAt: new Date(r.updatedAt) }));
  return { rows: read as unknown as T[], total };
}

/** An approved doctor of the hospital, named by their account (users.id). */
export interface PractitionerRow {
  userId: string;
  fullName: string;
  email: string;
  qualifications: string;
  registrationNumber: string;
  /** Still in service: holding the doctor role, with an active account, at an active hospital. */
  active: boolean;
  updatedAt: Date;
}

export interface PractitionerFilter {
  userId?: string;
  name?: string;
  registrationNumber?: string;
  active?: boolean;
}

/**
 * A page of the hospital's approved doctors (pending and rejected applications are not
 * practitioners of it), newest first.
 */
export async function practitionerRows(
  exec: Executor,
  hospitalId: string,
  f: PractitionerFilter,
  page: Page,
): Promise<{ rows: PractitionerRow[]; total?: number }> {
  const conds: SQL[] = [sql`d.hospital_id = ${hospitalId}`, sql`d.status = 'approved'`];
  if (f.userId) conds.push(sql`d.user_id = ${f.userId}`);
  if (f.name) conds.push(sql`u.full_name ilike ${likePattern(f.name)}`);
  if (f.registrationNumber) conds.push(sql`d.registration_number = ${f.registrationNumber}`);
  if (f.active !== undefined) conds.push(sql`${bookableDoctorSql()} = ${f.active}`);
  // Named as the row's fields, so that only the timestamp needs reading.
  const rows = await queryRows<Read<PractitionerRow>>(
    exec,
    sql`select d.user_id as "userId", u.full_name as "fullName", u.email, d.qualifications,
               d.registration_number as "registrationNumber", ${bookableDoctorSql()} as active,
               d.updated_at as "updatedAt", count(*) over () as total
          from doctor_profiles d
          join users u on u.id = d.user_id
          join hospitals h on h.id = d.hospital_id
         where ${sql.join(conds, sql` and `)}
         order by d.created_at desc, d.id desc
         limit ${page.limit} offset ${page.offset}`,
  );
  return pageOf(rows, page);
}

/** The hospital itself (`prov`) or one of its departments (`dept`, with the hospital it is part of). */
export interface OrganizationRow {
  kind: 'prov' | 'dept';
  id: string;
  name: string;
  active: boolean;
  /** The hospital's code; departments have none. */
  code: string | null;
  addressLine: string | null;
  city: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  /** The hospital a department belongs to. */
  partOf: string | null;
  updatedAt: Date;
}

export interface OrganizationFilter {
  id?: string;
  name?: string;
  kind?: 'prov' | 'dept';
  code?: string;
  /** Only departments of this hospital. */
  partOf?: string;
  /** Whether the caller may see the departments (departments:read) besides the hospital. */
  withDepartments: boolean;
}

/** A page of the hospital and its departments, newest first. */
export async function organizationRows(
  exec: Executor,
  hospitalId: string,
  f: OrganizationFilter,
  page: Page,
): Promise<{ rows: OrganizationRow[]; total?: number }> {
  const parts: SQL[] = [];
  // The hospital is nobody's part, and has no department's filters to pass.
  if (f.kind !== 'dept' && f.partOf === undefined) {
    const conds: SQL[] = [sql`h.id = ${hospitalId}`];
    if (f.id) conds.push(sql`h.id = ${f.id}`);
    if (f.name) conds.push(sql`h.name ilike ${likePattern(f.name)}`);
    if (f.code) conds.push(sql`h.code = ${f.code}`);
    parts.push(sql`select 'prov' as kind, h.id, h.name, h.active, h.code,
                          nullif(h.address_line, '') as "addressLine", nullif(h.city, '') as city,
                          nullif(h.country, '') as country, nullif(h.phone, '') as phone,
                          nullif(h.email, '') as email, null::uuid as "partOf",
                          h.created_at as "createdAt", h.updated_at as "updatedAt"
                     from hospitals h where ${sql.join(conds, sql` and `)}`);
  }
  if (f.withDepartments && f.kind !== 'prov' && f.code === undefined) {
    const conds: SQL[] = [sql`dep.hospital_id = ${hospitalId}`];
    if (f.id) conds.push(sql`dep.id = ${f.id}`);
    if (f.name) conds.push(sql`dep.name ilike ${likePattern(f.name)}`);
    if (f.partOf !== undefined) conds.push(sql`dep.hospital_id = ${f.partOf}`);
    // Named like the hospital's columns: either part may be the only one.
    parts.push(sql`select 'dept' as kind, dep.id, dep.name, dep.active, null as code, null as "addressLine",
                          null as city, null as country, null as phone, null as email,
                          dep.hospital_id as "partOf", dep.created_at as "createdAt", dep.updated_at as "updatedAt"
                     from departments dep where ${sql.join(conds, sql` and `)}`);
  }
  if (parts.length === 0) return { rows: [], total: 0 };
  const rows = await queryRows<Read<OrganizationRow>>(
    exec,
    sql`select o.*, count(*) over () as total from (${sql.join(parts, sql` union all `)}) o
         order by o."createdAt" desc, o.id desc
         limit ${page.limit} offset ${page.offset}`,
  );
  return pageOf(rows, page);
}
