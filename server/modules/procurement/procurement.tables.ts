import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
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
import { hospitalId } from '../organisation/organisation.tables';
import { medicines, stockBatches, stockLedger, stores } from '../pharmacy/pharmacy.tables';

/**
 * How a hospital buys: orders above `approvalThresholdMinor` wait for a hospital admin's approval
 * (below it, the procurement officer's submission approves them); deliveries may exceed a line by
 * up to `overDeliveryPercent` of what was ordered.
 */
export const procurementSettings = pgTable(
  'procurement_settings',
  {
    hospitalId: hospitalId().primaryKey(),
    approvalThresholdMinor: money('approval_threshold_minor').notNull(),
    overDeliveryPercent: integer('over_delivery_percent').notNull().default(10),
    safetyStockDays: integer('safety_stock_days').notNull().default(7),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('procurement_settings_threshold_ck', sql`${t.approvalThresholdMinor} >= 0`),
    check('procurement_settings_over_ck', sql`${t.overDeliveryPercent} between 0 and 100`),
    check('procurement_settings_safety_ck', sql`${t.safetyStockDays} between 0 and 365`),
  ],
);

/** A supplier of a hospital. Deactivated, never deleted, once an order names it. */
export const suppliers = pgTable(
  'suppliers',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    name: text('name').notNull(),
    contactName: text('contact_name'),
    email: text('email'),
    phone: text('phone'),
    addressLine: text('address_line'),
    taxId: text('tax_id'),
    paymentTerms: text('payment_terms'),
    leadTimeDays: integer('lead_time_days').notNull().default(7),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('suppliers_hospital_name_uq').on(t.hospitalId, sql`lower(${t.name})`),
    check('suppliers_lead_time_ck', sql`${t.leadTimeDays} between 0 and 365`),
  ],
);

/** What a supplier supplies, at its last price per pack; at most one preferred supplier per medicine. */
export const supplierItems = pgTable(
  'supplier_items',
  {
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    lastPriceMinor: money('last_price_minor'),
    preferred: boolean('preferred').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'supplier_items_pk', columns: [t.supplierId, t.medicineId] }),
    uniqueIndex('supplier_items_preferred_uq')
      .on(t.medicineId)
      .where(sql`preferred`),
    check('supplier_items_price_ck', sql`${t.lastPriceMinor} is null or ${t.lastPriceMinor} >= 0`),
  ],
);

/**
 * A purchase order. Its number (PO-<year>-<n>) is gap-free per hospital; an approved order is never
 * edited: it is cancelled, or amended by a new revision that supersedes it.
 */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    number: text('number').notNull(),
    revision: integer('revision').notNull().default(1),
    supersedesId: uuid('supersedes_id'),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** Where the goods are received. */
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    status: text('status').notNull().default('draft'),
    totalMinor: money('total_minor').notNull().default(0),
    expectedOn: date('expected_on'),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('purchase_orders_number_uq').on(t.hospitalId, t.number, t.revision),
    index('purchase_orders_hospital_status_idx').on(t.hospitalId, t.status, t.createdAt),
    index('purchase_orders_supplier_idx').on(t.supplierId, t.createdAt),
    check(
      'purchase_orders_status_ck',
      sql`${t.status} in ('draft','submitted','approved','partly_received','received','cancelled')`,
    ),
    check('purchase_orders_total_ck', sql`${t.totalMinor} >= 0`),
    check('purchase_orders_revision_ck', sql`${t.revision} >= 1`),
  ],
);

/**
 * A line of an order, in packs. `maxPacks` (what was ordered plus the allowed over-delivery, fixed
 * when the line is written) bounds what receipts may add up to: a check the database holds when two
 * receipts of the same delivery race.
 */
export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: idColumn(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => purchaseOrders.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    packsOrdered: integer('packs_ordered').notNull(),
    maxPacks: integer('max_packs').notNull(),
    /** Dispensing units per pack when ordered. */
    packSize: integer('pack_size').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    packsReceived: integer('packs_received').notNull().default(0),
    packsDamaged: integer('packs_damaged').notNull().default(0),
    position: integer('position').notNull(),
  },
  (t) => [
    unique('purchase_order_lines_position_uq').on(t.orderId, t.position),
    check('purchase_order_lines_packs_ck', sql`${t.packsOrdered} > 0 and ${t.maxPacks} >= ${t.packsOrdered}`),
    check('purchase_order_lines_pack_size_ck', sql`${t.packSize} >= 1`),
    check('purchase_order_lines_price_ck', sql`${t.unitPriceMinor} >= 0`),
    check(
      'purchase_order_lines_received_ck',
      sql`${t.packsReceived} >= 0 and ${t.packsDamaged} >= 0 and ${t.packsReceived} + ${t.packsDamaged} <= ${t.maxPacks}`,
    ),
  ],
);

/** A delivery received against an approved order; its lines post stock batches and ledger rows. */
export const goodsReceipts = pgTable(
  'goods_receipts',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => purchaseOrders.id),
    receivedBy: uuid('received_by')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    deliveryNote: text('delivery_note'),
    notes: text('notes'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('goods_receipts_key_uq').on(t.receivedBy, t.idempotencyKey),
    index('goods_receipts_order_idx').on(t.orderId, t.receivedAt),
  ],
);

export const goodsReceiptLines = pgTable(
  'goods_receipt_lines',
  {
    id: idColumn(),
    receiptId: uuid('receipt_id')
      .notNull()
      .references(() => goodsReceipts.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => purchaseOrderLines.id),
    batchNumber: text('batch_number').notNull(),
    expiryDate: date('expiry_date').notNull(),
    packsAccepted: integer('packs_accepted').notNull(),
    packsDamaged: integer('packs_damaged').notNull().default(0),
    /** Dispensing units put into stock: packs accepted × the order line's pack size. */
    units: integer('units').notNull(),
    batchId: uuid('batch_id').references(() => stockBatches.id),
    ledgerId: uuid('ledger_id').references(() => stockLedger.id),
  },
  (t) => [
    index('goods_receipt_lines_receipt_idx').on(t.receiptId),
    index('goods_receipt_lines_order_line_idx').on(t.orderLineId),
    check(
      'goods_receipt_lines_packs_ck',
      sql`${t.packsAccepted} >= 0 and ${t.packsDamaged} >= 0 and ${t.packsAccepted} + ${t.packsDamaged} > 0`,
    ),
    check('goods_receipt_lines_units_ck', sql`${t.units} >= 0`),
  ],
);

/** Stock sent back to a supplier (damaged or expired); each line posts a supplier_return ledger row. */
export const supplierReturns = pgTable(
  'supplier_returns',
  {
    id: idColumn(),
    hospitalId: hospitalId(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    orderId: uuid('order_id').references(() => purchaseOrders.id),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('supplier_returns_key_uq').on(t.createdBy, t.idempotencyKey),
    index('supplier_returns_supplier_idx').on(t.supplierId, t.createdAt),
  ],
);

export const supplierReturnLines = pgTable(
  'supplier_return_lines',
  {
    id: idColumn(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => supplierReturns.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => stockBatches.id),
    units: integer('units').notNull(),
    ledgerId: uuid('ledger_id')
      .notNull()
      .references(() => stockLedger.id),
  },
  (t) => [
    index('supplier_return_lines_return_idx').on(t.returnId),
    check('supplier_return_lines_units_ck', sql`${t.units} > 0`),
  ],
);
