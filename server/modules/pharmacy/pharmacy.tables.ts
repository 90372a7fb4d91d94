import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, money, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitalId } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';

/** A hospital's medicine catalog. Stock is counted in the dispensing unit. Never deleted once used. */
export const medicines = pgTable(
  'medicines',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    genericName: text('generic_name').notNull(),
    brandName: text('brand_name'),
    form: text('form').notNull(),
    strength: text('strength').notNull(),
    dispensingUnit: text('dispensing_unit').notNull(),
    packSize: integer('pack_size').notNull().default(1),
    manufacturer: text('manufacturer'),
    prescriptionOnly: boolean('prescription_only').notNull().default(false),
    controlled: boolean('controlled').notNull().default(false),
    reorderLevel: integer('reorder_level').notNull().default(0),
    salePriceMinor: money('sale_price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    barcode: text('barcode'),
    active: boolean('active').notNull().default(true),
    /** Lower-cased generic name, brand and strength, kept by the database, for typo-tolerant search. */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`lower(generic_name || ' ' || coalesce(brand_name, '') || ' ' || strength || ' ' || form)`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('medicines_hospital_barcode_uq')
      .on(t.hospitalId, t.barcode)
      .where(sql`barcode is not null`),
    uniqueIndex('medicines_hospital_identity_uq').on(
      t.hospitalId,
      sql`lower(generic_name)`,
      sql`lower(coalesce(brand_name, ''))`,
      sql`lower(strength)`,
      t.form,
    ),
    index('medicines_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('medicines_pack_size_ck', sql`${t.packSize} >= 1`),
    check('medicines_price_ck', sql`${t.salePriceMinor} >= 0`),
    check('medicines_tax_ck', sql`${t.taxRateBp} between 0 and 10000`),
    check('medicines_reorder_ck', sql`${t.reorderLevel} >= 0`),
  ],
);

/** Where stock is held: each hospital's main store and pharmacy, and ward stores. */
export const stores = pgTable(
  'stores',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    unique('stores_hospital_name_uq').on(t.hospitalId, t.name),
    // One main store and one pharmacy per hospital; wards may have many.
    uniqueIndex('stores_hospital_kind_uq')
      .on(t.hospitalId, t.kind)
      .where(sql`kind in ('main', 'pharmacy')`),
    check('stores_kind_ck', sql`${t.kind} in ('main', 'pharmacy', 'ward')`),
  ],
);

/**
 * Stock of one medicine in one store from one batch. `on_hand` moves only with a ledger row in the
 * same transaction, and can never go below zero; `reserved` (promised to online orders) never
 * exceeds it.
 */
export const stockBatches = pgTable(
  'stock_batches',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    batchNumber: text('batch_number').notNull(),
    expiryDate: date('expiry_date').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    unitCostMinor: money('unit_cost_minor').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('stock_batches_identity_uq').on(t.storeId, t.medicineId, t.batchNumber, t.expiryDate),
    index('stock_batches_pick_idx').on(t.storeId, t.medicineId, t.expiryDate),
    index('stock_batches_medicine_idx').on(t.medicineId),
    index('stock_batches_hospital_expiry_idx').on(t.hospitalId, t.expiryDate),
    check('stock_batches_on_hand_ck', sql`${t.onHand} >= 0`),
    check('stock_batches_reserved_ck', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    check('stock_batches_cost_ck', sql`${t.unitCostMinor} >= 0`),
  ],
);

/** Every change of stock, one row per batch moved: the single truth the batches' on-hand follows. */
export const stockLedger = pgTable(
  'stock_ledger',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => stockBatches.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    kind: text('kind').notNull(),
    quantity: integer('quantity').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    unitCostMinor: money('unit_cost_minor').notNull(),
    reason: text('reason'),
    referenceType: text('reference_type'),
    referenceId: uuid('reference_id'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_ledger_batch_idx').on(t.batchId, t.occurredAt),
    index('stock_ledger_medicine_idx').on(t.hospitalId, t.medicineId, t.occurredAt),
    index('stock_ledger_hospital_time_idx').on(t.hospitalId, t.occurredAt),
    index('stock_ledger_reference_idx').on(t.referenceType, t.referenceId),
    check('stock_ledger_quantity_ck', sql`${t.quantity} <> 0`),
    check(
      'stock_ledger_kind_ck',
      sql`${t.kind} in ('receipt','dispense','sale','return','adjustment','transfer_out','transfer_in','write_off','supplier_return')`,
    ),
    check(
      'stock_ledger_sign_ck',
      sql`(${t.kind} in ('receipt','return','transfer_in') and ${t.quantity} > 0)
          or (${t.kind} in ('dispense','sale','transfer_out','write_off','supplier_return') and ${t.quantity} < 0)
          or ${t.kind} = 'adjustment'`,
    ),
  ],
);

/** A prescription as the pharmacy dispenses it: entered from paper, or (later) from a consultation. */
export const prescriptions = pgTable(
  'prescriptions',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    source: text('source').notNull(),
    prescriberName: text('prescriber_name').notNull(),
    prescriberUserId: uuid('prescriber_user_id').references(() => users.id),
    writtenOn: date('written_on').notNull(),
    notes: text('notes'),
    status: text('status').notNull().default('open'),
    enteredBy: uuid('entered_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('prescriptions_hospital_idx').on(t.hospitalId, t.status, t.createdAt),
    index('prescriptions_patient_idx').on(t.patientId, t.createdAt),
    check('prescriptions_source_ck', sql`${t.source} in ('paper', 'consultation')`),
    check(
      'prescriptions_status_ck',
      sql`${t.status} in ('open', 'partly_dispensed', 'dispensed', 'cancelled')`,
    ),
  ],
);

export const prescriptionLines = pgTable(
  'prescription_lines',
  {
    id: idColumn(),
    prescriptionId: uuid('prescription_id')
      .notNull()
      .references(() => prescriptions.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    directions: text('directions'),
    quantityPrescribed: integer('quantity_prescribed').notNull(),
    quantityDispensed: integer('quantity_dispensed').notNull().default(0),
    position: integer('position').notNull(),
  },
  (t) => [
    index('prescription_lines_prescription_idx').on(t.prescriptionId),
    check('prescription_lines_quantity_ck', sql`${t.quantityPrescribed} > 0`),
    // Never more dispensed than prescribed, whatever races.
    check(
      'prescription_lines_dispensed_ck',
      sql`${t.quantityDispensed} >= 0 and ${t.quantityDispensed} <= ${t.quantityPrescribed}`,
    ),
  ],
);

/** One act of dispensing (a retry with the same key returns it instead of dispensing again). */
export const dispensings = pgTable(
  'dispensings',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    prescriptionId: uuid('prescription_id')
      .notNull()
      .references(() => prescriptions.id),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    dispensedBy: uuid('dispensed_by').references(() => users.id),
    dispensedAt: timestamp('dispensed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('dispensings_key_uq').on(t.hospitalId, t.idempotencyKey)],
);

/** Counter sales: priced at the catalog's price of the moment, totals in minor units. */
export const pharmacySales = pgTable(
  'pharmacy_sales',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    patientId: uuid('patient_id').references(() => patients.id),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    currency: text('currency').notNull(),
    netMinor: money('net_minor').notNull(),
    taxMinor: money('tax_minor').notNull(),
    totalMinor: money('total_minor').notNull(),
    soldBy: uuid('sold_by').references(() => users.id),
    soldAt: timestamp('sold_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('pharmacy_sales_key_uq').on(t.hospitalId, t.idempotencyKey),
    index('pharmacy_sales_hospital_time_idx').on(t.hospitalId, t.soldAt),
    // A patient's purchases: their export, a merge (ADR 33).
    index('pharmacy_sales_patient_idx').on(t.patientId, t.soldAt),
  ],
);

export const pharmacySaleLines = pgTable(
  'pharmacy_sale_lines',
  {
    id: idColumn(),
    saleId: uuid('sale_id')
      .notNull()
      .references(() => pharmacySales.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    netMinor: money('net_minor').notNull(),
    taxMinor: money('tax_minor').notNull(),
    totalMinor: money('total_minor').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    index('pharmacy_sale_lines_sale_idx').on(t.saleId),
    check('pharmacy_sale_lines_qty_ck', sql`${t.quantity} > 0`),
  ],
);
