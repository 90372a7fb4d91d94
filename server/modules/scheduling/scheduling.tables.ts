import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('appointments_key_uq').on(t.bookedBy, t.idempotencyKey),
    index('appointments_hospital_time_idx').on(t.hospitalId, t.startsAt),
    index('appointments_doctor_time_idx').on(t.doctorProfileId, t.startsAt),
    index('appointments_patient_time_idx').on(t.patientId, t.startsAt),
    check('appointments_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'appointments_status_ck',
      sql`${t.status} in ('booked','checked_in','completed','cancelled','no_show')`,
    ),
  ],
);
