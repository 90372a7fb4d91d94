// Billing: invoices (draft → final → cancelled by credit notes), payments and
// advances, credit notes. Money is integer minor units of the hospital's currency; tax rates are
// basis points (1200 = 12%). Every amount an invoice shows is computed on the server (ADR 13).
import { z } from 'zod';
import { Instant, IsoDate, line, MinorUnits, multiline, Paging, pageOf, Uuid } from './common';
import { IdempotencyKey } from './dispensing';
import { TaxRateBp } from './price-list';

const PositiveMinor = MinorUnits.min(1, 'Must be more than zero');
const Quantity = z.number().int('Must be a whole number').min(1).max(10_000);

// ---------------------------------------------------------------- invoices

export const InvoiceStatus = z.enum(['draft', 'final', 'cancelled', 'discarded']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;
/**
 * Made at the desk, by a closed consultation, a pharmacy counter sale, a dispensed online order or
 * prescription, or a discharge.
 */
export const InvoiceSource = z.enum([
  'manual',
  'consultation',
  'pharmacy_sale',
  'pharmacy_order',
  /** Medicines dispensed on a prescription. */
  'dispensing',
  /** An in-patient's stay, billed at discharge: bed-days and medicines given on the ward. */
  'admission',
  /** Tests ordered from the lab, billed as they are ordered. */
  'lab_order',
]);
export type InvoiceSource = z.infer<typeof InvoiceSource>;
/** `bed_day`: days in a bed of a ward at its daily rate (an admission's bill). */
export const LineKind = z.enum(['consultation', 'service', 'medicine', 'bed_day', 'other']);

/** A discount on a line, by amount or by percent (basis points: 1250 = 12.5%), always with a reason. */
export const Discount = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('amount'), amountMinor: PositiveMinor, reason: line(200) }),
  z.strictObject({
    kind: z.literal('percent'),
    percentBp: z.number().int().min(1).max(10_000),
    reason: line(200),
  }),
]);
export type Discount = z.infer<typeof Discount>;

/**
 * A line to bill: a service of the price list, a medicine of the pharmacy's catalog (both at their
 * listed price and tax), or anything else described and priced here.
 */
export const InvoiceLineInput = z
  .strictObject({
    serviceId: Uuid.optional(),
    medicineId: Uuid.optional(),
    description: line(300).optional(),
    unitPriceMinor: MinorUnits.optional(),
    taxRateBp: TaxRateBp.optional(),
    quantity: Quantity.default(1),
    /** Needs the permission to apply discounts. */
    discount: Discount.optional(),
  })
  .superRefine((l, ctx) => {
    const listed = [l.serviceId, l.medicineId].filter(Boolean).length;
    const free = l.description !== undefined || l.unitPriceMinor !== undefined || l.taxRateBp !== undefined;
    if (listed > 1 || (listed === 1 && free)) {
      ctx.addIssue({
        code: 'custom',
        message: 'A service, a medicine, or a description with its price: one of them',
      });
    } else if (listed === 0) {
      for (const f of ['description', 'unitPriceMinor', 'taxRateBp'] as const) {
        if (l[f] === undefined)
          ctx.addIssue({ code: 'custom', path: [f], message: 'Required for a line not on the price list' });
      }
    }
  });
export type InvoiceLineInput = z.input<typeof InvoiceLineInput>;

/** A change to a draft's line: its quantity, or its discount (null removes it). */
export const UpdateInvoiceLine = z
  .strictObject({ quantity: Quantity.optional(), discount: Discount.nullable().optional() })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateInvoiceLine = z.infer<typeof UpdateInvoiceLine>;
export const InvoiceLineParams = z.strictObject({ id: Uuid, lineId: Uuid });

/** "Generate bill": a draft for a patient registered here. */
export const CreateInvoice = z.strictObject({
  patientId: Uuid,
  departmentId: Uuid.optional(),
  /** The doctor whose care it bills (for revenue by doctor). */
  doctorId: Uuid.optional(),
  notes: multiline(2000).optional(),
  lines: z.array(InvoiceLineInput).max(200).default([]),
});
export type CreateInvoice = z.input<typeof CreateInvoice>;

export const UpdateInvoice = z
  .strictObject({
    departmentId: Uuid.nullable().optional(),
    doctorId: Uuid.nullable().optional(),
    notes: multiline(2000).nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateInvoice = z.infer<typeof UpdateInvoice>;

export const DiscardInvoice = z.strictObject({ reason: line(500) });
export type DiscardInvoice = z.infer<typeof DiscardInvoice>;

const Amounts = {
  grossMinor: z.number().int(),
  discountMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
};

export const InvoiceLine = z.object({
  id: Uuid,
  position: z.number().int(),
  kind: LineKind,
  refId: Uuid.nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  discount: z
    .object({ kind: z.enum(['amount', 'percent']), value: z.number().int(), reason: z.string() })
    .nullable(),
  ...Amounts,
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

export const PaymentMethod = z.enum(['cash', 'card', 'upi', 'insurance', 'bank_transfer', 'advance']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;
/** Ways money changes hands (an advance moves none: it spends what the patient paid before). */
export const MoneyMethod = z.enum(['cash', 'card', 'upi', 'insurance', 'bank_transfer']);
export type MoneyMethod = z.infer<typeof MoneyMethod>;

export const Payment = z.object({
  id: Uuid,
  number: z.string(),
  kind: z.enum(['payment', 'deposit', 'advance_refund']),
  invoiceId: Uuid.nullable(),
  invoiceNumber: z.string().nullable(),
  patientId: Uuid.nullable(),
  method: PaymentMethod,
  currency: z.string(),
  /** Received (or, for an advance refund, paid back). */
  amountMinor: z.number().int(),
  /** Of it, what went to the invoice. */
  appliedMinor: z.number().int(),
  /** Into (+) or out of (-) the patient's advance. */
  advanceMinor: z.number().int(),
  tenderedMinor: z.number().int().nullable(),
  changeMinor: z.number().int().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  receivedAt: Instant,
  receivedByName: z.string().nullable(),
});
export type Payment = z.infer<typeof Payment>;

export const CreditNote = z.object({
  id: Uuid,
  number: z.string(),
  invoiceId: Uuid,
  invoiceNumber: z.string(),
  currency: z.string(),
  amountMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  refundMinor: z.number().int(),
  refundMethod: PaymentMethod.nullable(),
  reason: z.string(),
  issuedOn: IsoDate,
  createdAt: Instant,
  createdByName: z.string().nullable(),
});
export type CreditNote = z.infer<typeof CreditNote>;

const PatientRef = z.object({ id: Uuid, name: z.string(), mrn: z.string().nullable() }).nullable();

export const InvoiceSummary = z.object({
  id: Uuid,
  hospitalId: Uuid,
  number: z.string().nullable(),
  status: InvoiceStatus,
  source: InvoiceSource,
  patient: PatientRef,
  currency: z.string(),
  totalMinor: z.number().int(),
  paidMinor: z.number().int(),
  creditedMinor: z.number().int(),
  /** What is still owed: total less credited less paid. */
  balanceMinor: z.number().int(),
  issuedOn: IsoDate.nullable(),
  createdAt: Instant,
});
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const Invoice = InvoiceSummary.extend({
  /** The issuing hospital's zone: the bill's times read on its clock, wherever the reader is. */
  timeZone: z.string(),
  sourceId: Uuid.nullable(),
  departmentId: Uuid.nullable(),
  departmentName: z.string().nullable(),
  doctorId: Uuid.nullable(),
  doctorName: z.string().nullable(),
  notes: z.string().nullable(),
  ...Amounts,
  lines: z.array(InvoiceLine),
  taxBreakdown: z.array(
    z.object({ taxRateBp: z.number().int(), netMinor: z.number().int(), taxMinor: z.number().int() }),
  ),
  payments: z.array(Payment),
  creditNotes: z.array(CreditNote),
  finalisedAt: Instant.nullable(),
  discardReason: z.string().nullable(),
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoicePage = pageOf(InvoiceSummary);

export const InvoiceSearch = Paging.extend({
  status: InvoiceStatus.optional(),
  source: InvoiceSource.optional(),
  /** The consultation, pharmacy sale or online order an invoice was made for. */
  sourceId: Uuid.optional(),
  patientId: Uuid.optional(),
  /** An invoice number, or part of the patient's name or MRN. */
  q: multiline(100).optional(),
  /** Issued on or after / on or before (the hospital's dates). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Only invoices that still owe something. */
  unpaid: z.enum(['true', 'false']).optional(),
});
export type InvoiceSearch = z.infer<typeof InvoiceSearch>;

// ---------------------------------------------------------------- payments and credit notes

const cashFields = {
  /** Cash handed over; the change is worked out (cash only). */
  tenderedMinor: MinorUnits.optional(),
  /** Card slip, UPI transaction, insurer's claim or bank reference. */
  reference: line(100).optional(),
  note: multiline(500).optional(),
};
const tenderedIsCash = (
  p: { method: string; amountMinor: number; tenderedMinor?: number },
  ctx: z.RefinementCtx,
) => {
  if (p.tenderedMinor === undefined) return;
  if (p.method !== 'cash')
    ctx.addIssue({ code: 'custom', path: ['tenderedMinor'], message: 'Only for cash' });
  else if (p.tenderedMinor < p.amountMinor)
    ctx.addIssue({ code: 'custom', path: ['tenderedMinor'], message: 'Less than the amount paid' });
};

/**
 * A payment against a final invoice. It never exceeds what the invoice owes unless `advance` is
 * true: the rest then goes to the patient's advance. Retrying with the same key returns the first.
 */
export const RecordPayment = z
  .strictObject({
    idempotencyKey: IdempotencyKey,
    method: PaymentMethod,
    amountMinor: PositiveMinor,
    advance: z.boolean().default(false),
    ...cashFields,
  })
  .superRefine((p, ctx) => {
    tenderedIsCash(p, ctx);
    if (p.method === 'advance' && p.advance)
      ctx.addIssue({
        code: 'custom',
        path: ['advance'],
        message: 'An advance cannot be paid from an advance',
      });
  });
export type RecordPayment = z.input<typeof RecordPayment>;

/** Money paid in advance by a patient registered here, before there is a bill to pay. */
export const RecordDeposit = z
  .strictObject({
    idempotencyKey: IdempotencyKey,
    patientId: Uuid,
    method: MoneyMethod,
    amountMinor: PositiveMinor,
    ...cashFields,
  })
  .superRefine(tenderedIsCash);
export type RecordDeposit = z.infer<typeof RecordDeposit>;

/** Paying back (part of) a patient's unused advance. */
export const RefundAdvance = z.strictObject({
  idempotencyKey: IdempotencyKey,
  patientId: Uuid,
  method: MoneyMethod,
  amountMinor: PositiveMinor,
  reference: line(100).optional(),
  note: multiline(500).pipe(z.string().min(1, 'Required')),
});
export type RefundAdvance = z.infer<typeof RefundAdvance>;

/**
 * A credit note against a final invoice: `amountMinor` of it (all that is left when absent), with a
 * reason. What the patient had paid beyond the invoice's new total is refunded by `refundMethod`
 * (`advance`: to the patient's advance), which is then required.
 */
export const IssueCreditNote = z.strictObject({
  idempotencyKey: IdempotencyKey,
  reason: line(500),
  amountMinor: PositiveMinor.optional(),
  refundMethod: PaymentMethod.optional(),
});
export type IssueCreditNote = z.infer<typeof IssueCreditNote>;

export const PatientParams = z.strictObject({ patientId: Uuid });

/** What a patient owes at the active hospital and holds in advance there. */
export const PatientAccount = z.object({
  patientId: Uuid,
  currency: z.string(),
  outstandingMinor: z.number().int(),
  advanceMinor: z.number().int(),
  openInvoices: z.array(InvoiceSummary),
});
export type PatientAccount = z.infer<typeof PatientAccount>;

/** A patient's own bills at every hospital, and what they owe and hold at each. */
export const MyBills = pageOf(InvoiceSummary.extend({ hospitalName: z.string() })).extend({
  balances: z.array(
    z.object({
      hospitalId: Uuid,
      hospitalName: z.string(),
      currency: z.string(),
      outstandingMinor: z.number().int(),
      advanceMinor: z.number().int(),
    }),
  ),
});
export type MyBills = z.infer<typeof MyBills>;
