// A purchase order's timeline, read from the audit log: each step as a code and any note as a
// kind with its values, for the screen to word in the reader's language (never server English).
import { z } from 'zod';
import { Instant } from './common';

export const PurchaseOrderStep = z.enum([
  'created',
  'updated',
  'submitted',
  'approved',
  'cancelled',
  'amended',
  'received',
  'sent',
]);
export type PurchaseOrderStep = z.infer<typeof PurchaseOrderStep>;

/** What the system noted on a step, or the reason a person gave (as they wrote it). */
export const PurchaseOrderNote = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('belowThreshold') }),
  z.object({ kind: z.literal('byAdmin') }),
  z.object({ kind: z.literal('replacedBy'), revision: z.number().int() }),
  z.object({ kind: z.literal('deliveryNote'), note: z.string() }),
  z.object({ kind: z.literal('mailedTo'), to: z.string() }),
  z.object({ kind: z.literal('reason'), text: z.string() }),
]);
export type PurchaseOrderNote = z.infer<typeof PurchaseOrderNote>;

export const PurchaseOrderEvent = z.object({
  at: Instant,
  step: PurchaseOrderStep,
  /** Who took the step (their name), when a person did. */
  by: z.string().nullable(),
  note: PurchaseOrderNote.nullable(),
});
export type PurchaseOrderEvent = z.infer<typeof PurchaseOrderEvent>;
