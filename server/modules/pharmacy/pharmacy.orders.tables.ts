import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { documents } from '../documents/documents.tables';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';
import { patients } from '../patients/patients.tables';
import { medicines, stockBatches, stores } from './pharmacy.tables';

/** Online medicine orders. Checkout reserves stock on batches; dispensing turns it into ledger rows. */
export const pharmacyOrders = pgTable(
  'pharmacy_orders',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    /** Per hospital and gap-free, e.g. ORD-000042. */
    number: text('number').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    status: text('status').notNull(),
    fulfilment: text('fulfilment').notNull(),
    deliveryAddress: text('delivery_address'),
    prescriptionDocumentId: uuid('prescription_document_id').references(() => documents.id),
    needsPrescription: boolean('needs_prescription').notNull(),
    rejectionReason: text('rejection_reason'),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    currency: text('currency').notNull(),
    netMinor: money('net_minor').notNull(),
    taxMinor: money('tax_minor').notNull(),
    totalMinor: money('total_minor').notNull(),
    reservedUntil: timestamp('reserved_until', { withTimezone: true }),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('pharmacy_orders_number_uq').on(t.hospitalId, t.number),
    unique('pharmacy_orders_key_uq').on(t.patientId, t.idempotencyKey),
    index('pharmacy_orders_queue_idx').on(t.hospitalId, t.status, t.placedAt),
    index('pharmacy_orders_patient_idx').on(t.patientId, t.placedAt),
    index('pharmacy_orders_reservation_idx')
      .on(t.reservedUntil)
      .where(sql`status in ('awaiting_verification', 'approved')`),
    check(
      'pharmacy_orders_status_ck',
      sql`${t.status} in ('awaiting_verification','approved','ready','completed','rejected','cancelled','expired')`,
    ),
    check('pharmacy_orders_fulfilment_ck', sql`${t.fulfilment} in ('pickup', 'delivery')`),
  ],
);

export const pharmacyOrderLines = pgTable(
  'pharmacy_order_lines',
  {
    id: idColumn(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => pharmacyOrders.id),
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
    index('pharmacy_order_lines_order_idx').on(t.orderId),
    check('pharmacy_order_lines_qty_ck', sql`${t.quantity} > 0`),
  ],
);

/** Stock promised to an order line, held on a batch (its `reserved`) until dispensed or released. */
export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: idColumn(),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => pharmacyOrderLines.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => stockBatches.id),
    quantity: integer('quantity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_reservations_line_idx').on(t.orderLineId),
    index('stock_reservations_batch_idx').on(t.batchId),
    check('stock_reservations_qty_ck', sql`${t.quantity} > 0`),
  ],
);

/** The order's story as the patient and the pharmacist see it. */
export const pharmacyOrderEvents = pgTable(
  'pharmacy_order_events',
  {
    id: idColumn(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => pharmacyOrders.id),
    status: text('status').notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pharmacy_order_events_order_idx').on(t.orderId, t.at)],
);

/** A nurse's request for a ward store, issued from the pharmacy (FEFO) and received on the ward. */
export const wardRequests = pgTable(
  'ward_requests',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    number: text('number').notNull(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    status: text('status').notNull().default('requested'),
    note: text('note'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    receivedBy: uuid('received_by').references(() => users.id),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (t) => [
    unique('ward_requests_number_uq').on(t.hospitalId, t.number),
    index('ward_requests_hospital_idx').on(t.hospitalId, t.status, t.requestedAt),
    check(
      'ward_requests_status_ck',
      sql`${t.status} in ('requested','issued','partly_issued','received','cancelled')`,
    ),
  ],
);

export const wardRequestLines = pgTable(
  'ward_request_lines',
  {
    id: idColumn(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => wardRequests.id),
    medicineId: uuid('medicine_id')
      .notNull()
      .references(() => medicines.id),
    quantityRequested: integer('quantity_requested').notNull(),
    quantityIssued: integer('quantity_issued').notNull().default(0),
    quantityReceived: integer('quantity_received').notNull().default(0),
    position: integer('position').notNull(),
  },
  (t) => [
    index('ward_request_lines_request_idx').on(t.requestId),
    check(
      'ward_request_lines_qty_ck',
      sql`${t.quantityRequested} > 0 and ${t.quantityIssued} between 0 and ${t.quantityRequested}
          and ${t.quantityReceived} between 0 and ${t.quantityIssued}`,
    ),
  ],
);

/** A count of one store: counted quantities per batch, posted as adjustments in one transaction. */
export const stockTakes = pgTable(
  'stock_takes',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    status: text('status').notNull().default('counting'),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    postedBy: uuid('posted_by').references(() => users.id),
    postedAt: timestamp('posted_at', { withTimezone: true }),
  },
  (t) => [
    index('stock_takes_store_idx').on(t.storeId, t.startedAt),
    // One count at a time per store.
    uniqueIndex('stock_takes_counting_uq')
      .on(t.storeId)
      .where(sql`status = 'counting'`),
    check('stock_takes_status_ck', sql`${t.status} in ('counting', 'posted', 'cancelled')`),
  ],
);

export const stockTakeLines = pgTable(
  'stock_take_lines',
  {
    id: idColumn(),
    stockTakeId: uuid('stock_take_id')
      .notNull()
      .references(() => stockTakes.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => stockBatches.id),
    counted: integer('counted'),
    /** On hand when the difference was posted. */
    expectedAtPost: integer('expected_at_post'),
  },
  (t) => [
    unique('stock_take_lines_batch_uq').on(t.stockTakeId, t.batchId),
    check('stock_take_lines_counted_ck', sql`${t.counted} is null or ${t.counted} >= 0`),
  ],
);
