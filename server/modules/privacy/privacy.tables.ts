import { sql } from 'drizzle-orm';
import { check, index, json, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';

/**
 * A patient's consent decisions, one row per decision, never changed: the newest row of a purpose
 * is the standing decision, the older ones its history.
 */
export const patientConsents = pgTable(
  'patient_consents',
  {
    id: idColumn(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    purpose: text('purpose').notNull(),
    decision: text('decision').notNull(),
    method: text('method').notNull(),
    note: text('note').notNull().default(''),
    /** Where staff recorded it; null when the patient did, in the portal. */
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('patient_consents_patient_idx').on(t.patientId, t.purpose, t.recordedAt),
    check(
      'patient_consents_purpose_ck',
      sql`${t.purpose} in ('treatment','record_sharing','research','contact')`,
    ),
    check('patient_consents_decision_ck', sql`${t.decision} in ('granted','withdrawn')`),
    check('patient_consents_method_ck', sql`${t.method} in ('portal','written','verbal')`),
    // A patient decides in the portal; staff record what they were given at their hospital.
    check('patient_consents_where_ck', sql`(${t.method} = 'portal') = (${t.hospitalId} is null)`),
  ],
);

/** A patient's request to erase their data, and the hospital's decision on it. */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: idColumn(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    status: text('status').notNull().default('pending'),
    reason: text('reason').notNull().default(''),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** The hospital the reviewer acted for. */
    decidedAtHospitalId: uuid('decided_at_hospital_id').references(() => hospitals.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note').notNull().default(''),
    /** What completing it changed, by kind: { "patient": 1, "sessions": 2, … }. */
    erased: json('erased'),
  },
  (t) => [
    // One open request per patient: asking twice changes nothing.
    uniqueIndex('erasure_requests_pending_uq')
      .on(t.patientId)
      .where(sql`${t.status} = 'pending'`),
    index('erasure_requests_patient_idx').on(t.patientId, t.requestedAt),
    index('erasure_requests_status_idx').on(t.status, t.requestedAt),
    check('erasure_requests_status_ck', sql`${t.status} in ('pending','completed','refused','cancelled')`),
    check(
      'erasure_requests_decided_ck',
      sql`(${t.status} = 'pending') = (${t.decidedAt} is null) and (${t.status} = 'completed') = (${t.erased} is not null)`,
    ),
  ],
);
