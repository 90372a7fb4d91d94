// Availability and appointments as rows. Doctor profiles belong to the organisation module; the two
// facts this module needs of one (its hospital and whose it is) are read by SQL, not by its tables.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  not,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { perDatabase } from '../../db/batched-lookup';
import { BatchedWrites } from '../../db/batched-writes';
import { positionalRows, queryRows, type Db, type Executor, type Tx } from '../../db/client';
import { insertRows, returningAll, withWrites, type Positional } from '../../db/side-writes';
import { appointments, availabilityExceptions, availabilityTemplates } from './scheduling.tables';

export type TemplateRow = typeof availabilityTemplates.$inferSelect;
export type ExceptionRow = typeof availabilityExceptions.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;
export type AppointmentInsert = typeof appointments.$inferInsert;

/** States in which an appointment holds its time (as the exclusion constraints say). */
export const ACTIVE_STATUSES = ['booked', 'checked_in', 'in_consultation', 'completed'] as const;

export interface DoctorFacts {
  id: string;
  hospitalId: string;
  userId: string;
  status: string;
}

/** A doctor profile's hospital, person and approval state; undefined when there is none. */
export async function doctorFacts(exec: Executor, doctorId: string): Promise<DoctorFacts | undefined> {
  const [row] = await queryRows<DoctorFacts>(
    exec,
    sql`select id, hospital_id as "hospitalId", user_id as "userId", status
          from doctor_profiles where id = ${doctorId}`,
  );
  return row;
}

/** The doctor profile a person holds at a hospital, if any. */
export async function ownDoctorFacts(
  exec: Executor,
  userId: string,
  hospitalId: string,
): Promise<DoctorFacts | undefined> {
  const [row] = await queryRows<DoctorFacts>(
    exec,
    sql`select id, hospital_id as "hospitalId", user_id as "userId", status
          from doctor_profiles where user_id = ${userId} and hospital_id = ${hospitalId}`,
  );
  return row;
}

// ---------------------------------------------------------------- availability

export async function templatesOf(exec: Executor, doctorId: string): Promise<TemplateRow[]> {
  return exec
    .select()
    .from(availabilityTemplates)
    .where(eq(availabilityTemplates.doctorProfileId, doctorId))
    .orderBy(
      asc(availabilityTemplates.weekday),
      asc(availabilityTemplates.startTime),
      asc(availabilityTemplates.effectiveFrom),
    );
}

/**
 * Serialises, for this transaction, changes to a doctor's weekly hours: two windows added at once
 * would each wait in the no-overlap check for the other's, a circle PostgreSQL ends as a deadlock.
 */
export async function lockDoctorHours(tx: Tx, doctorProfileId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`hours:${doctorProfileId}`}, 0))`);
}

export async function insertTemplate(
  tx: Tx,
  values: typeof availabilityTemplates.$inferInsert,
): Promise<TemplateRow> {
  const [row] = await tx.insert(availabilityTemplates).values(values).returning();
  return row!;
}

export async function deleteTemplate(
  tx: Tx,
  id: string,
  hospitalId: string,
): Promise<TemplateRow | undefined> {
  const [row] = await tx
    .delete(availabilityTemplates)
    .where(and(eq(availabilityTemplates.id, id), eq(availabilityTemplates.hospitalId, hospitalId)))
    .returning();
  return row;
}

export async function findTemplate(exec: Executor, id: string, hospitalId: string) {
  const [row] = await exec
    .select()
    .from(availabilityTemplates)
    .where(and(eq(availabilityTemplates.id, id), eq(availabilityTemplates.hospitalId, hospitalId)));
  return row;
}

/**
 * The doctor's exceptions and the hospital's holidays, optionally only those touching the local
 * dates `from`..`to`.
 */
export async function exceptionsOf(
  exec: Executor,
  hospitalId: string,
  doctorId: string,
  range?: { from: string; to: string },
): Promise<ExceptionRow[]> {
  const e = availabilityExceptions;
  return exec
    .select()
    .from(e)
    .where(
      and(
        eq(e.hospitalId, hospitalId),
        or(eq(e.doctorProfileId, doctorId), isNull(e.doctorProfileId)),
        range ? and(lte(e.startsOn, range.to), gte(e.endsOn, range.from)) : undefined,
      ),
    )
    .orderBy(asc(e.startsOn), asc(e.startTime));
}

export async function insertException(
  tx: Tx,
  values: typeof availabilityExceptions.$inferInsert,
): Promise<ExceptionRow> {
  const [row] = await tx.insert(availabilityExceptions).values(values).returning();
  return row!;
}

export async function findException(exec: Executor, id: string, hospitalId: string) {
  const [row] = await exec
    .select()
    .from(availabilityExceptions)
    .where(and(eq(availabilityExceptions.id, id), eq(availabilityExceptions.hospitalId, hospitalId)));
  return row;
}

export async function deleteException(tx: Tx, id: string): Promise<void> {
  await tx.delete(availabilityExceptions).where(eq(availabilityExceptions.id, id));
}

// ---------------------------------------------------------------- appointments

const active = inArray(appointments.status, [...ACTIVE_STATUSES]);

/**
 * The doctor's active appointments overlapping [start, end), but `except` (one being moved).
 * Walk-ins hold no slot (they are seen in token order between booked patients), so not them.
 */
export async function doctorBookings(
  exec: Executor,
  doctorId: string,
  start: Date,
  end: Date,
  except?: string,
): Promise<{ id: string; startsAt: Date; endsAt: Date }[]> {
  return exec
    .select({ id: appointments.id, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.doctorProfileId, doctorId),
        active,
        eq(appointments.walkIn, false),
        lt(appointments.startsAt, end),
        gt(appointments.endsAt, start),
        except ? ne(appointments.id, except) : undefined,
      ),
    );
}

/** The active, slot-holding appointments of several doctors overlapping [start, end). */
export async function bookingsOfDoctors(
  exec: Executor,
  doctorIds: string[],
  start: Date,
  end: Date,
): Promise<{ doctorId: string; startsAt: Date; endsAt: Date }[]> {
  return exec
    .select({
      doctorId: appointments.doctorProfileId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .where(
      and(
        inArray(appointments.doctorProfileId, doctorIds),
        active,
        eq(appointments.walkIn, false),
        lt(appointments.startsAt, end),
        gt(appointments.endsAt, start),
      ),
    );
}

/** Whether the patient holds an active appointment overlapping [start, end), other than `except`. */
export async function patientIsBusy(
  exec: Executor,
  patientId: string,
  start: Date,
  end: Date,
  except?: string,
): Promise<boolean> {
  const [row] = await exec
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.patientId, patientId),
        active,
        lt(appointments.startsAt, end),
        gt(appointments.endsAt, start),
        except ? ne(appointments.id, except) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Serialises, for this transaction, the moves of appointments into a doctor's and a patient's
 * calendar (always the doctor's first, so two moves never hold them crosswise). Without it,
 * concurrent moves into one slot each write their new time, then wait in the no-overlap check for
 * one another's, in circles that PostgreSQL ends by failing one as a deadlock.
 */
export async function lockCalendars(tx: Tx, doctorProfileId: string, patientId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`calendar:doctor:${doctorProfileId}`}, 0)),
               pg_advisory_xact_lock(hashtextextended(${`calendar:patient:${patientId}`}, 0))`,
  );
}

/**
 * Serialises bookings that share a booker and an idempotency key, for this transaction: the second
 * waits, then finds the first one's appointment.
 */
export async function lockBookingKey(tx: Tx, userId: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`appointment:${userId}:${key}`}, 0))`);
}

export async function findByKey(exec: Executor, userId: string, key: string) {
  const [row] = await exec
    .select()
    .from(appointments)
    .where(and(eq(appointments.bookedBy, userId), eq(appointments.idempotencyKey, key)));
  return row;
}

/** Inserts an appointment, with `writes` (its audit row, its notice) riding along in the statement. */
export async function insertAppointment(
  exec: Executor,
  values: typeof appointments.$inferInsert,
  writes: readonly Positional[] = [],
): Promise<AppointmentRow> {
  const insert = insertRows(appointments, [values], returningAll(appointments));
  const [row] = await positionalRows<AppointmentRow>(exec, withWrites(writes, insert));
  return row!;
}

/**
 * `insertAppointment` on the pool, sent together with the other bookings the instance received in
 * the same turn of its event loop: one statement for all of them, each still refused on its own
 * (ADR 24).
 */
export function insertAppointmentTogether(
  db: Db,
  values: AppointmentInsert,
  writes: readonly Positional[] = [],
): Promise<AppointmentRow> {
  // The id finds the row among the statement's: the caller gives it, as its side writes name it.
  if (!values.id) throw new Error('insertAppointmentTogether: the appointment needs its id');
  return appointmentWrites(db).write(
    { writes, main: insertRows(appointments, [values], returningAll(appointments)) },
    values.id,
  );
}

const appointmentWrites = perDatabase(
  (db) => new BatchedWrites<AppointmentRow>((p) => positionalRows<AppointmentRow>(db, p)),
);

/** Statements the pool's shared booking writes have sent so far (tests). */
export const appointmentWritesSent = (db: Db) => appointmentWrites(db).sent;

export async function lockAppointment(tx: Tx, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
  return row;
}

export async function updateAppointment(
  tx: Tx,
  id: string,
  set: Partial<
    Pick<
      AppointmentRow,
      'startsAt' | 'endsAt' | 'status' | 'cancelledAt' | 'cancelledBy' | 'cancellationReason'
    >
  >,
): Promise<void> {
  await tx
    .update(appointments)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(appointments.id, id));
}

/** Appointments by id, each with the user id of its doctor (for the name). */
export async function findAppointments(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({
      a: appointments,
      doctorUserId: sql<string>`(select d.user_id from doctor_profiles d where d.id = ${appointments.doctorProfileId})`,
    })
    .from(appointments)
    .where(inArray(appointments.id, ids));
}

export type FoundAppointment = Awaited<ReturnType<typeof findAppointments>>[number];

export type AppointmentScope =
  | { patientId: string; when: 'upcoming' | 'past'; now: Date }
  | { hospitalId: string; start: Date; end: Date; doctorId?: string; status?: string };

/** A page of appointment ids: a patient's (upcoming soonest first, past latest first) or a day's. */
export async function listAppointmentIds(
  exec: Executor,
  scope: AppointmentScope,
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  const a = appointments;
  let where: SQL | undefined;
  let order: SQL[];
  if ('patientId' in scope) {
    // Upcoming: still to happen (a completed visit or a no-show is past even before its slot
    // ends), or checked in and still to be seen however late it runs.
    const upcoming = or(
      and(gt(a.endsAt, scope.now), notInArray(a.status, ['completed', 'no_show'])),
      inArray(a.status, ['checked_in', 'in_consultation']),
    )!;
    where = and(eq(a.patientId, scope.patientId), scope.when === 'upcoming' ? upcoming : not(upcoming));
    order = scope.when === 'upcoming' ? [asc(a.startsAt), asc(a.id)] : [desc(a.startsAt), desc(a.id)];
  } else {
    where = and(
      eq(a.hospitalId, scope.hospitalId),
      gte(a.startsAt, scope.start),
      lt(a.startsAt, scope.end),
      scope.doctorId ? eq(a.doctorProfileId, scope.doctorId) : undefined,
      scope.status ? eq(a.status, scope.status) : undefined,
    );
    order = [asc(a.startsAt), asc(a.id)];
  }
  const rows = await exec
    .select({ id: a.id })
    .from(a)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  const [c] = await exec.select({ n: count() }).from(a).where(where);
  return { ids: rows.map((r) => r.id), total: Number(c?.n ?? 0) };
}
