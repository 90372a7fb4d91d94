// Billing (ADR 13): the price list, invoices and their lines, payments and advances, credit notes,
// cashiers' day closings. Money is integer minor units of the hospital's currency. Rules that must
// hold whatever the code does live here and in the migration's triggers: a final invoice and its
// lines never change, payments and credit notes are append-only and keep the invoice's paid and
// credited figures, nothing is paid or credited beyond what was invoiced, an advance never goes
// below zero.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, money, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { departments, doctorProfiles, hospitalId } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';

/** A service the hospital charges for (a dressing, an ECG), with its price and tax rate. */
export const billingServices = pgTable(
  'billing_services',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    priceMinor: money('price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('billing_services_code_uq').on(t.hospitalId, t.code),
    check('billing_services_price_ck', sql`${t.priceMinor} >= 0`),
    check('billing_services_tax_ck', sql`${t.taxRateBp} between 0 and 10000`),
  ],
);

/** A department's consultation fee, which replaces its doctors' own fees when set. */
export const billingDepartmentFees = pgTable(
  'billing_department_fees',
  {
    hospitalId: hospitalId(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    feeMinor: money('fee_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'billing_department_fees_pk', columns: [t.hospitalId, t.departmentId] }),
    check('billing_department_fees_fee_ck', sql`${t.feeMinor} >= 0`),
    check('billing_department_fees_tax_ck', sql`${t.taxRateBp} between 0 and 10000`),
  ],
);

/**
 * An invoice: a draft while its lines change, final once numbered (never changed again), cancelled
 * when credit notes have credited all of it, or discarded as a draft never issued.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    number: text('number'),
    status: text('status').notNull().default('draft'),
    source: text('source').notNull(),
    sourceId: uuid('source_id'),
    patientId: uuid('patient_id').references(() => patients.id),
    departmentId: uuid('department_id').references(() => departments.id),
    doctorProfileId: uuid('doctor_profile_id').references(() => doctorProfiles.id),
    currency: text('currency').notNull(),
    grossMinor: money('gross_minor').notNull().default(0),
    discountMinor: money('discount_minor').notNull().default(0),
    netMinor: money('net_minor').notNull().default(0),
    taxMinor: money('tax_minor').notNull().default(0),
    totalMinor: money('total_minor').notNull().default(0),
    /** Received against it, less refunds (kept by the payments and credit-note triggers). */
    paidMinor: money('paid_minor').notNull().default(0),
    /** Credited by credit notes (kept by the credit-note trigger). */
    creditedMinor: money('credited_minor').notNull().default(0),
    notes: text('notes'),
    /** The hospital's local date of finalisation: the invoice date. */
    issuedOn: date('issued_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
    finalisedBy: uuid('finalised_by').references(() => users.id),
    discardedAt: timestamp('discarded_at', { withTimezone: true }),
    discardReason: text('discard_reason'),
  },
  (t) => [
    unique('invoices_number_uq').on(t.hospitalId, t.number),
    uniqueIndex('invoices_source_uq')
      .on(t.hospitalId, t.source, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('invoices_hospital_created_idx').on(t.hospitalId, t.createdAt),
    index('invoices_hospital_issued_idx').on(t.hospitalId, t.issuedOn),
    index('invoices_patient_idx').on(t.patientId),
    check('invoices_status_ck', sql`${t.status} in ('draft', 'final', 'cancelled', 'discarded')`),
    check(
      'invoices_source_ck',
      sql`${t.source} in ('manual', 'consultation', 'pharmacy_sale', 'pharmacy_order', 'dispensing', 'admission', 'lab_order')`,
    ),
    check(
      'invoices_amounts_ck',
      sql`${t.discountMinor} >= 0 and ${t.netMinor} = ${t.grossMinor} - ${t.discountMinor}
          and ${t.netMinor} >= 0 and ${t.taxMinor} >= 0 and ${t.totalMinor} = ${t.netMinor} + ${t.taxMinor}`,
    ),
    check(
      'invoices_paid_ck',
      sql`${t.paidMinor} >= 0 and ${t.creditedMinor} >= 0 and ${t.paidMinor} + ${t.creditedMinor} <= ${t.totalMinor}`,
    ),
    check(
      'invoices_state_ck',
      sql`case ${t.status}
            when 'draft' then ${t.number} is null and ${t.paidMinor} = 0 and ${t.creditedMinor} = 0
            when 'discarded' then ${t.number} is null and ${t.paidMinor} = 0 and ${t.creditedMinor} = 0
            when 'final' then ${t.number} is not null and ${t.issuedOn} is not null
            else ${t.number} is not null and ${t.creditedMinor} = ${t.totalMinor} end`,
    ),
  ],
);

/** A line of an invoice, its amounts computed by the server (ADR 13's rounding rule). */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: idColumn(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    /** The service, medicine or consultation the line charges for, if any. */
    refId: uuid('ref_id'),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    discountKind: text('discount_kind'),
    /** Minor units (amount) or basis points (percent). */
    discountValue: bigint('discount_value', { mode: 'number' }),
    discountReason: text('discount_reason'),
    grossMinor: money('gross_minor').notNull(),
    discountMinor: money('discount_minor').notNull(),
    netMinor: money('net_minor').notNull(),
    taxMinor: money('tax_minor').notNull(),
    totalMinor: money('total_minor').notNull(),
  },
  (t) => [
    unique('invoice_lines_position_uq').on(t.invoiceId, t.position),
    check(
      'invoice_lines_kind_ck',
      sql`${t.kind} in ('consultation', 'service', 'medicine', 'bed_day', 'other')`,
    ),
    check('invoice_lines_qty_ck', sql`${t.quantity} > 0 and ${t.unitPriceMinor} >= 0`),
    check('invoice_lines_tax_ck', sql`${t.taxRateBp} between 0 and 10000`),
    check(
      'invoice_lines_discount_ck',
      sql`(${t.discountKind} is null and ${t.discountMinor} = 0)
          or (${t.discountKind} in ('amount', 'percent') and ${t.discountReason} is not null)`,
    ),
    check(
      'invoice_lines_amounts_ck',
      sql`${t.grossMinor} = ${t.quantity} * ${t.unitPriceMinor} and ${t.discountMinor} between 0 and ${t.grossMinor}
          and ${t.netMinor} = ${t.grossMinor} - ${t.discountMinor} and ${t.taxMinor} >= 0
          and ${t.totalMinor} = ${t.netMinor} + ${t.taxMinor}`,
    ),
  ],
);

/** What a patient has paid in advance at a hospital and not yet used or been refunded. */
export const billingAccounts = pgTable(
  'billing_accounts',
  {
    hospitalId: hospitalId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    advanceMinor: money('advance_minor').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'billing_accounts_pk', columns: [t.hospitalId, t.patientId] }),
    // A patient's accounts at every hospital: their export (ADR 33).
    index('billing_accounts_patient_idx').on(t.patientId),
    check('billing_accounts_advance_ck', sql`${t.advanceMinor} >= 0`),
  ],
);

/**
 * Money received or paid back, append-only: a payment against an invoice (`appliedMinor` of it
 * to the invoice, the rest, when recorded as an advance, to the patient's account), an advance
 * deposited, or an advance paid back. The method `advance` moves no money: it spends the account.
 */
export const billingPayments = pgTable(
  'billing_payments',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    patientId: uuid('patient_id').references(() => patients.id),
    method: text('method').notNull(),
    amountMinor: money('amount_minor').notNull(),
    appliedMinor: money('applied_minor').notNull().default(0),
    /** Into (+) or out of (-) the patient's advance. */
    advanceMinor: money('advance_minor').notNull().default(0),
    tenderedMinor: money('tendered_minor'),
    changeMinor: money('change_minor'),
    reference: text('reference'),
    note: text('note'),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    receivedBy: uuid('received_by')
      .notNull()
      .references(() => users.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('billing_payments_number_uq').on(t.hospitalId, t.number),
    unique('billing_payments_key_uq').on(t.hospitalId, t.idempotencyKey),
    index('billing_payments_invoice_idx').on(t.invoiceId),
    index('billing_payments_hospital_time_idx').on(t.hospitalId, t.receivedAt),
    // A patient's payments at every hospital: their export (ADR 33).
    index('billing_payments_patient_idx')
      .on(t.patientId)
      .where(sql`${t.patientId} is not null`),
    check('billing_payments_kind_ck', sql`${t.kind} in ('payment', 'deposit', 'advance_refund')`),
    check(
      'billing_payments_method_ck',
      sql`${t.method} in ('cash', 'card', 'upi', 'insurance', 'bank_transfer', 'advance')`,
    ),
    check(
      'billing_payments_shape_ck',
      sql`${t.amountMinor} > 0 and case ${t.kind}
            when 'payment' then ${t.invoiceId} is not null and ${t.appliedMinor} between 1 and ${t.amountMinor}
              and (${t.advanceMinor} = 0 or ${t.patientId} is not null)
              and case when ${t.method} = 'advance'
                       then ${t.amountMinor} = ${t.appliedMinor} and ${t.advanceMinor} = -${t.appliedMinor}
                       else ${t.advanceMinor} = ${t.amountMinor} - ${t.appliedMinor} end
            when 'deposit' then ${t.invoiceId} is null and ${t.patientId} is not null and ${t.method} <> 'advance'
              and ${t.appliedMinor} = 0 and ${t.advanceMinor} = ${t.amountMinor}
            else ${t.invoiceId} is null and ${t.patientId} is not null and ${t.method} <> 'advance'
              and ${t.appliedMinor} = 0 and ${t.advanceMinor} = -${t.amountMinor} end`,
    ),
    check(
      'billing_payments_cash_ck',
      sql`(${t.tenderedMinor} is null and ${t.changeMinor} is null) or (${t.method} = 'cash'
          and ${t.tenderedMinor} >= ${t.amountMinor} and ${t.changeMinor} = ${t.tenderedMinor} - ${t.amountMinor})`,
    ),
  ],
);

/**
 * A credit note against a final invoice: `amountMinor` (net and tax) credited, and `refundMinor`
 * of what had been paid given back by `refundMethod` (to the patient's advance for `advance`).
 */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    number: text('number').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amountMinor: money('amount_minor').notNull(),
    netMinor: money('net_minor').notNull(),
    taxMinor: money('tax_minor').notNull(),
    refundMinor: money('refund_minor').notNull().default(0),
    refundMethod: text('refund_method'),
    reason: text('reason').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('credit_notes_number_uq').on(t.hospitalId, t.number),
    unique('credit_notes_key_uq').on(t.hospitalId, t.idempotencyKey),
    index('credit_notes_invoice_idx').on(t.invoiceId),
    index('credit_notes_hospital_issued_idx').on(t.hospitalId, t.issuedOn),
    check(
      'credit_notes_amounts_ck',
      sql`${t.amountMinor} > 0 and ${t.netMinor} >= 0 and ${t.taxMinor} >= 0
          and ${t.amountMinor} = ${t.netMinor} + ${t.taxMinor} and ${t.refundMinor} between 0 and ${t.amountMinor}`,
    ),
    check(
      'credit_notes_refund_ck',
      sql`(${t.refundMinor} = 0 and ${t.refundMethod} is null) or (${t.refundMinor} > 0 and ${t.refundMethod}
          in ('cash', 'card', 'upi', 'insurance', 'bank_transfer', 'advance'))`,
    ),
  ],
);

/** A cashier's day, closed: what they recorded by method against the cash they counted. */
export const cashClosings = pgTable(
  'cash_closings',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    cashierId: uuid('cashier_id')
      .notNull()
      .references(() => users.id),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    /** Net received by method that day (payments and deposits less refunds), in minor units. */
    recordedByMethod: jsonb('recorded_by_method').$type<Record<string, number>>().notNull(),
    expectedCashMinor: money('expected_cash_minor').notNull(),
    countedCashMinor: money('counted_cash_minor').notNull(),
    differenceMinor: money('difference_minor').notNull(),
    notes: text('notes'),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cash_closings_cashier_day_uq').on(t.hospitalId, t.cashierId, t.businessDate),
    check('cash_closings_counted_ck', sql`${t.countedCashMinor} >= 0`),
    check(
      'cash_closings_difference_ck',
      sql`${t.differenceMinor} = ${t.countedCashMinor} - ${t.expectedCashMinor}`,
    ),
  ],
);
