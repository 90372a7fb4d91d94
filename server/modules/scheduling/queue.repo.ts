// The queue as rows: tokens per doctor per local day (queue_days), the check-in and call fields of
// appointments, and the board read for the public screen. Hospitals and doctors' names belong to
// other modules; the few facts needed of them are read by SQL, not through their tables.
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';
import { appointments, availabilityTemplates, queueDays } from './scheduling.tables';
import type { AppointmentRow } from './scheduling.repo';

/**
 * The next token of a doctor's queue on a local day at a hospital: 1 for the first, then one more
 * than the last. The upsert takes the row's lock until the transaction ends, so concurrent
 * check-ins queue behind each other and tokens are sequential and never repeat.
 */
export async function takeToken(tx: Tx, hospitalId: string, doctorId: string, day: string): Promise<number> {
  const [row] = await queryRows<{ token: number }>(
    tx,
    sql`insert into queue_days (hospital_id, doctor_profile_id, day, last_token)
        values (${hospitalId}, ${doctorId}, ${day}, 1)
        on conflict (hospital_id, doctor_profile_id, day)
        do update set last_token = queue_days.last_token + 1, updated_at = now()
        returning last_token as token`,
  );
  return row!.token;
}

/** The doctor's queue row of a day, locked for this transaction (created empty if missing). */
export async function lockQueueDay(tx: Tx, hospitalId: string, doctorId: string, day: string) {
  await tx
    .insert(queueDays)
    .values({ hospitalId, doctorProfileId: doctorId, day, lastToken: 0 })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(queueDays)
    .where(
      and(
        eq(queueDays.hospitalId, hospitalId),
        eq(queueDays.doctorProfileId, doctorId),
        eq(queueDays.day, day),
      ),
    )
    .for('update');
  return row!;
}

export async function setCurrent(
  tx: Tx,
  hospitalId: string,
  doctorId: string,
  day: string,
  appointmentId: string | null,
): Promise<void> {
  await tx
    .update(queueDays)
    .set({ currentAppointmentId: appointmentId, updatedAt: new Date() })
    .where(
      and(
        eq(queueDays.hospitalId, hospitalId),
        eq(queueDays.doctorProfileId, doctorId),
        eq(queueDays.day, day),
      ),
    );
}

/** Clears the queue's current appointment if it is this one. */
export async function clearCurrent(tx: Tx, appointmentId: string): Promise<void> {
  await tx
    .update(queueDays)
    .set({ currentAppointmentId: null, updatedAt: new Date() })
    .where(eq(queueDays.currentAppointmentId, appointmentId));
}

/** Changes the check-in and queue fields of an appointment. */
export async function updateVisit(
  tx: Tx,
  id: string,
  set: Partial<
    Pick<AppointmentRow, 'status' | 'queueDate' | 'token' | 'checkedInAt' | 'checkedInBy' | 'calledAt'>
  >,
): Promise<void> {
  await tx
    .update(appointments)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(appointments.id, id));
}

/** The first checked-in appointment of a doctor's queue by token, locked; undefined when nobody waits. */
export async function lockNextWaiting(tx: Tx, hospitalId: string, doctorId: string, day: string) {
  const [row] = await tx
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.hospitalId, hospitalId),
        eq(appointments.doctorProfileId, doctorId),
        eq(appointments.queueDate, day),
        eq(appointments.status, 'checked_in'),
      ),
    )
    .orderBy(asc(appointments.token))
    .limit(1)
    .for('update');
  return row;
}

/** The slot length of the doctor's hours on a weekday at a date, preferring the window holding `time`. */
export async function slotMinutesAt(
  exec: Executor,
  doctorId: string,
  date: string,
  weekday: number,
  time: string,
): Promise<number | undefined> {
  const t = availabilityTemplates;
  const rows = await exec
    .select({ slotMinutes: t.slotMinutes, startTime: t.startTime, endTime: t.endTime })
    .from(t)
    .where(
      and(
        eq(t.doctorProfileId, doctorId),
        eq(t.weekday, weekday),
        sql`${t.effectiveFrom} <= ${date}`,
        sql`(${t.effectiveTo} is null or ${t.effectiveTo} >= ${date})`,
      ),
    )
    .orderBy(asc(t.startTime));
  const within = rows.find((r) => r.startTime.slice(0, 5) <= time && time < r.endTime.slice(0, 5));
  return (within ?? rows[0])?.slotMinutes;
}

export interface HospitalFacts {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

/** An active hospital by its code (the public queue screen's address), in any letter case. */
export async function activeHospitalByCode(exec: Executor, code: string): Promise<HospitalFacts | undefined> {
  const [row] = await queryRows<HospitalFacts>(
    exec,
    sql`select id, code, name, time_zone as "timeZone" from hospitals
         where code = ${code.toUpperCase()} and active`,
  );
  return row;
}

export interface BoardRow {
  id: string;
  doctorId: string;
  doctorName: string;
  token: number;
  status: 'checked_in' | 'in_consultation';
  calledAt: Date | null;
  givenName: string;
  familyName: string;
  current: boolean;
}

/**
 * A hospital's queue on a local day: the called-in and waiting appointments of every doctor, with
 * the patient's names (to make initials of) and the doctor's display name.
 */
export async function boardRows(exec: Executor, hospitalId: string, day: string): Promise<BoardRow[]> {
  return queryRows<BoardRow>(
    exec,
    sql`select a.id, a.doctor_profile_id as "doctorId", u.full_name as "doctorName", a.token,
               a.status, a.called_at as "calledAt",
               p.given_name as "givenName", p.family_name as "familyName",
               (q.current_appointment_id = a.id) as "current"
          from appointments a
          join doctor_profiles d on d.id = a.doctor_profile_id
          join users u on u.id = d.user_id
          join patients p on p.id = a.patient_id
          left join queue_days q on q.hospital_id = a.hospital_id
                and q.doctor_profile_id = a.doctor_profile_id and q.day = a.queue_date
         where a.hospital_id = ${hospitalId} and a.queue_date = ${day}
           and a.status in ('checked_in', 'in_consultation')
         order by u.full_name, a.doctor_profile_id, a.token`,
  );
}

/** Doctors with a queue on the day at the hospital (even if nobody waits now), by name. */
export async function queueDoctors(
  exec: Executor,
  hospitalId: string,
  day: string,
): Promise<{ doctorId: string; doctorName: string; lastToken: number }[]> {
  return queryRows(
    exec,
    sql`select q.doctor_profile_id as "doctorId", u.full_name as "doctorName", q.last_token as "lastToken"
          from queue_days q
          join doctor_profiles d on d.id = q.doctor_profile_id
          join users u on u.id = d.user_id
         where q.hospital_id = ${hospitalId} and q.day = ${day} and q.last_token > 0
         order by u.full_name, q.doctor_profile_id`,
  );
}
