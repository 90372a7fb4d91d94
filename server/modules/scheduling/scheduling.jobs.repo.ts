// The rows the scheduling jobs work on: reminders that have fallen due, booked appointments that
// were missed, and the claim that makes each reminder go once. Plain SQL over this module's tables;
// the patient's contact and the doctor's name are read the way scheduling.repo.ts reads doctors.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../../db/client';

export type ReminderKind = '24h' | '2h';

/** One kind of reminder: due `leadMs` before the start, until `untilMs` before it. */
export interface ReminderWindow {
  kind: ReminderKind;
  leadMs: number;
  untilMs: number;
  /** Not sent when the appointment was booked less than this long before the reminder fell due. */
  minNoticeMs: number;
}

export interface DueReminder {
  appointmentId: string;
  kind: ReminderKind;
  startsAt: Date;
}

const secs = (ms: number) => Math.round(ms / 1000);

/**
 * Booked appointments with a reminder due at `now` that has not been claimed, soonest first. Walks
 * each hospital's part of the (hospital, starts_at) index, so it reads only the next day's rows.
 */
export async function dueReminders(
  exec: Executor,
  windows: readonly ReminderWindow[],
  now: Date,
  limit: number,
): Promise<DueReminder[]> {
  const horizon = Math.max(...windows.map((w) => w.leadMs));
  const values = sql.join(
    windows.map(
      (w) =>
        sql`(${w.kind}::text, ${secs(w.leadMs)}::int * interval '1 second', ${secs(w.untilMs)}::int * interval '1 second', ${secs(w.minNoticeMs)}::int * interval '1 second')`,
    ),
    sql`, `,
  );
  const rows = await queryRows<{ appointmentId: string; kind: ReminderKind; startsAt: Date | string }>(
    exec,
    sql`select a.id as "appointmentId", k.kind, a.starts_at as "startsAt"
          from hospitals h
          cross join lateral (
            select id, starts_at, created_at from appointments
             where hospital_id = h.id and status = 'booked'
               and starts_at > ${now} and starts_at <= ${now}::timestamptz + ${secs(horizon)}::int * interval '1 second'
          ) a
          cross join (values ${values}) as k(kind, lead, until, notice)
         where a.starts_at - k.lead <= ${now}
           and a.starts_at - k.until > ${now}
           and a.created_at <= a.starts_at - k.lead - k.notice
           and not exists (select 1 from appointment_reminders r where r.appointment_id = a.id and r.kind = k.kind)
         order by a.starts_at, a.id
         limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt) }));
}

/**
 * Booked appointments whose start plus their hospital's no-show grace (`defaultGraceMinutes` where
 * the hospital has no settings) is before `now`, oldest first.
 */
export async function missedAppointments(
  exec: Executor,
  now: Date,
  defaultGraceMinutes: number,
  limit: number,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`select a.id from hospitals h
          left join scheduling_settings s on s.hospital_id = h.id
          cross join lateral (
            select id, starts_at from appointments
             where hospital_id = h.id and status = 'booked'
               and starts_at < ${now}::timestamptz - make_interval(mins => coalesce(s.no_show_grace_minutes, ${defaultGraceMinutes}))
          ) a
         order by a.starts_at, a.id
         limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Claims a reminder: true for the one transaction that inserts the row, false when it was sent
 * already (a second worker waits here for the first to commit, then finds the row).
 */
export async function claimReminder(tx: Tx, appointmentId: string, kind: ReminderKind, at: Date) {
  const rows = await queryRows<{ kind: string }>(
    tx,
    sql`insert into appointment_reminders (appointment_id, kind, sent_at) values (${appointmentId}, ${kind}, ${at})
        on conflict do nothing returning kind`,
  );
  return rows.length === 1;
}

/** Forgets the reminders sent for an appointment (it moved: the new time gets its own). */
export async function clearReminders(tx: Tx, appointmentId: string): Promise<void> {
  await tx.execute(sql`delete from appointment_reminders where appointment_id = ${appointmentId}`);
}

/** How to reach an appointment's patient and how to name its doctor, for notices. */
export interface NoticeContact {
  patientUserId: string | null;
  patientEmail: string | null;
  patientPhone: string | null;
  patientName: string;
  doctorUserId: string;
  doctorName: string;
}

export async function noticeContact(
  exec: Executor,
  appointmentId: string,
): Promise<NoticeContact | undefined> {
  const [row] = await queryRows<NoticeContact>(
    exec,
    sql`select p.user_id as "patientUserId", p.email as "patientEmail", p.phone as "patientPhone",
               trim(p.given_name || ' ' || p.family_name) as "patientName",
               d.user_id as "doctorUserId", u.full_name as "doctorName"
          from appointments a
          join patients p on p.id = a.patient_id
          join doctor_profiles d on d.id = a.doctor_profile_id
          join users u on u.id = d.user_id
         where a.id = ${appointmentId}`,
  );
  return row;
}

/**
 * Whom a notice to the patient goes to: their account (its contact details and preferences), or,
 * for a patient the front desk registered without one, the e-mail and phone on their record.
 * Null when there is no way to reach them.
 */
export function patientRecipient(
  c: NoticeContact | undefined,
): { userId: string } | { email?: string; phone?: string } | null {
  if (!c) return null;
  if (c.patientUserId) return { userId: c.patientUserId };
  if (!c.patientEmail && !c.patientPhone) return null;
  return { email: c.patientEmail ?? undefined, phone: c.patientPhone ?? undefined };
}
