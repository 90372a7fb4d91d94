import { sql } from 'drizzle-orm';
import {
  check,
  decimal,
  foreignKey,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';
import { medicines, prescriptionLines, stores } from '../pharmacy/pharmacy.tables';
import { admissions } from './wards.tables';

/**
 * Vital signs charted on a ward stay, as many times as they are taken. Each sign may be left out;
 * the ranges are the consultation's (vital_signs) plus the ward's own: breathing, pain, glucose.
 */
export const admissionVitals = pgTable(
  'admission_vitals',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    admissionId: uuid('admission_id')
      .notNull()
      .references(() => admissions.id),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    systolic: smallint('systolic'),
    diastolic: smallint('diastolic'),
    pulse: smallint('pulse'),
    temperatureC: decimal('temperature_c', { precision: 4, scale: 1 }),
    spo2: smallint('spo2'),
    respiratoryRate: smallint('respiratory_rate'),
    painScore: smallint('pain_score'),
    bloodGlucoseMgDl: smallint('blood_glucose_mg_dl'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('admission_vitals_admission_idx').on(t.admissionId, t.takenAt),
    check('admission_vitals_bp_ck', sql`(${t.systolic} is null) = (${t.diastolic} is null)`),
    check(
      'admission_vitals_ranges_ck',
      sql`(${t.systolic} is null or (${t.systolic} between 40 and 300 and ${t.diastolic} between 20 and 200 and ${t.diastolic} < ${t.systolic}))
        and (${t.pulse} is null or ${t.pulse} between 20 and 300)
        and (${t.temperatureC} is null or ${t.temperatureC} between 25 and 45)
        and (${t.spo2} is null or ${t.spo2} between 50 and 100)
        and (${t.respiratoryRate} is null or ${t.respiratoryRate} between 2 and 80)
        and (${t.painScore} is null or ${t.painScore} between 0 and 10)
        and (${t.bloodGlucoseMgDl} is null or ${t.bloodGlucoseMgDl} between 10 and 2000)`,
    ),
    check(
      'admission_vitals_any_ck',
      sql`num_nonnulls(${t.systolic}, ${t.pulse}, ${t.temperatureC}, ${t.spo2}, ${t.respiratoryRate}, ${t.painScore}, ${t.bloodGlucoseMgDl}) > 0`,
    ),
  ],
);

/**
 * A nursing note on a ward stay. Append-only: a correction is a new note naming the one it
 * corrects (of the same stay), and the corrected note stays as it was written.
 */
export const nursingNotes = pgTable(
  'nursing_notes',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    admissionId: uuid('admission_id')
      .notNull()
      .references(() => admissions.id),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    correctsNoteId: uuid('corrects_note_id'),
    writtenBy: uuid('written_by')
      .notNull()
      .references(() => users.id),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('nursing_notes_admission_idx').on(t.admissionId, t.writtenAt),
    // Lets a correction name a note of its own stay only (nursing_notes_corrects_fk).
    unique('nursing_notes_id_admission_uq').on(t.id, t.admissionId),
    foreignKey({
      name: 'nursing_notes_corrects_fk',
      columns: [t.correctsNoteId, t.admissionId],
      foreignColumns: [t.id, t.admissionId],
    }),
    check('nursing_notes_kind_ck', sql`${t.kind} in ('observation','handover','care','incident')`),
    check('nursing_notes_body_ck', sql`length(${t.body}) between 1 and 4000`),
  ],
);

/**
 * The medication administration record: a medicine given on a ward stay (taken from the ward's
 * store through the stock ledger, whose rows reference this row as 'ward_administration'), or a
 * dose not given (refused, held, unavailable) with its reason and no stock movement.
 */
export const medicationAdministrations = pgTable(
  'medication_administrations',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    admissionId: uuid('admission_id')
      .notNull()
      .references(() => admissions.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    outcome: text('outcome').notNull(),
    /** Units taken from stock: only for a dose given. */
    quantity: integer('quantity'),
    /** The store the units came from: only for a dose given. */
    storeId: uuid('store_id').references(() => stores.id),
    dose: text('dose').notNull(),
    route: text('route').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    note: text('note'),
    reason: text('reason'),
    prescriptionLineId: uuid('prescription_line_id').references(() => prescriptionLines.id),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('medication_administrations_key_uq').on(t.hospitalId, t.idempotencyKey),
    index('medication_administrations_admission_idx').on(t.admissionId, t.givenAt),
    check(
      'medication_administrations_outcome_ck',
      sql`${t.outcome} in ('given','refused','held','unavailable')`,
    ),
    check(
      'medication_administrations_route_ck',
      sql`${t.route} in ('oral','iv','im','sc','topical','inhaled','other')`,
    ),
    // A dose given took units from a store; a dose not given moved nothing and says why.
    check(
      'medication_administrations_given_ck',
      sql`(${t.outcome} = 'given') = (${t.quantity} is not null and ${t.storeId} is not null)
          and (${t.outcome} = 'given') = (${t.reason} is null)
          and (${t.quantity} is null or ${t.quantity} > 0)`,
    ),
    check('medication_administrations_dose_ck', sql`length(${t.dose}) between 1 and 200`),
  ],
);
