// Occupancy figures read straight from beds, stays and admissions: no counters to drift.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

/**
 * Patients in a bed and beds in service at each day's census, the midnight that ends the day in the
 * hospital's time zone (today's census is now). Beds count from when they were added; a bed taken
 * out of service counts for none of the days, since a bed's history of activity is not kept.
 */
export async function occupancyByDay(exec: Executor, hospitalId: string, days: number) {
  return queryRows<{ day: string; occupied: number; beds: number }>(
    exec,
    sql`with h as (select time_zone as tz from hospitals where id = ${hospitalId}),
         days as (
           select d::date as day,
                  least(now(), ((d::date + 1)::timestamp at time zone (select tz from h))) as census
             from generate_series((now() at time zone (select tz from h))::date - ${days - 1}::int,
                                  (now() at time zone (select tz from h))::date, '1 day') d),
         stays as (
           select o.started_at, o.ended_at from bed_occupancies o
            where o.hospital_id = ${hospitalId}
              and (o.ended_at is null or o.ended_at > (select min(census) from days) - interval '1 day'))
        select to_char(d.day, 'YYYY-MM-DD') as day,
               (select count(*) from stays s
                 where s.started_at <= d.census and (s.ended_at is null or s.ended_at > d.census))::int as occupied,
               (select count(*) from beds b
                 where b.hospital_id = ${hospitalId} and b.active and b.created_at <= d.census)::int as beds
          from days d order by d.day`,
  );
}

/** Each active ward's active beds by state. */
export async function bedsByWard(exec: Executor, hospitalId: string) {
  return queryRows<{
    ward_id: string;
    name: string;
    kind: string;
    beds: number;
    occupied: number;
    available: number;
    reserved: number;
    cleaning: number;
    maintenance: number;
  }>(
    exec,
    sql`select w.id as ward_id, w.name, w.kind, count(b.id)::int as beds,
               (count(*) filter (where b.state = 'occupied'))::int as occupied,
               (count(*) filter (where b.state = 'available'))::int as available,
               (count(*) filter (where b.state = 'reserved'))::int as reserved,
               (count(*) filter (where b.state = 'cleaning'))::int as cleaning,
               (count(*) filter (where b.state = 'maintenance'))::int as maintenance
          from wards w
          left join ward_rooms r on r.ward_id = w.id and r.active
          left join beds b on b.room_id = r.id and b.active
         where w.hospital_id = ${hospitalId} and w.active
         group by w.id, w.name, w.kind
         order by w.name`,
  );
}

/** Admissions and discharges today (hospital time), and the mean stay of discharges in the period. */
export async function admissionFigures(exec: Executor, hospitalId: string, days: number) {
  const [row] = await queryRows<{
    admitted_today: number;
    discharged_today: number;
    average_days: number | null;
  }>(
    exec,
    sql`with h as (select time_zone as tz from hospitals where id = ${hospitalId}),
         t as (select ((now() at time zone (select tz from h))::date)::timestamp at time zone (select tz from h) as start)
        select (count(*) filter (where a.admitted_at >= (select start from t)))::int as admitted_today,
               (count(*) filter (where a.discharged_at >= (select start from t)))::int as discharged_today,
               (avg(extract(epoch from a.discharged_at - a.admitted_at) / 86400)
                  filter (where a.discharged_at > now() - make_interval(days => ${days})))::float8 as average_days
          from admissions a
         where a.hospital_id = ${hospitalId}
           and (a.status = 'active' or a.discharged_at > now() - make_interval(days => ${days}))`,
  );
  return row!;
}

/** Beds occupied and free (available) now, for the dashboard's figures. */
export async function bedCounts(exec: Executor, hospitalId: string) {
  const [row] = await queryRows<{ occupied: number; free: number }>(
    exec,
    sql`select (count(*) filter (where b.state = 'occupied'))::int as occupied,
               (count(*) filter (where b.state = 'available'))::int as free
          from beds b join ward_rooms r on r.id = b.room_id join wards w on w.id = b.ward_id
         where b.hospital_id = ${hospitalId} and b.active and r.active and w.active`,
  );
  return row!;
}
