// The scheduling module's dashboard figures, read live in one query. "Today" is the calendar day in
// the active hospital's time zone.
//
// Whose figures: staff who read the hospital's appointments (front desk, nurses, admins) see the
// hospital's; a doctor who does not sees their own (their appointments today, their patients
// waiting, the patients they have seen). A patient sees their own upcoming appointments.
import { sql } from 'drizzle-orm';
import type { DashboardCardKey } from '../../../contracts/dashboard';
import type { AppointmentInsights } from '../../../contracts/scheduling';
import { queryRows } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { findHospitalInfo } from '../organisation';
import type { DashboardSource } from '../module';
import { present } from './appointments.service';
import * as repo from './scheduling.repo';

const KEYS = [
  'appointmentsToday',
  'queueWaiting',
  'recentAppointments',
  'upcomingAppointments',
  'patientsSeen',
] as const satisfies readonly DashboardCardKey[];

/** "Recent" appointments on the admin's dashboard: booked in the last week. */
export const RECENT_APPOINTMENT_DAYS = 7;

type Figures = Partial<Record<DashboardCardKey, number>>;

export const schedulingFigures: DashboardSource = {
  keys: KEYS,
  async load(ctx, wanted, hospital) {
    if (!KEYS.some((k) => wanted.has(k))) return {};
    const out: Figures = {};
    if (wanted.has('upcomingAppointments') && ctx.actor.patientId) {
      // A patient's own, at any hospital: visits still to come that will happen.
      const [r] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from appointments
             where patient_id = ${ctx.actor.patientId}
               and ((status = 'booked' and ends_at > now()) or status in ('checked_in', 'in_consultation'))`,
      );
      out.upcomingAppointments = Number(r?.n ?? 0);
    }
    if (!hospital) return out;
    const hospitalWide = can(ctx.actor, 'appointments:read');
    const own = can(ctx.actor, 'appointments:read-own')
      ? await repo.ownDoctorFacts(ctx.db, ctx.actor.userId, hospital.id)
      : undefined;
    if (!hospitalWide && !own) return out;
    const doctor = hospitalWide ? sql`` : sql`and doctor_profile_id = ${own!.id}`;
    const tz = hospital.timeZone;
    const [r] = await queryRows<Record<string, number>>(
      ctx.db,
      sql`with today as (select (now() at time zone ${tz})::date as d),
               bounds as (select (d::timestamp at time zone ${tz}) as s, ((d + 1)::timestamp at time zone ${tz}) as e, d from today)
          select
            (select count(*) from appointments, bounds
              where hospital_id = ${hospital.id} and starts_at >= bounds.s and starts_at < bounds.e
                and status <> 'cancelled' ${doctor})::int as "appointmentsToday",
            (select count(*) from appointments, bounds
              where hospital_id = ${hospital.id} and status = 'checked_in' and queue_date = bounds.d ${doctor})::int as "queueWaiting",
            (select count(*) from appointments
              where hospital_id = ${hospital.id} and created_at > now() - make_interval(days => ${RECENT_APPOINTMENT_DAYS})
                ${doctor})::int as "recentAppointments",
            ${
              own
                ? sql`(select count(distinct patient_id) from appointments
                        where doctor_profile_id = ${own.id} and status = 'completed')::int`
                : sql`null::int`
            } as "patientsSeen"`,
    );
    for (const k of ['appointmentsToday', 'queueWaiting', 'recentAppointments'] as const) {
      if (wanted.has(k)) out[k] = Number(r?.[k] ?? 0);
    }
    if (wanted.has('patientsSeen') && own) out.patientsSeen = Number(r?.patientsSeen ?? 0);
    return out;
  },
};

/** Days the admin's chart covers, today included. */
export const INSIGHT_DAYS = 30;
const RECENT_LIMIT = 8;

/**
 * The active hospital's appointments per local day over the last INSIGHT_DAYS days (by the day
 * they were for; cancelled ones apart), and the latest booked. The list names patients: audited.
 */
export async function appointmentInsights(ctx: Ctx): Promise<AppointmentInsights> {
  const hospitalId = requireHospital(ctx.actor);
  const hospital = await findHospitalInfo(ctx.db, hospitalId);
  if (!hospital) throw notFound('Hospital');
  const tz = hospital.timeZone;
  const byDay = await queryRows<{ day: string; appointments: number; cancelled: number }>(
    ctx.db,
    sql`with days as (
          select generate_series((now() at time zone ${tz})::date - ${INSIGHT_DAYS - 1}::int,
                                 (now() at time zone ${tz})::date, interval '1 day')::date as d)
        select days.d::text as day,
               count(a.id) filter (where a.status <> 'cancelled')::int as appointments,
               count(a.id) filter (where a.status = 'cancelled')::int as cancelled
          from days
          left join appointments a
            on a.hospital_id = ${hospitalId}
           and a.starts_at >= (days.d::timestamp at time zone ${tz})
           and a.starts_at < ((days.d + 1)::timestamp at time zone ${tz})
         group by days.d
         order by days.d`,
  );
  const recentIds = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from appointments where hospital_id = ${hospitalId}
         order by created_at desc, id desc limit ${RECENT_LIMIT}`,
  );
  const ids = recentIds.map((r) => r.id);
  const recent = await present(ctx.db, ids, hospitalId);
  if (ids.length > 0) {
    await auditRead(ctx, {
      action: 'appointments.recent_listed',
      entityType: 'appointment',
      after: { ids },
    });
  }
  return {
    timeZone: tz,
    byDay: byDay.map((d) => ({
      day: d.day,
      appointments: Number(d.appointments),
      cancelled: Number(d.cancelled),
    })),
    recent,
  };
}
