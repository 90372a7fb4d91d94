// The queries behind the FHIR Schedule and Appointment searches: pages of ids filtered and ordered
// in SQL (newest first), each with its total. The resources are then built from the same reads
// as /api (booking facts, presented appointments).
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { DateRange } from '../../platform/fhir/fhir.params';
import { datesCondition } from '../../platform/fhir/fhir.sql';
import { bookableDoctorSql } from '../organisation';
import { appointments } from './scheduling.tables';

type Page = { limit: number; offset: number };

export interface ScheduleFilter {
  /** The hospital's doctors; without it, only doctors who can be booked, at any hospital. */
  hospitalId: string | null;
  /** The doctor's user id (the FHIR Practitioner). */
  doctorUserId?: string;
  /** Whether the doctor can be booked. */
  active?: boolean;
}

export interface ScheduleRow {
  id: string;
  specialty: string;
}

/** A page of doctor profiles (one Schedule each), newest first, and how many match. */
export async function scheduleIds(
  exec: Executor,
  f: ScheduleFilter,
  page: Page,
): Promise<{ rows: ScheduleRow[]; total: number }> {
  const conds: SQL[] = [];
  // Applications still pending or refused are not the hospital's doctors (nor Practitioners).
  if (f.hospitalId) conds.push(sql`d.hospital_id = ${f.hospitalId} and d.status = 'approved'`);
  else conds.push(bookableDoctorSql());
  if (f.doctorUserId) conds.push(sql`d.user_id = ${f.doctorUserId}`);
  if (f.active !== undefined) conds.push(f.active ? bookableDoctorSql() : sql`not ${bookableDoctorSql()}`);
  const from = sql`from doctor_profiles d
    join users u on u.id = d.user_id
    join hospitals h on h.id = d.hospital_id
   where ${sql.join(conds, sql` and `)}`;
  const [rows, totals] = await Promise.all([
    queryRows<ScheduleRow>(
      exec,
      sql`select d.id, d.specialty ${from} order by d.created_at desc, d.id desc
          limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ n: number }>(exec, sql`select count(*)::int as n ${from}`),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The specialty of each doctor profile (a Schedule's specialty). */
export async function doctorSpecialties(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<ScheduleRow>(
    exec,
    sql`select id, specialty from doctor_profiles where id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.specialty]));
}

export interface AppointmentFilter {
  hospitalId: string;
  patientId?: string;
  /** The doctor's user id: their profile at the hospital. */
  doctorUserId?: string;
  /** Starts within every interval the date parameter names (two for a range). */
  starts?: readonly DateRange[];
  statuses?: readonly string[];
}

/** A page of the hospital's appointment ids, latest start first, and how many match. */
export async function appointmentIds(
  exec: Executor,
  f: AppointmentFilter,
  page: Page,
): Promise<{ ids: string[]; total: number }> {
  const a = appointments;
  const where = and(
    eq(a.hospitalId, f.hospitalId),
    f.patientId ? eq(a.patientId, f.patientId) : undefined,
    f.doctorUserId
      ? sql`${a.doctorProfileId} in (select d.id from doctor_profiles d
              where d.user_id = ${f.doctorUserId} and d.hospital_id = ${f.hospitalId})`
      : undefined,
    datesCondition(sql`${a.startsAt}`, f.starts) ?? undefined,
    f.statuses ? inArray(a.status, [...f.statuses]) : undefined,
  );
  const [rows, [c]] = await Promise.all([
    exec
      .select({ id: a.id })
      .from(a)
      .where(where)
      .orderBy(desc(a.startsAt), desc(a.id))
      .limit(page.limit)
      .offset(page.offset),
    exec.select({ n: count() }).from(a).where(where),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(c?.n ?? 0) };
}
