// Keeping stock honest: stock takes, alerts, valuation and the pharmacist's charts.
import { z } from 'zod';
import { Instant, IsoDate, pageOf, Uuid } from './common';

export const StockTakeStatus = z.enum(['counting', 'posted', 'cancelled']);

/** A counting line. `expected` and `difference` are shown only once counting is done (blind count). */
export const StockTakeLine = z.object({
  batchId: Uuid,
  medicineId: Uuid,
  medicineName: z.string(),
  batchNumber: z.string(),
  expiryDate: IsoDate,
  counted: z.number().int().nullable(),
  expected: z.number().int().nullable(),
  difference: z.number().int().nullable(),
});

export const StockTake = z.object({
  id: Uuid,
  storeId: Uuid,
  storeName: z.string(),
  status: StockTakeStatus,
  startedAt: Instant,
  startedByName: z.string().nullable(),
  postedAt: Instant.nullable(),
  /** Lines counted so far, of all. */
  counted: z.number().int(),
  total: z.number().int(),
  lines: z.array(StockTakeLine),
});
export type StockTake = z.infer<typeof StockTake>;
export const StockTakeSummaryPage = pageOf(StockTake.omit({ lines: true }));

export const StartStockTake = z.strictObject({ storeId: Uuid });

export const RecordCounts = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        batchId: Uuid,
        counted: z.number().int('Must be a whole number of units').min(0).max(1_000_000),
      }),
    )
    .min(1)
    .max(2000),
});
export type RecordCounts = z.infer<typeof RecordCounts>;

/** `reveal=true` shows expected quantities and differences (after counting). */
export const StockTakeView = z.strictObject({ reveal: z.enum(['true', 'false']).optional() });

// ---------------------------------------------------------------- alerts

export const LowStockItem = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  onHand: z.number().int(),
  reorderLevel: z.number().int(),
});

export const ExpiringBatch = z.object({
  batchId: Uuid,
  storeId: Uuid,
  storeName: z.string(),
  medicineId: Uuid,
  medicineName: z.string(),
  batchNumber: z.string(),
  expiryDate: IsoDate,
  /** Days until it expires (negative: expired that many days ago). */
  daysLeft: z.number().int(),
  onHand: z.number().int(),
  valueMinor: z.number().int(),
});
export type ExpiringBatch = z.infer<typeof ExpiringBatch>;

export const StockAlerts = z.object({
  today: IsoDate,
  lowStock: z.array(LowStockItem),
  /** Usable batches expiring within 90 days, soonest first; the UI groups them by 30/60/90. */
  expiring: z.array(ExpiringBatch),
  /** Expired batches still holding stock: to be written off. */
  expired: z.array(ExpiringBatch),
});
export type StockAlerts = z.infer<typeof StockAlerts>;

// ---------------------------------------------------------------- valuation and charts

export const ValuationRow = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  storeId: Uuid,
  storeName: z.string(),
  onHand: z.number().int(),
  valueMinor: z.number().int(),
});
export const StockValuation = z.object({
  currency: z.string(),
  totalMinor: z.number().int(),
  rows: z.array(ValuationRow),
});
export type StockValuation = z.infer<typeof StockValuation>;

export const ValuationQuery = z.strictObject({
  storeId: Uuid.optional(),
  format: z.enum(['json', 'csv']).optional(),
});

export const StockInsights = z.object({
  currency: z.string(),
  /** Value of stock held at the end of each of the last 30 days, from the ledger. */
  valueByDay: z.array(z.object({ day: IsoDate, valueMinor: z.number().int() })),
  /** Most dispensed and sold over the last 30 days. */
  topMedicines: z.array(z.object({ medicineId: Uuid, medicineName: z.string(), quantity: z.number().int() })),
});
export type StockInsights = z.infer<typeof StockInsights>;
