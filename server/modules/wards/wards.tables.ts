import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, money, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';
import { consultations } from '../clinical/clinical.tables';
import { stores } from '../pharmacy/pharmacy.tables';

/** A ward of a hospital. Closed (inactive) rather than deleted. */
export const wards = pgTable(
  'wards',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** The ward's stock store (a store of kind 'ward' of the same hospital), where its medicines come from. */
    storeId: uuid('store_id').references(() => stores.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('wards_hospital_name_uq').on(t.hospitalId, t.name),
    check('wards_kind_ck', sql`${t.kind} in ('general','icu','maternity','paediatric','private','other')`),
  ],
);

/** A room of a ward. */
export const wardRooms = pgTable(
  'ward_rooms',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    wardId: uuid('ward_id')
      .notNull()
      .references(() => wards.id),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('ward_rooms_ward_name_uq').on(t.wardId, t.name),
    // Lets a bed name its ward and room together (beds_room_fk): a bed is in its room's ward.
    unique('ward_rooms_id_ward_uq').on(t.id, t.wardId),
  ],
);

/**
 * A bed in a room. `state` says what the bed is doing now; who lies in it, and when, is in
 * bed_occupancies, where the database refuses two overlapping stays on one bed.
 */
export const beds = pgTable(
  'beds',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    wardId: uuid('ward_id').notNull(),
    roomId: uuid('room_id').notNull(),
    label: text('label').notNull(),
    bedType: text('bed_type').notNull(),
    dailyRateMinor: money('daily_rate_minor').notNull(),
    state: text('state').notNull().default('available'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'beds_room_fk',
      columns: [t.roomId, t.wardId],
      foreignColumns: [wardRooms.id, wardRooms.wardId],
    }),
    unique('beds_ward_label_uq').on(t.wardId, t.label),
    index('beds_hospital_idx').on(t.hospitalId),
    check('beds_type_ck', sql`${t.bedType} in ('standard','semi_private','private','icu','isolation','cot')`),
    check('beds_state_ck', sql`${t.state} in ('available','occupied','reserved','cleaning','maintenance')`),
    check('beds_rate_ck', sql`${t.dailyRateMinor} >= 0`),
  ],
);

/** A patient's stay at the hospital, from admission to discharge, over one or more beds. */
export const admissions = pgTable(
  'admissions',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    source: text('source').notNull(),
    consultationId: uuid('consultation_id').references(() => consultations.id),
    reason: text('reason').notNull().default(''),
    status: text('status').notNull().default('active'),
    admittedAt: timestamp('admitted_at', { withTimezone: true }).notNull().defaultNow(),
    admittedBy: uuid('admitted_by').references(() => users.id),
    dischargedAt: timestamp('discharged_at', { withTimezone: true }),
    dischargedBy: uuid('discharged_by').references(() => users.id),
    dischargeSummary: text('discharge_summary'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A patient has at most one admission open at a hospital, however many desks try at once.
    uniqueIndex('admissions_patient_active_uq')
      .on(t.hospitalId, t.patientId)
      .where(sql`${t.status} = 'active'`),
    index('admissions_hospital_idx').on(t.hospitalId, t.status, t.admittedAt),
    index('admissions_patient_idx').on(t.patientId),
    check('admissions_source_ck', sql`${t.source} in ('consultation','front_desk','emergency')`),
    check('admissions_status_ck', sql`${t.status} in ('active','discharged')`),
    check(
      'admissions_consultation_ck',
      sql`(${t.source} = 'consultation') = (${t.consultationId} is not null)`,
    ),
    check('admissions_discharged_ck', sql`(${t.status} = 'discharged') = (${t.dischargedAt} is not null)`),
  ],
);

/**
 * One bed held by one admission over [started_at, ended_at) (open-ended while the patient is in
 * it). The migration adds bed_occupancies_bed_no_overlap: no two ranges of one bed overlap.
 */
export const bedOccupancies = pgTable(
  'bed_occupancies',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    admissionId: uuid('admission_id')
      .notNull()
      .references(() => admissions.id),
    bedId: uuid('bed_id')
      .notNull()
      .references(() => beds.id),
    /** The bed's daily rate when the patient was put in it: what each of their bed-days here costs. */
    dailyRateMinor: money('daily_rate_minor').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: text('ended_by'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    // An admission is in one bed at a time.
    uniqueIndex('bed_occupancies_admission_open_uq')
      .on(t.admissionId)
      .where(sql`${t.endedAt} is null`),
    index('bed_occupancies_bed_idx').on(t.bedId, t.startedAt),
    // A stay's beds in order (its export, its bill), without reading every bed's history.
    index('bed_occupancies_admission_idx').on(t.admissionId, t.startedAt),
    check('bed_occupancies_range_ck', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
    check('bed_occupancies_rate_ck', sql`${t.dailyRateMinor} >= 0`),
    check(
      'bed_occupancies_ended_ck',
      sql`(${t.endedAt} is null) = (${t.endedBy} is null) and (${t.endedBy} is null or ${t.endedBy} in ('transfer','discharge'))`,
    ),
  ],
);

/**
 * A bed held for a named patient over [starts_at, expires_at): a planned admission, a transfer in, a
 * patient waiting in the emergency room. While active and unexpired it keeps anybody else out of the
 * bed; admitting the patient consumes it. The migration adds bed_reservations_bed_no_overlap: two
 * active reservations of one bed never overlap in time.
 */
export const bedReservations = pgTable(
  'bed_reservations',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    bedId: uuid('bed_id')
      .notNull()
      .references(() => beds.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
    status: text('status').notNull().default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    /** When it stopped holding the bed: consumed, cancelled or expired. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Who cancelled it, or admitted the patient (null when it expired by itself). */
    endedBy: uuid('ended_by').references(() => users.id),
    /** Why it was cancelled (or which admission of someone else overrode it). */
    endReason: text('end_reason'),
    /** The admission that consumed it. */
    admissionId: uuid('admission_id').references(() => admissions.id),
  },
  (t) => [
    // A patient has at most one bed reserved at a hospital at a time.
    uniqueIndex('bed_reservations_patient_active_uq')
      .on(t.hospitalId, t.patientId)
      .where(sql`${t.status} = 'active'`),
    index('bed_reservations_hospital_idx').on(t.hospitalId, t.status, t.expiresAt),
    index('bed_reservations_bed_idx').on(t.bedId, t.status),
    // A patient's reservations at every hospital: their export and erasure (ADR 33).
    index('bed_reservations_patient_idx').on(t.patientId),
    check('bed_reservations_range_ck', sql`${t.expiresAt} > ${t.startsAt}`),
    check('bed_reservations_status_ck', sql`${t.status} in ('active','consumed','cancelled','expired')`),
    check('bed_reservations_ended_ck', sql`(${t.status} = 'active') = (${t.endedAt} is null)`),
    check('bed_reservations_consumed_ck', sql`(${t.status} = 'consumed') = (${t.admissionId} is not null)`),
  ],
);
