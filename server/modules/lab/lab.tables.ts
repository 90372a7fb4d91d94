// The lab's test catalog (product §9): each test a hospital's lab runs, with the sample it needs,
// how long it takes, the price-list service it is billed as, and what it measures (its analytes),
// each with a unit and reference and critical limits. The catalog is per hospital.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SampleType } from '../../../contracts/lab';
import { createdAt, idColumn, money, updatedAt } from '../../db/columns';
import { billingServices, invoices } from '../billing/billing.tables';
import { consultations } from '../clinical/clinical.tables';
import { admissions } from '../wards/wards.tables';
import { users } from '../identity/identity.tables';
import { hospitalId } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';

/** A test the lab runs and the ward or doctor orders (a CBC, an HbA1c), billed as one service. */
export const labTests = pgTable(
  'lab_tests',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sampleType: text('sample_type').notNull(),
    /** Hours from the sample's collection to the verified report, as the lab promises it. */
    turnaroundHours: integer('turnaround_hours').notNull(),
    /** How to take the sample (fasting, a tube's colour), printed on the worklist. */
    instructions: text('instructions').notNull().default(''),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => billingServices.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('lab_tests_code_uq').on(t.hospitalId, t.code),
    index('lab_tests_hospital_idx').on(t.hospitalId, t.active),
    check(
      'lab_tests_sample_type_ck',
      sql.raw(`"sample_type" in (${SampleType.options.map((s) => `'${s}'`).join(', ')})`),
    ),
    check('lab_tests_turnaround_ck', sql`${t.turnaroundHours} between 1 and 2160`),
  ],
);

/**
 * One thing a test measures (haemoglobin in a CBC), in its place on the report. A numeric analyte
 * has a unit and, where known, a reference range (the female one apart where it differs) and
 * critical limits; a text one (a culture's growth) has neither.
 */
export const labTestAnalytes = pgTable(
  'lab_test_analytes',
  {
    id: idColumn(),
    testId: uuid('test_id')
      .notNull()
      .references(() => labTests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    unit: text('unit').notNull().default(''),
    decimals: integer('decimals').notNull().default(0),
    refLow: doublePrecision('ref_low'),
    refHigh: doublePrecision('ref_high'),
    refLowFemale: doublePrecision('ref_low_female'),
    refHighFemale: doublePrecision('ref_high_female'),
    criticalLow: doublePrecision('critical_low'),
    criticalHigh: doublePrecision('critical_high'),
  },
  (t) => [
    unique('lab_test_analytes_position_uq').on(t.testId, t.position),
    unique('lab_test_analytes_name_uq').on(t.testId, t.name),
    check('lab_test_analytes_kind_ck', sql`${t.kind} in ('numeric', 'text')`),
    check('lab_test_analytes_decimals_ck', sql`${t.decimals} between 0 and 4`),
    check(
      'lab_test_analytes_text_ck',
      sql`${t.kind} = 'numeric' or (${t.refLow} is null and ${t.refHigh} is null and ${t.refLowFemale} is null and ${t.refHighFemale} is null and ${t.criticalLow} is null and ${t.criticalHigh} is null)`,
    ),
    check(
      'lab_test_analytes_range_ck',
      sql`${t.refLow} is null or ${t.refHigh} is null or ${t.refLow} <= ${t.refHigh}`,
    ),
    check(
      'lab_test_analytes_female_range_ck',
      sql`${t.refLowFemale} is null or ${t.refHighFemale} is null or ${t.refLowFemale} <= ${t.refHighFemale}`,
    ),
    check(
      'lab_test_analytes_critical_ck',
      sql`${t.criticalLow} is null or ${t.criticalHigh} is null or ${t.criticalLow} < ${t.criticalHigh}`,
    ),
  ],
);

/**
 * Tests ordered for a patient at once: from a consultation by its doctor, or for a walk-in by the
 * front desk or the lab. Billed when ordered (one draft invoice); cancelled only before any sample.
 */
export const labOrders = pgTable(
  'lab_orders',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    /** LAB-000123, gap-free per hospital. */
    number: text('number').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    consultationId: uuid('consultation_id').references(() => consultations.id),
    /**
     * The stay the patient was in when the order was placed: its tests are charged on the stay's
     * bill (at the price each had when ordered) and the order makes no invoice of its own.
     */
    admissionId: uuid('admission_id').references(() => admissions.id),
    source: text('source').notNull(),
    priority: text('priority').notNull(),
    clinicalNote: text('clinical_note').notNull().default(''),
    status: text('status').notNull(),
    orderedBy: uuid('ordered_by')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('lab_orders_number_uq').on(t.hospitalId, t.number),
    unique('lab_orders_idempotency_uq').on(t.hospitalId, t.idempotencyKey),
    index('lab_orders_worklist_idx').on(t.hospitalId, t.status, t.createdAt),
    index('lab_orders_patient_idx').on(t.patientId),
    index('lab_orders_consultation_idx').on(t.consultationId),
    index('lab_orders_admission_idx')
      .on(t.admissionId)
      .where(sql`${t.admissionId} is not null`),
    check('lab_orders_billed_once_ck', sql`${t.admissionId} is null or ${t.invoiceId} is null`),
    check('lab_orders_source_ck', sql`${t.source} in ('consultation', 'walk_in')`),
    check(
      'lab_orders_source_consultation_ck',
      sql`(${t.source} = 'consultation') = (${t.consultationId} is not null)`,
    ),
    check('lab_orders_priority_ck', sql`${t.priority} in ('routine', 'urgent')`),
    check(
      'lab_orders_status_ck',
      sql`${t.status} in ('awaiting_sample', 'collected', 'reported', 'cancelled')`,
    ),
    check(
      'lab_orders_cancelled_ck',
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null and ${t.cancelledBy} is not null and ${t.cancelReason} is not null)`,
    ),
  ],
);

/**
 * One test of an order and its sample, with the test as it was when ordered (the catalog may change
 * later). The accession number is printed on the sample's label.
 */
export const labOrderItems = pgTable(
  'lab_order_items',
  {
    id: idColumn(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => labOrders.id, { onDelete: 'cascade' }),
    hospitalId: hospitalId(),
    position: integer('position').notNull(),
    testId: uuid('test_id')
      .notNull()
      .references(() => labTests.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sampleType: text('sample_type').notNull(),
    turnaroundHours: integer('turnaround_hours').notNull(),
    instructions: text('instructions').notNull().default(''),
    /**
     * The price-list service the test was billed as, and its price and tax, when ordered (what a
     * stay's bill charges for it, whatever the catalog says later).
     */
    serviceId: uuid('service_id').references(() => billingServices.id),
    unitPriceMinor: money('unit_price_minor'),
    taxRateBp: integer('tax_rate_bp'),
    accession: text('accession').notNull(),
    status: text('status').notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true }),
    collectedBy: uuid('collected_by').references(() => users.id),
    sampleNote: text('sample_note').notNull().default(''),
    /** Samples the lab rejected (haemolysed, clotted, too little): each new one has a new accession. */
    recollections: integer('recollections').notNull().default(0),
    /** Results entered (and entered again until verified) by a technician... */
    resultedAt: timestamp('resulted_at', { withTimezone: true }),
    resultedBy: uuid('resulted_by').references(() => users.id),
    resultComment: text('result_comment').notNull().default(''),
    /** ...and verified by another, after which they never change. */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => users.id),
    /**
     * The version of the results released: 1 when first verified, one more with each amendment
     * verified after it (the versions before stay, superseded).
     */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('lab_order_items_position_uq').on(t.orderId, t.position),
    unique('lab_order_items_accession_uq').on(t.hospitalId, t.accession),
    index('lab_order_items_order_idx').on(t.orderId),
    check(
      'lab_order_items_status_ck',
      sql`${t.status} in ('awaiting_sample', 'collected', 'resulted', 'verified', 'cancelled')`,
    ),
    check(
      'lab_order_items_collected_ck',
      sql`(${t.status} in ('collected', 'resulted', 'verified')) = (${t.collectedAt} is not null and ${t.collectedBy} is not null)`,
    ),
    check(
      'lab_order_items_resulted_ck',
      sql`(${t.status} in ('resulted', 'verified')) = (${t.resultedAt} is not null and ${t.resultedBy} is not null)`,
    ),
    check(
      'lab_order_items_verified_ck',
      sql`(${t.status} = 'verified') = (${t.verifiedAt} is not null and ${t.verifiedBy} is not null)`,
    ),
    // The four-eyes rule: who verifies is not who entered.
    check(
      'lab_order_items_second_person_ck',
      sql`${t.verifiedBy} is null or ${t.verifiedBy} <> ${t.resultedBy}`,
    ),
  ],
);

/**
 * One analyte's result on a test of an order, with what it was judged against when entered: the
 * analyte's name, unit and decimals, and the limits that apply to the patient (the female range
 * for a woman where the catalog has one), so that a report printed later shows what was verified
 * (ADR 29). A numeric result has a value and a flag; a text one has text.
 */
export const labResults = pgTable(
  'lab_results',
  {
    id: idColumn(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => labOrderItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    analyteId: uuid('analyte_id').references(() => labTestAnalytes.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    unit: text('unit').notNull().default(''),
    decimals: integer('decimals').notNull().default(0),
    refLow: doublePrecision('ref_low'),
    refHigh: doublePrecision('ref_high'),
    criticalLow: doublePrecision('critical_low'),
    criticalHigh: doublePrecision('critical_high'),
    valueNumber: doublePrecision('value_number'),
    valueText: text('value_text').notNull().default(''),
    flag: text('flag'),
    /** 1 for the results first entered; an amendment's results carry its version. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('lab_results_position_uq').on(t.itemId, t.version, t.position),
    check('lab_results_version_ck', sql`${t.version} >= 1`),
    check('lab_results_kind_ck', sql`${t.kind} in ('numeric', 'text')`),
    check('lab_results_value_ck', sql`(${t.kind} = 'numeric') = (${t.valueNumber} is not null)`),
    check(
      'lab_results_flag_ck',
      sql`${t.flag} is null or ${t.flag} in ('normal', 'low', 'high', 'critical_low', 'critical_high')`,
    ),
  ],
);

/**
 * A correction of a test's verified results: entered with a reason by one technician as a new
 * version of the results, released by another. Until released it is pending (the released results
 * stand and are what patients and doctors see; entering again replaces it; withdrawing deletes
 * it); once released it supersedes the version before, which is kept, and never changes.
 */
export const labResultAmendments = pgTable(
  'lab_result_amendments',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => labOrderItems.id),
    /** The version of the results it makes: the item's version + 1 when entered. */
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    resultComment: text('result_comment').notNull().default(''),
    status: text('status').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedBy: uuid('released_by').references(() => users.id),
  },
  (t) => [
    unique('lab_result_amendments_version_uq').on(t.itemId, t.version),
    uniqueIndex('lab_result_amendments_pending_uq')
      .on(t.itemId)
      .where(sql`${t.status} = 'pending'`),
    check('lab_result_amendments_status_ck', sql`${t.status} in ('pending', 'released')`),
    check('lab_result_amendments_version_ck', sql`${t.version} >= 2`),
    check(
      'lab_result_amendments_released_ck',
      sql`(${t.status} = 'released') = (${t.releasedAt} is not null and ${t.releasedBy} is not null)`,
    ),
    check(
      'lab_result_amendments_second_person_ck',
      sql`${t.releasedBy} is null or ${t.releasedBy} <> ${t.enteredBy}`,
    ),
  ],
);
