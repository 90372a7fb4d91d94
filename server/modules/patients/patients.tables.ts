import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  json,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';

/** The person: one record however many hospitals they visit. */
export const patients = pgTable(
  'patients',
  {
    id: idColumn(),
    userId: uuid('user_id').references(() => users.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull().default(''),
    /** Lower-cased "given family", kept by the database, for typo-tolerant search. */
    searchName: text('search_name')
      .notNull()
      .generatedAlwaysAs(sql`lower(given_name || ' ' || family_name)`),
    dateOfBirth: date('date_of_birth'),
    sex: text('sex').notNull().default('unknown'),
    phone: text('phone'),
    email: text('email'),
    addressLine: text('address_line').notNull().default(''),
    city: text('city').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    country: text('country').notNull().default(''),
    bloodGroup: text('blood_group'),
    emergencyContactName: text('emergency_contact_name'),
    emergencyContactPhone: text('emergency_contact_phone'),
    emergencyContactRelation: text('emergency_contact_relation'),
    insuranceProvider: text('insurance_provider'),
    insurancePolicyNumber: text('insurance_policy_number'),
    /**
     * A temporary record, made for someone admitted as an emergency before their details were known;
     * the front desk completes it later and clears the flag.
     */
    temporary: boolean('temporary').notNull().default(false),
    /**
     * Set when this (temporary) record was merged into the person's own: its rows moved there and
     * its registrations ended, so no one finds it any more; it stays for the audit log's sake.
     */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => patients.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
    mergedBy: uuid('merged_by').references(() => users.id),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('patients_user_uq').on(t.userId),
    index('patients_search_name_trgm').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('patients_phone_idx').on(t.phone),
    // Phone search by the trailing digits a caller types ("98123 45678"), without the country code.
    index('patients_phone_trgm').using('gin', sql`${t.phone} gin_trgm_ops`),
    // Finding a known person by e-mail when another hospital registers them.
    index('patients_email_lower_idx').on(sql`lower(${t.email})`),
    // Name search by words: a patient has every typed word, or a near spelling of it (ADR 17).
    // Without the pending list (fastupdate): registrations are few, searches many, and a search would
    // otherwise read every entry added since the last vacuum (25 ms at a million patients).
    index('patients_name_words_gin')
      .using('gin', sql`string_to_array(${t.searchName}, ' ')`)
      .with({ fastupdate: false }),
    check('patients_sex_ck', sql`${t.sex} in ('female','male','other','unknown')`),
    check(
      'patients_merged_ck',
      sql`(${t.mergedIntoId} is null) = (${t.mergedAt} is null) and ${t.mergedIntoId} is distinct from ${t.id}
          and (${t.mergedIntoId} is null or ${t.temporary})`,
    ),
  ],
);

/**
 * The record as `GET /api/patients/:id` returns it, one JSON value per patient, kept by triggers in
 * the same transaction as every change it depends on (migration 0029, ADR 21). The app only reads it.
 */
export const patientRecords = pgTable('patient_records', {
  patientId: uuid('patient_id')
    .primaryKey()
    .references(() => patients.id, { onDelete: 'cascade' }),
  doc: json('doc').notNull(),
});

/**
 * Every word of every patient's name (kept by a trigger on patients, migration 0025): a short list
 * in which a misspelt word is corrected before the patients are searched (ADR 17).
 */
export const patientNameWords = pgTable('patient_name_words', { word: text('word').primaryKey() }, (t) => [
  index('patient_name_words_trgm').using('gin', sql`${t.word} gin_trgm_ops`),
]);

/** A hospital's registration of a patient, with that hospital's medical record number. */
export const patientRegistrations = pgTable(
  'patient_registrations',
  {
    id: idColumn(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    mrn: text('mrn').notNull(),
    registeredBy: uuid('registered_by'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('patient_registrations_hospital_mrn_uq').on(t.hospitalId, t.mrn),
    unique('patient_registrations_hospital_patient_uq').on(t.hospitalId, t.patientId),
    index('patient_registrations_patient_idx').on(t.patientId),
    // A hospital's patient list, newest first.
    index('patient_registrations_hospital_time_idx').on(t.hospitalId, t.registeredAt),
  ],
);

export const patientAllergies = pgTable(
  'patient_allergies',
  {
    id: idColumn(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    substance: text('substance').notNull(),
    reaction: text('reaction').notNull().default(''),
    severity: text('severity').notNull().default('unknown'),
    status: text('status').notNull().default('active'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('patient_allergies_patient_idx').on(t.patientId),
    check('patient_allergies_severity_ck', sql`${t.severity} in ('mild','moderate','severe','unknown')`),
    check('patient_allergies_status_ck', sql`${t.status} in ('active','inactive','entered_in_error')`),
  ],
);

export const patientConditions = pgTable(
  'patient_conditions',
  {
    id: idColumn(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    name: text('name').notNull(),
    icd10Code: text('icd10_code'),
    onsetDate: date('onset_date'),
    status: text('status').notNull().default('active'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('patient_conditions_patient_idx').on(t.patientId),
    check('patient_conditions_status_ck', sql`${t.status} in ('active','resolved','entered_in_error')`),
  ],
);
