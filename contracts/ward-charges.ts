// Ward charges (ADR 14): services from the hospital's price list given on a ward stay (a dressing,
// nebulisation, a bedside ECG), charged at the price and tax they had when given and billed with
// the stay at discharge. A charge made in error is voided with a reason, never deleted.
import { z } from 'zod';
import { Instant, line, multiline, Paging, pageOf, Uuid } from './common';
import { IdempotencyKey } from './dispensing';

/** Who charged or voided. */
const Person = z.object({ id: Uuid, name: z.string() });

export const ChargeWardService = z.strictObject({
  /** Chosen by the client and sent again on a retry: a service is never charged twice by a retry. */
  idempotencyKey: IdempotencyKey,
  /** An active service of the hospital's price list. */
  serviceId: Uuid,
  quantity: z.number().int('Must be a whole number').min(1, 'At least 1').max(1000, 'At most 1,000'),
  /** When it was given: now if left out; never in the future or before the admission. */
  givenAt: Instant.optional(),
  note: multiline(500).optional(),
});
export type ChargeWardService = z.infer<typeof ChargeWardService>;

export const VoidWardCharge = z.strictObject({
  /** Why the charge was wrong (kept with the charge and in the audit log). */
  reason: line(300),
});
export type VoidWardCharge = z.infer<typeof VoidWardCharge>;

export const WardCharge = z.object({
  id: Uuid,
  serviceId: Uuid,
  /** The service's code and name when it was given. */
  code: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  /** Quantity × price, plus tax: what the line adds to the bill (0 once voided). */
  totalMinor: z.number().int(),
  givenAt: Instant,
  note: z.string().nullable(),
  chargedBy: Person,
  chargedAt: Instant,
  /** Set once the charge is voided: it is then not billed. */
  voided: z.object({ at: Instant, by: Person, reason: z.string() }).nullable(),
});
export type WardCharge = z.infer<typeof WardCharge>;

export const WardChargeList = z.object({ currency: z.string(), items: z.array(WardCharge) });
export type WardChargeList = z.infer<typeof WardChargeList>;

/** The price list's active services, for choosing what to charge on the ward. */
export const ChargeableServiceSearch = Paging.extend({
  /** Part of the code or name. */
  q: multiline(100).optional(),
});
export type ChargeableServiceSearch = z.infer<typeof ChargeableServiceSearch>;

export const ChargeableService = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  priceMinor: z.number().int(),
  taxRateBp: z.number().int(),
});
export type ChargeableService = z.infer<typeof ChargeableService>;
export const ChargeableServicePage = pageOf(ChargeableService).extend({ currency: z.string() });
export type ChargeableServicePage = z.infer<typeof ChargeableServicePage>;
