// Returning stock to its supplier (damaged, expired, recalled …): what the store sends back, why,
// and the return as listed.
import { z } from 'zod';
import { Instant, multiline, pageOf, Uuid } from './common';
import { IdempotencyKey } from './dispensing';

export const RETURN_REASONS = ['damaged', 'expired', 'wrong_item', 'recalled', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const CreateSupplierReturn = z.strictObject({
  idempotencyKey: IdempotencyKey,
  supplierId: Uuid,
  /** The order the goods came on, where known. */
  orderId: Uuid.optional(),
  reason: z.enum(RETURN_REASONS),
  note: multiline(500).optional(),
  lines: z
    .array(
      z.strictObject({
        batchId: Uuid,
        units: z.number().int('Must be a whole number of units').min(1).max(1_000_000),
      }),
    )
    .min(1)
    .max(200)
    .refine((ls) => new Set(ls.map((l) => l.batchId)).size === ls.length, {
      message: 'Each batch once per return',
    }),
});
export type CreateSupplierReturn = z.infer<typeof CreateSupplierReturn>;

export const SupplierReturn = z.object({
  id: Uuid,
  supplierId: Uuid,
  supplierName: z.string(),
  orderId: Uuid.nullable(),
  /** The kind of reason (worded by the screen), null for one recorded before the kinds existed. */
  reason: z.enum(RETURN_REASONS).nullable(),
  /** What the person added, as they wrote it. */
  note: z.string().nullable(),
  createdAt: Instant,
  createdBy: z.string(),
  lines: z.array(
    z.object({
      batchId: Uuid,
      batchNumber: z.string(),
      medicineName: z.string(),
      units: z.number().int(),
      unitCostMinor: z.number().int(),
    }),
  ),
});
export type SupplierReturn = z.infer<typeof SupplierReturn>;
export const SupplierReturnPage = pageOf(SupplierReturn);
