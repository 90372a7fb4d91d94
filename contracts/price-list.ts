// The price list: the services a hospital charges for, and each department's consultation fee.
// Money is integer minor units of the hospital's currency; tax rates are basis points (1200 = 12%).
import { z } from 'zod';
import { CatalogCode, CatalogSearch, Instant, line, MinorUnits, pageOf, Uuid } from './common';

export const TaxRateBp = z.number().int('Whole basis points').min(0).max(10_000);

export const BillingService = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  priceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type BillingService = z.infer<typeof BillingService>;
export const BillingServicePage = pageOf(BillingService).extend({ currency: z.string() });

export const CreateBillingService = z.strictObject({
  code: CatalogCode,
  name: line(200),
  priceMinor: MinorUnits,
  taxRateBp: TaxRateBp,
});
export type CreateBillingService = z.infer<typeof CreateBillingService>;

/** A partial change; `active: false` takes the service off the price list (it stays on old bills). */
export const UpdateBillingService = z
  .strictObject({
    name: line(200).optional(),
    priceMinor: MinorUnits.optional(),
    taxRateBp: TaxRateBp.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateBillingService = z.infer<typeof UpdateBillingService>;

export const BillingServiceSearch = CatalogSearch;
export type BillingServiceSearch = z.infer<typeof BillingServiceSearch>;

/** A department and the consultation fee the hospital set for it (null: each doctor's own fee). */
export const DepartmentFee = z.object({
  departmentId: Uuid,
  departmentName: z.string(),
  feeMinor: z.number().int().nullable(),
  taxRateBp: z.number().int().nullable(),
  updatedAt: Instant.nullable(),
});
export type DepartmentFee = z.infer<typeof DepartmentFee>;
export const DepartmentFeeList = z.object({ items: z.array(DepartmentFee), currency: z.string() });

/** The whole fee of a department: it replaces the fees of the doctors in it. */
export const SetDepartmentFee = z.strictObject({ feeMinor: MinorUnits, taxRateBp: TaxRateBp });
export type SetDepartmentFee = z.infer<typeof SetDepartmentFee>;
export const DepartmentParams = z.strictObject({ departmentId: Uuid });
