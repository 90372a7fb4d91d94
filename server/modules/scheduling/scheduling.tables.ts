import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { doctorProfiles, hospitals } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';

/**
 * A doctor's weekly consulting hours at a hospital: a local wall-clock window on a weekday, cut into
 * slots. Two windows of a doctor never overlap on the same weekday and dates (an exclusion
 * constraint in the migration, availability_templates_no_overlap).
 */
export const availabilityTemplates = pgTable(
  'availability_templates',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    doctorProfileId: uuid('doctor_profile_id')
      .notNull()
      .references(() => doctorProfiles.id),
    /** ISO weekday, 1 = Monday. */
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('availability_templates_doctor_idx').on(t.doctorProfileId, t.weekday),
    check('availability_templates_weekday_ck', sql`${t.weekday} between 1 and 7`),
    check('availability_templates_window_ck', sql`${t.endTime} > ${t.startTime}`),
    check('availability_templates_slot_ck', sql`${t.slotMinutes} between 5 and 240`),
    check(
      'availability_templates_dates_ck',
      sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`,
    ),
  ],
);

/** Leave (a doctor's) or a holiday (the hospital's: no doctor): whole local days, or a time range on each. */
export const availabilityExceptions = pgTable(
  'availability_exceptions',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    doctorProfileId: uuid('doctor_profile_id').references(() => doctorProfiles.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    startTime: time('start_time'),
    endTime: time('end_time'),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('availability_exceptions_hospital_idx').on(t.hospitalId, t.startsOn),
    index('availability_exceptions_doctor_idx').on(t.doctorProfileId, t.startsOn),
    check('availability_exceptions_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'availability_exceptions_times_ck',
      sql`(${t.startTime} is null and ${t.endTime} is null) or (${t.endTime} > ${t.startTime})`,
    ),
  ],
);

/**
 * An appointment of a patient with a doctor. No two active appointments of a doctor, or of a
 * patient, overlap: exclusion constraints in the migration (appointments_doctor_no_overlap,
 * appointments_patient_no_overlap) hold it for any number of app instances.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    doctorProfileId: uuid('doctor_profile_id')
      .notNull()
      .references(() => doctorProfiles.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('booked'),
    reason: text('reason').notNull().default(''),
    bookedBy: uuid('booked_by')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancellationReason: text('cancellation_reason'),
    /** Booked at the front desk for someone who came in without an appointment. */
    walkIn: boolean('walk_in').notNull().default(false),
    /** The hospital's local day of the visit, and the queue token check-in gave on it. */
    queueDate: date('queue_date'),
    token: integer('token'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by').references(() => users.id),
    /** When the doctor called the patient in (status in_consultation). */
    calledAt: timestamp('called_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('appointments_key_uq').on(t.bookedBy, t.idempotencyKey),
    unique('appointments_token_uq').on(t.doctorProfileId, t.hospitalId, t.queueDate, t.token),
    index('appointments_hospital_time_idx').on(t.hospitalId, t.startsAt),
    index('appointments_doctor_time_idx').on(t.doctorProfileId, t.startsAt),
    index('appointments_patient_time_idx').on(t.patientId, t.startsAt),
    check('appointments_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'appointments_status_ck',
      sql`${t.status} in ('booked','checked_in','in_consultation','completed','cancelled','no_show')`,
    ),
    check('appointments_token_ck', sql`(${t.token} is null) = (${t.queueDate} is null)`),
  ],
);

/**
 * A doctor's queue on one local day at a hospital: the last token handed out (tokens are
 * sequential and never repeat: check-in takes the next under this row's lock) and the appointment
 * called in now.
 */
export const queueDays = pgTable(
  'queue_days',
  {
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    doctorProfileId: uuid('doctor_profile_id')
      .notNull()
      .references(() => doctorProfiles.id),
    day: date('day').notNull(),
    lastToken: integer('last_token').notNull().default(0),
    currentAppointmentId: uuid('current_appointment_id').references(() => appointments.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'queue_days_pk', columns: [t.hospitalId, t.doctorProfileId, t.day] }),
    check('queue_days_last_token_ck', sql`${t.lastToken} >= 0`),
  ],
);

/** A reminder sent for an appointment: one row per kind, so none goes twice. */
export const appointmentReminders = pgTable(
  'appointment_reminders',
  {
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    kind: text('kind').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'appointment_reminders_pk', columns: [t.appointmentId, t.kind] }),
    check('appointment_reminders_kind_ck', sql`${t.kind} in ('24h','2h')`),
  ],
);

/**
 * How a hospital runs its appointments: how long before the start a patient may still move or
 * cancel online, and how long after it a booked patient who has not come is marked no-show.
 * No row: the defaults in scheduling-settings.ts.
 */
export const schedulingSettings = pgTable(
  'scheduling_settings',
  {
    hospitalId: uuid('hospital_id')
      .primaryKey()
      .references(() => hospitals.id),
    patientChangeCutoffHours: integer('patient_change_cutoff_hours').notNull(),
    noShowGraceMinutes: integer('no_show_grace_minutes').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('scheduling_settings_cutoff_ck', sql`${t.patientChangeCutoffHours} between 0 and 168`),
    check('scheduling_settings_grace_ck', sql`${t.noShowGraceMinutes} between 5 and 720`),
  ],
);
