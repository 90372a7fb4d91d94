// Procurement: suppliers and what they supply; purchase orders, goods receipts and returns follow.
// Money is in integer minor units of the hospital's currency; quantities on orders are in packs.
import { z } from 'zod';
import { Email, Instant, IsoDate, line, multiline, Paging, pageOf, Phone, Uuid } from './common';
import { IdempotencyKey } from './dispensing';
import { PurchaseOrderEvent, PurchaseOrderNote } from './procurement-timeline';

export * from './procurement-timeline';
export * from './supplier-returns';

export const MAX_LEAD_TIME_DAYS = 365;
const LeadTimeDays = z.number().int().min(0).max(MAX_LEAD_TIME_DAYS);
const MoneyMinor = z.number().int().min(0).max(1_000_000_000_000);

export const Supplier = z.object({
  id: Uuid,
  hospitalId: Uuid,
  name: z.string(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  addressLine: z.string().nullable(),
  taxId: z.string().nullable(),
  paymentTerms: z.string().nullable(),
  leadTimeDays: z.number().int(),
  active: z.boolean(),
  /** How many medicines the supplier is known to supply. */
  itemCount: z.number().int(),
  /** Whether an order names it (then it can only be deactivated). */
  used: z.boolean(),
  createdAt: Instant,
});
export type Supplier = z.infer<typeof Supplier>;
export const SupplierPage = pageOf(Supplier);

const supplierFields = {
  name: line(200),
  contactName: line(200).optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  addressLine: line(300).optional(),
  taxId: line(50).optional(),
  paymentTerms: line(200).optional(),
  leadTimeDays: LeadTimeDays.optional(),
};

export const CreateSupplier = z.strictObject(supplierFields);
export type CreateSupplier = z.infer<typeof CreateSupplier>;

/** A partial update; `null` clears an optional field; `active: false` takes the supplier out of use. */
export const UpdateSupplier = z
  .strictObject({
    name: line(200).optional(),
    contactName: line(200).nullable().optional(),
    email: Email.nullable().optional(),
    phone: Phone.nullable().optional(),
    addressLine: line(300).nullable().optional(),
    taxId: line(50).nullable().optional(),
    paymentTerms: line(200).nullable().optional(),
    leadTimeDays: LeadTimeDays.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateSupplier = z.infer<typeof UpdateSupplier>;

export const SupplierSearch = Paging.extend({
  /** Part of the name, contact, email or tax id. */
  q: multiline(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});
export type SupplierSearch = z.infer<typeof SupplierSearch>;

export const SupplierItem = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  packSize: z.number().int(),
  /** Per pack; null until the first order or quote. */
  lastPriceMinor: z.number().int().nullable(),
  preferred: z.boolean(),
  updatedAt: Instant,
});
export type SupplierItem = z.infer<typeof SupplierItem>;
export const SupplierItemList = z.object({ items: z.array(SupplierItem) });

/** Says the supplier supplies a medicine, at a price per pack, and whether it is the preferred one. */
export const SetSupplierItem = z.strictObject({
  lastPriceMinor: MoneyMinor.nullable().optional(),
  /** Preferred for this medicine: any other supplier's preference for it is cleared. */
  preferred: z.boolean().optional(),
});
export type SetSupplierItem = z.infer<typeof SetSupplierItem>;

export const SupplierItemParams = z.strictObject({ id: Uuid, medicineId: Uuid });

/** The columns of a supplier import, in the order a template lists them. */
export const SUPPLIER_CSV_COLUMNS = [
  'name',
  'contact_name',
  'email',
  'phone',
  'address',
  'tax_id',
  'payment_terms',
  'lead_time_days',
] as const;

// ---------------------------------------------------------------- settings

export const ProcurementSettings = z.object({
  /** Orders whose total is at or above this wait for a hospital admin's approval. */
  approvalThresholdMinor: z.number().int(),
  /** How far a delivery may exceed a line, in percent of the packs ordered. */
  overDeliveryPercent: z.number().int(),
  /** Days of average use kept in hand on top of the supplier's lead time (reorder suggestions). */
  safetyStockDays: z.number().int(),
  currency: z.string(),
});
export type ProcurementSettings = z.infer<typeof ProcurementSettings>;

/** The whole set of settings: a change names every value (an incomplete body changes nothing). */
export const UpdateProcurementSettings = z.strictObject({
  approvalThresholdMinor: MoneyMinor,
  overDeliveryPercent: z.number().int().min(0).max(100),
  safetyStockDays: z.number().int().min(0).max(365),
});
export type UpdateProcurementSettings = z.infer<typeof UpdateProcurementSettings>;

// ---------------------------------------------------------------- purchase orders

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'partly_received',
  'received',
  'cancelled',
] as const;
export const PurchaseOrderStatus = z.enum(PURCHASE_ORDER_STATUSES);
export type PurchaseOrderStatus = z.infer<typeof PurchaseOrderStatus>;

export const PurchaseOrderLine = z.object({
  id: Uuid,
  medicineId: Uuid,
  medicineName: z.string(),
  packsOrdered: z.number().int(),
  /** What receipts may add up to: ordered plus the allowed over-delivery. */
  maxPacks: z.number().int(),
  packSize: z.number().int(),
  unitPriceMinor: z.number().int(),
  lineTotalMinor: z.number().int(),
  packsReceived: z.number().int(),
  packsDamaged: z.number().int(),
});
export type PurchaseOrderLine = z.infer<typeof PurchaseOrderLine>;

export const PurchaseOrder = z.object({
  id: Uuid,
  hospitalId: Uuid,
  /** PO-<year>-<n>, gap-free per hospital; a revision keeps the number. */
  number: z.string(),
  revision: z.number().int(),
  supersedesId: Uuid.nullable(),
  supersededById: Uuid.nullable(),
  supplierId: Uuid,
  supplierName: z.string(),
  storeId: Uuid,
  storeName: z.string(),
  status: PurchaseOrderStatus,
  totalMinor: z.number().int(),
  currency: z.string(),
  expectedOn: IsoDate.nullable(),
  notes: z.string().nullable(),
  /** Whether this order needs a hospital admin's approval (its total reaches the threshold). */
  needsApproval: z.boolean(),
  createdAt: Instant,
  submittedAt: Instant.nullable(),
  approvedAt: Instant.nullable(),
  cancelledAt: Instant.nullable(),
  /** Why it was cancelled: replaced by a revision, or the reason a person gave. */
  cancellation: PurchaseOrderNote.nullable(),
  lines: z.array(PurchaseOrderLine),
  /** Every step, oldest first (from the audit log). */
  timeline: z.array(PurchaseOrderEvent),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const PurchaseOrderSummary = PurchaseOrder.omit({ lines: true, timeline: true }).extend({
  lineCount: z.number().int(),
});
export type PurchaseOrderSummary = z.infer<typeof PurchaseOrderSummary>;
export const PurchaseOrderPage = pageOf(PurchaseOrderSummary);

export const PurchaseOrderSearch = Paging.extend({
  status: PurchaseOrderStatus.optional(),
  supplierId: Uuid.optional(),
});

const Packs = z.number().int('Must be a whole number of packs').min(1).max(100_000);

export const NewPurchaseOrderLine = z.strictObject({
  medicineId: Uuid,
  packs: Packs,
  /** Per pack; absent: the supplier's last price for the medicine. */
  unitPriceMinor: MoneyMinor.optional(),
});

const orderLines = z
  .array(NewPurchaseOrderLine)
  .min(1)
  .max(200)
  .refine((ls) => new Set(ls.map((l) => l.medicineId)).size === ls.length, {
    message: 'Each medicine once per order',
  });

export const CreatePurchaseOrder = z.strictObject({
  supplierId: Uuid,
  /** The store that receives the goods (main store or pharmacy). */
  storeId: Uuid,
  expectedOn: IsoDate.optional(),
  notes: multiline(1000).optional(),
  lines: orderLines,
});
export type CreatePurchaseOrder = z.infer<typeof CreatePurchaseOrder>;

/** Changes a draft: the lines given replace the order's lines. */
export const UpdatePurchaseOrder = z
  .strictObject({
    storeId: Uuid.optional(),
    expectedOn: IsoDate.nullable().optional(),
    notes: multiline(1000).nullable().optional(),
    lines: orderLines.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdatePurchaseOrder = z.infer<typeof UpdatePurchaseOrder>;

export const CancelPurchaseOrder = z.strictObject({ reason: line(500) });
export type CancelPurchaseOrder = z.infer<typeof CancelPurchaseOrder>;

// ---------------------------------------------------------------- goods receipts (returns: supplier-returns.ts)

export const ReceiptLineIn = z
  .strictObject({
    orderLineId: Uuid,
    batchNumber: line(50),
    expiryDate: IsoDate,
    /** Packs put into stock. */
    packsAccepted: z.number().int('Must be a whole number of packs').min(0).max(100_000),
    /** Packs that arrived damaged: recorded against the line, not put into stock. */
    packsDamaged: z.number().int('Must be a whole number of packs').min(0).max(100_000).default(0),
  })
  .refine((l) => l.packsAccepted + l.packsDamaged > 0, {
    message: 'Receive at least one pack',
    path: ['packsAccepted'],
  });

export const ReceiveGoods = z.strictObject({
  idempotencyKey: IdempotencyKey,
  /** The supplier's delivery note or invoice number. */
  deliveryNote: line(100).optional(),
  notes: multiline(500).optional(),
  /** A line of the order may come in several batches: one entry per batch. */
  lines: z.array(ReceiptLineIn).min(1).max(200),
});
export type ReceiveGoods = z.infer<typeof ReceiveGoods>;

export const GoodsReceiptLine = z.object({
  orderLineId: Uuid,
  medicineId: Uuid,
  medicineName: z.string(),
  batchNumber: z.string(),
  expiryDate: IsoDate,
  packsAccepted: z.number().int(),
  packsDamaged: z.number().int(),
  /** Dispensing units put into stock. */
  units: z.number().int(),
  batchId: Uuid.nullable(),
});

export const GoodsReceipt = z.object({
  id: Uuid,
  orderId: Uuid,
  deliveryNote: z.string().nullable(),
  notes: z.string().nullable(),
  receivedAt: Instant,
  receivedBy: z.string(),
  lines: z.array(GoodsReceiptLine),
});
export type GoodsReceipt = z.infer<typeof GoodsReceipt>;
export const GoodsReceiptList = z.object({ items: z.array(GoodsReceipt) });

// ---------------------------------------------------------------- reorder suggestions and insights

export const SuggestionSearch = z.strictObject({
  /** One receiving store (main store or pharmacy); absent: all of the hospital's. */
  storeId: Uuid.optional(),
});

/** A medicine at or under its reorder level in a store, with what to order (ADR 12 gives the formula). */
export const ReorderSuggestion = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  strength: z.string().nullable(),
  form: z.string(),
  storeId: Uuid,
  storeName: z.string(),
  /** Dispensing units in that store, usable (not expired). */
  onHand: z.number().int(),
  reorderLevel: z.number().int(),
  /** Packs on open orders (submitted, approved, partly received) to that store, not yet received. */
  onOrderPacks: z.number().int(),
  packSize: z.number().int(),
  /** Dispensing units used per day over the last 30 and 90 days, to 2 decimals. */
  avgDaily30: z.number(),
  avgDaily90: z.number(),
  suggestedPacks: z.number().int().min(1),
  /** The preferred supplier, else the one with the latest price; null when none supplies it. */
  supplier: z.object({ id: Uuid, name: z.string(), leadTimeDays: z.number().int() }).nullable(),
  /** That supplier's last price per pack. */
  lastPriceMinor: z.number().int().nullable(),
});
export type ReorderSuggestion = z.infer<typeof ReorderSuggestion>;

export const ReorderSuggestions = z.object({
  safetyStockDays: z.number().int(),
  currency: z.string(),
  items: z.array(ReorderSuggestion),
});
export type ReorderSuggestions = z.infer<typeof ReorderSuggestions>;

/** Chosen suggestions to order: one draft per supplier, all or nothing. */
export const CreateOrdersFromSuggestions = z.strictObject({
  storeId: Uuid,
  lines: z
    .array(
      z.strictObject({
        medicineId: Uuid,
        supplierId: Uuid,
        packs: Packs,
        /** Per pack; absent: the supplier's last price. */
        unitPriceMinor: MoneyMinor.optional(),
      }),
    )
    .min(1)
    .max(200)
    .refine((ls) => new Set(ls.map((l) => `${l.supplierId}/${l.medicineId}`)).size === ls.length, {
      message: 'Each medicine once per supplier',
    }),
});
export type CreateOrdersFromSuggestions = z.infer<typeof CreateOrdersFromSuggestions>;

export const CreatedDraftOrder = z.object({
  id: Uuid,
  number: z.string(),
  supplierId: Uuid,
  supplierName: z.string(),
  lineCount: z.number().int(),
  totalMinor: z.number().int(),
});
export type CreatedDraftOrder = z.infer<typeof CreatedDraftOrder>;
export const CreatedDraftOrders = z.object({ orders: z.array(CreatedDraftOrder) });

export const ProcurementInsights = z.object({
  currency: z.string(),
  /** The last 12 months, the current one included, oldest first; months without spend are 0. */
  spendByMonth: z.array(z.object({ month: z.string(), totalMinor: z.number().int() })),
});
export type ProcurementInsights = z.infer<typeof ProcurementInsights>;

/** A purchase order mailed to its supplier. */
export const SentPurchaseOrder = z.object({ sentTo: z.string() });
export type SentPurchaseOrder = z.infer<typeof SentPurchaseOrder>;
