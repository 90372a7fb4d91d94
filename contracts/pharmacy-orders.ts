// Online medicine orders: the patient's shop and the pharmacist's queue.
import { z } from 'zod';
import { Instant, line, MinorUnits, multiline, Paging, pageOf, Uuid } from './common';
import { IdempotencyKey, PricedLine, Totals } from './dispensing';
import { MedicineForm, Pick, Quantity } from './pharmacy';

/** A catalog entry as a patient sees it in the shop: price, and whether it can be had. */
export const ShopItem = z.object({
  id: Uuid,
  genericName: z.string(),
  brandName: z.string().nullable(),
  form: MedicineForm,
  strength: z.string(),
  dispensingUnit: z.string(),
  prescriptionOnly: z.boolean(),
  unitPriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  currency: z.string(),
  availability: z.enum(['in_stock', 'low', 'out_of_stock']),
  /** At most this many can be ordered now (never more than is on the shelf). */
  maxQuantity: z.number().int(),
});
export type ShopItem = z.infer<typeof ShopItem>;
export const ShopPage = pageOf(ShopItem);

export const ShopQuery = Paging.extend({
  hospitalId: Uuid,
  q: z.string().trim().max(100).optional(),
});

export const ORDER_STATUSES = [
  'awaiting_verification',
  'approved',
  'ready',
  'completed',
  'rejected',
  'cancelled',
  'expired',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Fulfilment = z.enum(['pickup', 'delivery']);

export const Checkout = z
  .strictObject({
    idempotencyKey: IdempotencyKey,
    hospitalId: Uuid,
    lines: z
      .array(z.strictObject({ medicineId: Uuid, quantity: Quantity }))
      .min(1)
      .max(30)
      .refine((ls) => new Set(ls.map((l) => l.medicineId)).size === ls.length, 'Each medicine once'),
    /** The patient's uploaded prescription (a document of theirs), needed for prescription-only items. */
    prescriptionDocumentId: Uuid.optional(),
    fulfilment: Fulfilment,
    deliveryAddress: multiline(500).optional(),
    /** The total the patient was shown: a different total refuses the order (PRICE_CHANGED). */
    expectedTotalMinor: MinorUnits,
  })
  .refine((c) => c.fulfilment !== 'delivery' || (c.deliveryAddress ?? '').length > 0, {
    message: 'A delivery needs an address',
    path: ['deliveryAddress'],
  });
export type Checkout = z.infer<typeof Checkout>;

export const OrderEvent = z.object({
  at: Instant,
  status: OrderStatus,
  byName: z.string().nullable(),
  note: z.string().nullable(),
});

export const PharmacyOrder = z.object({
  id: Uuid,
  number: z.string(),
  hospitalId: Uuid,
  hospitalName: z.string(),
  /** The pharmacy's hospital's zone: the order's times read on its clock, wherever the reader is. */
  timeZone: z.string(),
  patientId: Uuid,
  patientName: z.string(),
  status: OrderStatus,
  fulfilment: Fulfilment,
  deliveryAddress: z.string().nullable(),
  prescriptionDocumentId: Uuid.nullable(),
  needsPrescription: z.boolean(),
  rejectionReason: z.string().nullable(),
  lines: z.array(PricedLine.extend({ picks: z.array(Pick) })),
  totals: Totals,
  placedAt: Instant,
  /** A reservation not verified by then is released and the order expires. */
  reservedUntil: Instant.nullable(),
  history: z.array(OrderEvent),
});
export type PharmacyOrder = z.infer<typeof PharmacyOrder>;
export const PharmacyOrderPage = pageOf(PharmacyOrder);

export const OrderQuery = Paging.extend({ status: OrderStatus.optional() });

export const RejectOrder = z.strictObject({ reason: line(500) });
export const CancelOrder = z.strictObject({ reason: line(500).optional() });
export const CompleteOrder = z.strictObject({ how: z.enum(['collected', 'delivered']) });

// ---------------------------------------------------------------- ward requests

export const WardRequestStatus = z.enum(['requested', 'issued', 'partly_issued', 'received', 'cancelled']);

export const WardRequestLine = z.object({
  id: Uuid,
  medicineId: Uuid,
  medicineName: z.string(),
  dispensingUnit: z.string(),
  quantityRequested: z.number().int(),
  quantityIssued: z.number().int(),
  quantityReceived: z.number().int(),
  picks: z.array(Pick),
});

export const WardRequest = z.object({
  id: Uuid,
  number: z.string(),
  hospitalId: Uuid,
  storeId: Uuid,
  storeName: z.string(),
  status: WardRequestStatus,
  note: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: Instant,
  issuedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  lines: z.array(WardRequestLine),
});
export type WardRequest = z.infer<typeof WardRequest>;
export const WardRequestPage = pageOf(WardRequest);
export const WardRequestQuery = Paging.extend({
  status: WardRequestStatus.optional(),
  storeId: Uuid.optional(),
});

export const CreateWardRequest = z.strictObject({
  storeId: Uuid,
  note: multiline(500).optional(),
  lines: z
    .array(z.strictObject({ medicineId: Uuid, quantity: Quantity }))
    .min(1)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.medicineId)).size === ls.length, 'Each medicine once'),
});
export type CreateWardRequest = z.infer<typeof CreateWardRequest>;

/** Issue all or part of each line; lines left out are not issued now. */
export const IssueWardRequest = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        lineId: Uuid,
        quantity: Quantity,
        /**
         * What the line had been issued when the pharmacist looked (its quantityIssued). The issue is
         * refused if that changed, so a retried or doubled submission never issues twice.
         */
        issuedBefore: z.number().int().min(0).max(1_000_000),
      }),
    )
    .min(1)
    .max(50),
});
export type IssueWardRequest = z.infer<typeof IssueWardRequest>;
