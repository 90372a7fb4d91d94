// Procurement: suppliers and what they supply; purchase orders, goods receipts and returns follow.
// Money is in integer minor units of the hospital's currency; quantities on orders are in packs.
import { z } from 'zod';
import { Email, Instant, line, multiline, Paging, pageOf, Phone, Uuid } from './common';

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
