// An in-patient's stay and its bill (ADR 14): bed-days counted by the hospital's rule, medicines
// given on the ward, the running bill of the stay, what the patient still owes at the hospital
// before they leave, and the invoice the discharge makes. Money is integer minor units of the
// hospital's currency.
import { z } from 'zod';
import { InvoiceSummary } from './billing';
import { TaxRateBp } from './price-list';
import { Instant, IsoDate, pageOf, Uuid } from './common';
import { Admission, BedType } from './wards';

/**
 * How bed-days are counted, in the hospital's time zone. `midnight_census`: a day for every
 * midnight spent in a bed, at that bed's rate; a stay crossing no midnight is one day at the
 * admitting bed's rate. `calendar_day`: a day for every calendar date begun in a bed, at the
 * highest rate of the beds held that date.
 */
export const BED_DAY_RULES = ['midnight_census', 'calendar_day'] as const;
export const BedDayRule = z.enum(BED_DAY_RULES);
export type BedDayRule = z.infer<typeof BedDayRule>;

export const WardBillingSettings = z.object({
  bedDayRule: BedDayRule,
  /** Tax on bed-days in basis points (500 = 5%); 0 where room rent is not taxed. */
  bedDayTaxRateBp: z.number().int(),
});
export type WardBillingSettings = z.infer<typeof WardBillingSettings>;
/** A partial change: either setting, or both. */
export const UpdateWardBillingSettings = z
  .strictObject({ bedDayRule: BedDayRule.optional(), bedDayTaxRateBp: TaxRateBp.optional() })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateWardBillingSettings = z.infer<typeof UpdateWardBillingSettings>;

/** Days in beds of one ward and bed type at one daily rate. */
export const BedDayCharge = z.object({
  wardId: Uuid,
  wardName: z.string(),
  bedType: BedType,
  dailyRateMinor: z.number().int(),
  /** The hospital's tax on bed-days (basis points). */
  taxRateBp: z.number().int(),
  days: z.number().int(),
  /** The first and last dates charged (the hospital's dates). */
  from: IsoDate,
  to: IsoDate,
  totalMinor: z.number().int(),
});
export type BedDayCharge = z.infer<typeof BedDayCharge>;

/** A medicine given on the ward, at the pharmacy's sale price and tax. */
export const MedicineCharge = z.object({
  medicineId: Uuid,
  name: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  totalMinor: z.number().int(),
});
export type MedicineCharge = z.infer<typeof MedicineCharge>;

/**
 * Services from the price list given on the ward (ward charges), one entry per service and price
 * (voided charges left out), at the price and tax each had when given.
 */
export const ServiceCharge = z.object({
  serviceId: Uuid,
  name: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  taxRateBp: z.number().int(),
  totalMinor: z.number().int(),
});
export type ServiceCharge = z.infer<typeof ServiceCharge>;

/**
 * What the patient owes at the hospital before leaving: the stay's charges not yet invoiced, the
 * final invoices still unpaid (the admission's own among them once discharged), and the advance
 * that can pay them. Drafts are listed but owe nothing until issued. An unpaid balance never
 * blocks a discharge: it is what the desk collects. A lab sample still to be taken does.
 */
export const DischargeCheck = z.object({
  admissionId: Uuid,
  currency: z.string(),
  /** The stay's charges so far, not yet on an invoice (0 once discharged). */
  unbilledMinor: z.number().int(),
  /** The invoice the discharge made (null before discharge, or when there was nothing to bill). */
  admissionInvoice: InvoiceSummary.nullable(),
  openInvoices: z.array(InvoiceSummary),
  draftInvoices: z.array(InvoiceSummary),
  /** The balances of the open invoices. */
  outstandingMinor: z.number().int(),
  advanceMinor: z.number().int(),
  /** Outstanding plus unbilled. */
  owedMinor: z.number().int(),
  /** Of what is owed, what the advance covers. */
  fromAdvanceMinor: z.number().int(),
  /** What is left to collect. */
  toCollectMinor: z.number().int(),
  /**
   * The numbers of the stay's lab orders with a sample still to be taken (ADR 30): while there is
   * one, the discharge is refused (409 LAB_SAMPLES_PENDING). Empty once discharged.
   */
  labOrdersAwaitingSample: z.array(z.string()),
});
export type DischargeCheck = z.infer<typeof DischargeCheck>;

/** The running bill of a stay: counted up to now, or to the discharge. */
export const AdmissionCharges = z.object({
  admissionId: Uuid,
  status: z.enum(['active', 'discharged']),
  currency: z.string(),
  bedDayRule: BedDayRule,
  timeZone: z.string(),
  countedTo: Instant,
  bedDays: z.array(BedDayCharge),
  services: z.array(ServiceCharge),
  medicines: z.array(MedicineCharge),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  check: DischargeCheck,
});
export type AdmissionCharges = z.infer<typeof AdmissionCharges>;

/** The discharged admission, and what is still owed. */
export const DischargedAdmission = Admission.extend({ check: DischargeCheck });
export type DischargedAdmission = z.infer<typeof DischargedAdmission>;

// ---------------------------------------------------------------- the patient's own stays

/** A ward and bed of one's own stay. */
export const OwnBedStay = z.object({
  wardName: z.string(),
  bedLabel: z.string(),
  from: Instant,
  /** Null while the patient is in the bed. */
  to: Instant.nullable(),
});

/** One of the signed-in patient's stays, at any hospital (the portal's "My stays"). */
export const OwnStay = z.object({
  id: Uuid,
  hospitalId: Uuid,
  hospitalName: z.string(),
  /** The hospital's time zone, in which its times read. */
  timeZone: z.string(),
  status: z.enum(['active', 'discharged']),
  admittedAt: Instant,
  dischargedAt: Instant.nullable(),
  reason: z.string(),
  /** The bed the patient is in now, or the last one they left. */
  ward: z.string(),
  bed: z.string(),
  /** Every bed of the stay, oldest first. */
  beds: z.array(OwnBedStay),
  /**
   * The attending doctor: the doctor of the consultation the patient was admitted from, else the
   * doctor who discharged or admitted them; null when none of them was a doctor.
   */
  doctorName: z.string().nullable(),
  /** Where the discharge summary PDF is fetched (discharged stays only). */
  summaryPdf: z.string().nullable(),
});
export type OwnStay = z.infer<typeof OwnStay>;

export const OwnStayPage = pageOf(OwnStay);
export type OwnStayPage = z.infer<typeof OwnStayPage>;
