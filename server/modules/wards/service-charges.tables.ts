// Ward charges (ADR 14, "Bed-days and the bill"): a service from the hospital's price list given
// on a ward stay (a dressing, nebulisation, an ECG at the bedside), charged at the price and tax it
// had when it was given and billed with the stay. Never deleted: a charge made in error is voided
// with a reason (who and when kept) until the patient is discharged and the stay billed.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, money } from '../../db/columns';
import { billingServices } from '../billing/billing.tables';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';
import { admissions } from './wards.tables';

export const admissionServiceCharges = pgTable(
  'admission_service_charges',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    admissionId: uuid('admission_id')
      .notNull()
      .references(() => admissions.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => billingServices.id),
    /** The service's code and name, price and tax rate when it was given. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    quantity: integer('quantity').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    note: text('note'),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    chargedBy: uuid('charged_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: uuid('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    unique('admission_service_charges_key_uq').on(t.hospitalId, t.idempotencyKey),
    index('admission_service_charges_admission_idx').on(t.admissionId, t.givenAt),
    check('admission_service_charges_quantity_ck', sql`${t.quantity} between 1 and 1000`),
    check('admission_service_charges_price_ck', sql`${t.unitPriceMinor} >= 0`),
    check('admission_service_charges_tax_ck', sql`${t.taxRateBp} between 0 and 10000`),
    check(
      'admission_service_charges_void_ck',
      sql`(${t.voidedAt} is null) = (${t.voidedBy} is null) and (${t.voidedAt} is null) = (${t.voidReason} is null)`,
    ),
  ],
);
