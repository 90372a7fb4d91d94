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
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { SampleType } from '../../../contracts/lab';
import { createdAt, idColumn, updatedAt } from '../../db/columns';
import { billingServices } from '../billing/billing.tables';
import { hospitalId } from '../organisation/organisation.tables';

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
