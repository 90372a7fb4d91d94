// The medicine catalog and the stock it is held in: stores, batches and the stock ledger.
import { z } from 'zod';
import { Instant, IsoDate, line, MinorUnits, multiline, Paging, pageOf, Uuid } from './common';

/** Forms a medicine comes in; stock is counted in its dispensing unit. */
export const MEDICINE_FORMS = [
  'tablet',
  'capsule',
  'syrup',
  'suspension',
  'injection',
  'infusion',
  'cream',
  'ointment',
  'gel',
  'drops',
  'inhaler',
  'powder',
  'solution',
  'suppository',
  'patch',
  'spray',
  'lozenge',
  'other',
] as const;
export const MedicineForm = z.enum(MEDICINE_FORMS);
export type MedicineForm = z.infer<typeof MedicineForm>;

/**
 * A count of dispensing units (tablets, bottles, tubes): whole, positive, and below a bound no
 * real transaction reaches, so a typo of extra zeros is refused rather than stored.
 */
export const Quantity = z
  .number({ error: 'Must be a number' })
  .int('Must be a whole number of units')
  .min(1, 'Must be at least 1')
  .max(1_000_000, 'At most 1,000,000 units');

/** A rate in basis points: 1800 = 18%. */
export const TaxRate = z.number().int('Must be whole basis points (1800 = 18%)').min(0).max(10_000);

const barcode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{4,64}$/, 'Must be 4 to 64 letters, digits or dashes');

const medicineFields = {
  genericName: line(200),
  brandName: line(200).nullable(),
  form: MedicineForm,
  /** As printed: "500 mg", "250 mg/5 ml", "0.1%". */
  strength: line(60),
  /** What one unit of stock is: "tablet", "bottle", "tube", "vial". */
  dispensingUnit: line(40),
  /** Dispensing units per pack, for receipts counted in packs. */
  packSize: z.number().int().min(1).max(10_000),
  manufacturer: line(200).nullable(),
  prescriptionOnly: z.boolean(),
  controlled: z.boolean(),
  /** Stock at or under this (in dispensing units, across the hospital) raises a low-stock alert. */
  reorderLevel: z.number().int().min(0).max(1_000_000),
  /** Price of one dispensing unit, before tax, in the hospital's currency. */
  salePriceMinor: MinorUnits,
  taxRateBp: TaxRate,
  barcode: barcode.nullable(),
};

export const CreateMedicine = z.strictObject({
  ...medicineFields,
  brandName: medicineFields.brandName.optional(),
  packSize: medicineFields.packSize.default(1),
  manufacturer: medicineFields.manufacturer.optional(),
  prescriptionOnly: medicineFields.prescriptionOnly.default(false),
  controlled: medicineFields.controlled.default(false),
  reorderLevel: medicineFields.reorderLevel.default(0),
  taxRateBp: medicineFields.taxRateBp.default(0),
  barcode: medicineFields.barcode.optional(),
});
export type CreateMedicine = z.infer<typeof CreateMedicine>;

/** A partial change; `active: false` takes a medicine out of use (it is never deleted). */
export const UpdateMedicine = z.strictObject({
  genericName: medicineFields.genericName.optional(),
  brandName: medicineFields.brandName.optional(),
  form: medicineFields.form.optional(),
  strength: medicineFields.strength.optional(),
  dispensingUnit: medicineFields.dispensingUnit.optional(),
  packSize: medicineFields.packSize.optional(),
  manufacturer: medicineFields.manufacturer.optional(),
  prescriptionOnly: medicineFields.prescriptionOnly.optional(),
  controlled: medicineFields.controlled.optional(),
  reorderLevel: medicineFields.reorderLevel.optional(),
  salePriceMinor: medicineFields.salePriceMinor.optional(),
  taxRateBp: medicineFields.taxRateBp.optional(),
  barcode: medicineFields.barcode.optional(),
  active: z.boolean().optional(),
});
export type UpdateMedicine = z.infer<typeof UpdateMedicine>;

/** Stock of a medicine across the hospital, split by what may still be used. */
export const StockSummary = z.object({
  /** Units on the shelves in batches that have not expired. */
  onHand: z.number().int(),
  /** Of those, promised to online orders awaiting the pharmacist. */
  reserved: z.number().int(),
  /** onHand minus reserved, in the pharmacy store: what can be sold or dispensed now. */
  availableInPharmacy: z.number().int(),
  /** Units in expired batches waiting for write-off. */
  expired: z.number().int(),
  low: z.boolean(),
  /** The earliest expiry among usable batches. */
  nextExpiry: IsoDate.nullable(),
});
export type StockSummary = z.infer<typeof StockSummary>;

export const Medicine = z.object({
  id: Uuid,
  hospitalId: Uuid,
  genericName: z.string(),
  brandName: z.string().nullable(),
  form: MedicineForm,
  strength: z.string(),
  dispensingUnit: z.string(),
  packSize: z.number().int(),
  manufacturer: z.string().nullable(),
  prescriptionOnly: z.boolean(),
  controlled: z.boolean(),
  reorderLevel: z.number().int(),
  salePriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  currency: z.string(),
  barcode: z.string().nullable(),
  active: z.boolean(),
  stock: StockSummary,
});
export type Medicine = z.infer<typeof Medicine>;
export const MedicinePage = pageOf(Medicine);

export const MedicineSearch = Paging.extend({
  /** A name (typo-tolerant), a brand, or a barcode as a scanner types it. */
  q: z.string().trim().max(100).optional(),
  form: MedicineForm.optional(),
  /** Only medicines at or under their reorder level. */
  low: z.enum(['true', 'false']).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

/** Per-row outcome of a CSV import: what was added, and each refused row with why. */
export const ImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), errors: z.array(z.string()) })),
});
export type ImportReport = z.infer<typeof ImportReport>;

// ---------------------------------------------------------------- stores, batches, ledger

export const StoreKind = z.enum(['main', 'pharmacy', 'ward']);
export type StoreKind = z.infer<typeof StoreKind>;

export const Store = z.object({
  id: Uuid,
  hospitalId: Uuid,
  name: z.string(),
  kind: StoreKind,
  active: z.boolean(),
});
export type Store = z.infer<typeof Store>;

export const CreateStore = z.strictObject({ name: line(120), kind: z.literal('ward') });

export const ExpiryState = z.enum(['ok', 'expiring_90', 'expiring_60', 'expiring_30', 'expired']);
export type ExpiryState = z.infer<typeof ExpiryState>;

export const Batch = z.object({
  id: Uuid,
  storeId: Uuid,
  storeName: z.string(),
  medicineId: Uuid,
  medicineName: z.string(),
  batchNumber: z.string(),
  expiryDate: IsoDate,
  expiry: ExpiryState,
  onHand: z.number().int(),
  reserved: z.number().int(),
  unitCostMinor: z.number().int(),
  receivedAt: Instant,
});
export type Batch = z.infer<typeof Batch>;
export const BatchPage = pageOf(Batch);

export const BatchQuery = Paging.extend({
  storeId: Uuid.optional(),
  medicineId: Uuid.optional(),
  /** Include batches with nothing left. */
  includeEmpty: z.enum(['true', 'false']).optional(),
});

export const LEDGER_KINDS = [
  'receipt',
  'dispense',
  'sale',
  'return',
  'adjustment',
  'transfer_out',
  'transfer_in',
  'write_off',
  'supplier_return',
] as const;
export const LedgerKind = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof LedgerKind>;

export const LedgerEntry = z.object({
  id: Uuid,
  occurredAt: Instant,
  kind: LedgerKind,
  storeId: Uuid,
  storeName: z.string(),
  batchId: Uuid,
  batchNumber: z.string(),
  medicineId: Uuid,
  medicineName: z.string(),
  /** Signed: what came in (+) or went out (-). */
  quantity: z.number().int(),
  balanceAfter: z.number().int(),
  reason: z.string().nullable(),
  referenceType: z.string().nullable(),
  referenceId: Uuid.nullable(),
  actorName: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;
export const LedgerPage = pageOf(LedgerEntry);

export const LedgerQuery = Paging.extend({
  batchId: Uuid.optional(),
  medicineId: Uuid.optional(),
  storeId: Uuid.optional(),
  kind: LedgerKind.optional(),
});

/** One batch received by hand (purchase orders arrive with procurement). */
export const ReceiptLine = z.strictObject({
  medicineId: Uuid,
  batchNumber: line(60),
  expiryDate: IsoDate,
  /** Either units, or whole packs (converted with the medicine's pack size). */
  quantity: Quantity.optional(),
  packs: z.number().int().min(1).max(100_000).optional(),
  unitCostMinor: MinorUnits,
});
export const ReceiveStock = z
  .strictObject({
    storeId: Uuid,
    lines: z.array(ReceiptLine).min(1).max(200),
    note: multiline(500).optional(),
  })
  .refine((r) => r.lines.every((l) => (l.quantity === undefined) !== (l.packs === undefined)), {
    message: 'Give each line a quantity in units or in packs, not both',
    path: ['lines'],
  });
export type ReceiveStock = z.infer<typeof ReceiveStock>;

export const ADJUSTMENT_REASONS = ['damaged', 'lost', 'found', 'count_correction', 'other'] as const;
export const AdjustStock = z.strictObject({
  batchId: Uuid,
  /** Signed, never zero: +5 found, -2 damaged. */
  change: z
    .number()
    .int('Must be a whole number of units')
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'Must not be zero'),
  reason: z.enum(ADJUSTMENT_REASONS),
  note: multiline(500).optional(),
});
export type AdjustStock = z.infer<typeof AdjustStock>;

export const WriteOffExpired = z.strictObject({ storeId: Uuid });

/** What a picking took from which batch (first expiry first out), for the pharmacist to see. */
export const Pick = z.object({
  batchId: Uuid,
  batchNumber: z.string(),
  expiryDate: IsoDate,
  quantity: z.number().int(),
});
export type Pick = z.infer<typeof Pick>;

export const StockMovementResult = z.object({
  entries: z.array(LedgerEntry),
});
