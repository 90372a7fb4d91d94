// Prescriptions as the pharmacy dispenses them, and counter sales.
import { z } from 'zod';
import { Instant, IsoDate, line, multiline, Paging, pageOf, Uuid } from './common';
import { Pick, Quantity } from './pharmacy';

/** Chosen by the client and sent again on a retry: the second request does nothing new. */
export const IdempotencyKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, 'Must be 8 to 100 letters, digits, dashes or underscores');

export const PrescriptionStatus = z.enum(['open', 'partly_dispensed', 'dispensed', 'cancelled']);
export type PrescriptionStatus = z.infer<typeof PrescriptionStatus>;

export const PrescriptionLine = z.object({
  id: Uuid,
  medicineId: Uuid,
  medicineName: z.string(),
  dispensingUnit: z.string(),
  /** How much to take and when, as written: "1 tablet twice a day for 5 days". */
  directions: z.string().nullable(),
  quantityPrescribed: z.number().int(),
  quantityDispensed: z.number().int(),
});
export type PrescriptionLine = z.infer<typeof PrescriptionLine>;

export const Prescription = z.object({
  id: Uuid,
  hospitalId: Uuid,
  patientId: Uuid,
  patientName: z.string(),
  mrn: z.string().nullable(),
  /** Where it came from: written on paper and entered by the pharmacy, or a consultation. */
  source: z.enum(['paper', 'consultation']),
  prescriberName: z.string(),
  writtenOn: IsoDate,
  notes: z.string().nullable(),
  status: PrescriptionStatus,
  lines: z.array(PrescriptionLine),
  createdAt: Instant,
});
export type Prescription = z.infer<typeof Prescription>;
export const PrescriptionPage = pageOf(Prescription);

export const PrescriptionQuery = Paging.extend({
  status: PrescriptionStatus.optional(),
  patientId: Uuid.optional(),
});

/** A paper prescription entered by the pharmacy (until consultations write their own). */
export const EnterPrescription = z.strictObject({
  patientId: Uuid,
  prescriberName: line(200),
  writtenOn: IsoDate,
  notes: multiline(1000).optional(),
  lines: z
    .array(
      z.strictObject({
        medicineId: Uuid,
        quantity: Quantity,
        directions: line(300).optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type EnterPrescription = z.infer<typeof EnterPrescription>;

/** Dispense some or all of what is left on each line (first expiry first out). */
export const DispensePrescription = z.strictObject({
  idempotencyKey: IdempotencyKey,
  lines: z
    .array(z.strictObject({ lineId: Uuid, quantity: Quantity }))
    .min(1)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, 'Each line once'),
});
export type DispensePrescription = z.infer<typeof DispensePrescription>;

export const Dispensing = z.object({
  id: Uuid,
  prescriptionId: Uuid,
  lines: z.array(
    z.object({
      lineId: Uuid,
      medicineId: Uuid,
      medicineName: z.string(),
      quantity: z.number().int(),
      picks: z.array(Pick),
    }),
  ),
  prescription: Prescription,
  dispensedAt: Instant,
});
export type Dispensing = z.infer<typeof Dispensing>;

// ---------------------------------------------------------------- counter sales

export const SaleLineInput = z.strictObject({ medicineId: Uuid, quantity: Quantity });

export const CounterSale = z.strictObject({
  idempotencyKey: IdempotencyKey,
  /** A registered patient, when the buyer is one; walk-in customers need none. */
  patientId: Uuid.optional(),
  lines: z
    .array(SaleLineInput)
    .min(1)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.medicineId)).size === ls.length, 'Each medicine once'),
});
export type CounterSale = z.infer<typeof CounterSale>;

/** A priced line: prices are the catalog's at the time, totals computed on the server. */
export const PricedLine = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  /** quantity × unit price. */
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
});
export type PricedLine = z.infer<typeof PricedLine>;

export const Totals = z.object({
  currency: z.string(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
});

export const Sale = z.object({
  id: Uuid,
  hospitalId: Uuid,
  patientId: Uuid.nullable(),
  soldAt: Instant,
  soldByName: z.string().nullable(),
  lines: z.array(PricedLine.extend({ picks: z.array(Pick) })),
  totals: Totals,
});
export type Sale = z.infer<typeof Sale>;
export const SalePage = pageOf(Sale.omit({ lines: true }).extend({ items: z.number().int() }));
