import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DraftLine } from '../../../contracts/clinical';
import { createdAt, idColumn, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { doctorProfiles, hospitals } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';
import { prescriptions } from '../pharmacy/pharmacy.tables';
import { appointments } from '../scheduling/scheduling.tables';

const decimal = (name: string, precision: number, scale: number) =>
  numeric(name, { precision, scale, mode: 'number' });

/** ICD-10 codes, shared by every hospital: a seed of common ones, the full set imported by admins. */
export const icd10Codes = pgTable(
  'icd10_codes',
  {
    code: text('code').primaryKey(),
    title: text('title').notNull(),
    chapter: text('chapter'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('icd10_codes_code_ck', sql`${t.code} ~ '^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$'`),
    index('icd10_codes_search_idx').using('gin', sql`lower(${t.code} || ' ' || ${t.title}) gin_trgm_ops`),
  ],
);

/**
 * A doctor's consultation with a patient: from a checked-in appointment (one per appointment) or a
 * walk-in. Closed, it never changes again; later words go into addenda.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    doctorProfileId: uuid('doctor_profile_id')
      .notNull()
      .references(() => doctorProfiles.id),
    doctorUserId: uuid('doctor_user_id')
      .notNull()
      .references(() => users.id),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    status: text('status').notNull().default('open'),
    chiefComplaint: text('chief_complaint').notNull().default(''),
    notes: text('notes').notNull().default(''),
    followUp: text('follow_up').notNull().default(''),
    /** Lab tests requested, as free text until the lab module orders them. */
    labRequests: text('lab_requests').notNull().default(''),
    prescriptionId: uuid('prescription_id').references(() => prescriptions.id),
    /**
     * The prescription as the doctor is writing it, lines possibly unfinished, saved as they go so
     * a closed tab or another computer loses nothing; closing turns it into the pharmacy's
     * prescription and empties it.
     */
    prescriptionDraft: jsonb('prescription_draft').$type<DraftLine[]>().notNull().default([]),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('consultations_appointment_uq').on(t.appointmentId),
    index('consultations_patient_idx').on(t.patientId, t.openedAt),
    index('consultations_doctor_idx').on(t.doctorProfileId, t.openedAt),
    index('consultations_hospital_idx').on(t.hospitalId, t.openedAt),
    check('consultations_status_ck', sql`${t.status} in ('open','closed')`),
    check('consultations_closed_ck', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** Vital signs taken at one moment: in a consultation now, on a ward stay later. */
export const vitalSigns = pgTable(
  'vital_signs',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    consultationId: uuid('consultation_id').references(() => consultations.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    systolic: smallint('systolic'),
    diastolic: smallint('diastolic'),
    pulse: smallint('pulse'),
    temperatureC: decimal('temperature_c', 4, 1),
    spo2: smallint('spo2'),
    weightKg: decimal('weight_kg', 5, 2),
    heightCm: decimal('height_cm', 5, 1),
  },
  (t) => [
    index('vital_signs_patient_idx').on(t.patientId, t.recordedAt),
    unique('vital_signs_consultation_uq').on(t.consultationId),
    check('vital_signs_bp_ck', sql`(${t.systolic} is null) = (${t.diastolic} is null)`),
    check(
      'vital_signs_ranges_ck',
      sql`(${t.systolic} is null or (${t.systolic} between 40 and 300 and ${t.diastolic} between 20 and 200 and ${t.diastolic} < ${t.systolic}))
        and (${t.pulse} is null or ${t.pulse} between 20 and 300)
        and (${t.temperatureC} is null or ${t.temperatureC} between 25 and 45)
        and (${t.spo2} is null or ${t.spo2} between 50 and 100)
        and (${t.weightKg} is null or ${t.weightKg} between 0.3 and 500)
        and (${t.heightCm} is null or ${t.heightCm} between 20 and 260)`,
    ),
  ],
);

/** A diagnosis of a consultation: an ICD-10 code, or free words when no code fits. */
export const consultationDiagnoses = pgTable(
  'consultation_diagnoses',
  {
    id: idColumn(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    code: text('code').references(() => icd10Codes.code),
    description: text('description').notNull(),
    primary: boolean('is_primary').notNull().default(false),
    position: smallint('position').notNull(),
  },
  (t) => [
    unique('consultation_diagnoses_position_uq').on(t.consultationId, t.position),
    index('consultation_diagnoses_code_idx').on(t.code),
  ],
);

/** Words added to a closed consultation; the consultation itself never changes once closed. */
export const consultationAddenda = pgTable(
  'consultation_addenda',
  {
    id: idColumn(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    text: text('text').notNull(),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('consultation_addenda_consultation_idx').on(t.consultationId, t.createdAt)],
);
