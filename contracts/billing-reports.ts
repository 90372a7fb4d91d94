// Billing's day closings and reports: a cashier's day (recorded by method against counted cash),
// revenue by day, department, doctor or payment method, and what patients owe. Money in minor units.
import { z } from 'zod';
import { Instant, IsoDate, MinorUnits, multiline, Paging, pageOf, Uuid } from './common';
import { MoneyMethod } from './billing';

export const MethodTotal = z.object({
  method: MoneyMethod,
  /** Received: payments and advances. */
  inMinor: z.number().int(),
  /** Paid back: refunds of credit notes and of advances. */
  outMinor: z.number().int(),
  netMinor: z.number().int(),
});
export type MethodTotal = z.infer<typeof MethodTotal>;

export const CashClosing = z.object({
  id: Uuid,
  cashierId: Uuid,
  cashierName: z.string().nullable(),
  businessDate: IsoDate,
  byMethod: z.array(MethodTotal.pick({ method: true, netMinor: true })),
  expectedCashMinor: z.number().int(),
  countedCashMinor: z.number().int(),
  /** Counted less expected: negative when cash is short. */
  differenceMinor: z.number().int(),
  notes: z.string().nullable(),
  closedAt: Instant,
});
export type CashClosing = z.infer<typeof CashClosing>;
export const CashClosingPage = pageOf(CashClosing).extend({ currency: z.string() });

/** The caller's day as a cashier so far, and its closing if done. */
export const CashDay = z.object({
  businessDate: IsoDate,
  currency: z.string(),
  byMethod: z.array(MethodTotal),
  expectedCashMinor: z.number().int(),
  closing: CashClosing.nullable(),
});
export type CashDay = z.infer<typeof CashDay>;

export const CashDayQuery = z.strictObject({ date: IsoDate.optional() });

/** Closing the day named (today or an earlier day not closed yet) with the cash counted. */
export const CloseCashDay = z.strictObject({
  businessDate: IsoDate,
  countedCashMinor: MinorUnits,
  notes: multiline(1000).optional(),
});
export type CloseCashDay = z.infer<typeof CloseCashDay>;

export const CashClosingSearch = Paging.extend({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Someone else's closings need the reports permission. */
  cashierId: Uuid.optional(),
});
export type CashClosingSearch = z.infer<typeof CashClosingSearch>;

const Range = {
  from: IsoDate,
  to: IsoDate,
};
const rangeRule = (q: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Before the start' });
  else if (Date.parse(q.to) - Date.parse(q.from) > 366 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'At most 366 days' });
};

export const RevenueGrouping = z.enum(['day', 'department', 'doctor', 'method']);
export type RevenueGrouping = z.infer<typeof RevenueGrouping>;

/** Dates are the hospital's; `format=csv` answers a spreadsheet-safe CSV instead. */
export const RevenueQuery = z
  .strictObject({ ...Range, by: RevenueGrouping, format: z.enum(['json', 'csv']).default('json') })
  .superRefine(rangeRule);
export type RevenueQuery = z.infer<typeof RevenueQuery>;

export const RevenueRow = z.object({
  /** The day, department, doctor profile or method; null for invoices without one. */
  key: z.string().nullable(),
  label: z.string(),
  /** Invoices issued (by method: payments received). */
  count: z.number().int(),
  /** Invoiced (by method: received). */
  amountMinor: z.number().int(),
  /** Credited by credit notes (by method: refunded). */
  lessMinor: z.number().int(),
  netMinor: z.number().int(),
  /** Of the net, tax (not by method). */
  taxMinor: z.number().int().nullable(),
});
export type RevenueRow = z.infer<typeof RevenueRow>;

export const RevenueReport = z.object({
  from: IsoDate,
  to: IsoDate,
  by: RevenueGrouping,
  /** `invoiced`: what final invoices charged less credit notes; `collected`: money in less money out. */
  measure: z.enum(['invoiced', 'collected']),
  currency: z.string(),
  rows: z.array(RevenueRow),
  total: RevenueRow.omit({ key: true, label: true }),
});
export type RevenueReport = z.infer<typeof RevenueReport>;

/** What one patient (or walk-in customer) owes at the active hospital. */
export const OutstandingBalance = z.object({
  patientId: Uuid.nullable(),
  patientName: z.string(),
  mrn: z.string().nullable(),
  invoices: z.number().int(),
  outstandingMinor: z.number().int(),
  oldestIssuedOn: IsoDate,
});
export type OutstandingBalance = z.infer<typeof OutstandingBalance>;

export const OutstandingPage = pageOf(OutstandingBalance).extend({
  currency: z.string(),
  totalOutstandingMinor: z.number().int(),
});
export type OutstandingPage = z.infer<typeof OutstandingPage>;

export const OutstandingQuery = Paging.extend({
  /** Part of the patient's name or MRN. */
  q: multiline(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type OutstandingQuery = z.infer<typeof OutstandingQuery>;
