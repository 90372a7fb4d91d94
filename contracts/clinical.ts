// Consultations: vitals, diagnoses with ICD-10 codes, prescriptions written for the pharmacy, addenda
// after closing; the ICD-10 code list; a patient's visit history.
import { z } from 'zod';
import { Instant, line, multiline, Paging, pageOf, Uuid } from './common';
import { MedicineForm, Quantity } from './pharmacy';

// ---------------------------------------------------------------- ICD-10

/** An ICD-10 code as the table's check holds it: A00, I10, E11.9, S72.001A. */
export const ICD10_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
export const Icd10CodeString = z
  .string()
  .trim()
  .toUpperCase()
  .regex(ICD10_PATTERN, 'Must be an ICD-10 code such as I10 or E11.9');

export const Icd10Code = z.object({
  code: z.string(),
  title: z.string(),
  chapter: z.string().nullable(),
  active: z.boolean(),
});
export type Icd10Code = z.infer<typeof Icd10Code>;

export const Icd10Search = z.strictObject({
  /** A code or its beginning (E11), or words of the title, typo-tolerant (diabetis). */
  q: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const Icd10SearchResult = z.object({ items: z.array(Icd10Code) });

/** What an import did. A file with any refused row changes nothing (422 with the rows). */
export const Icd10ImportReport = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), errors: z.array(z.string()) })),
});
export type Icd10ImportReport = z.infer<typeof Icd10ImportReport>;

// ---------------------------------------------------------------- vitals and diagnoses

export const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: 'Must be a number' })
    .int('Must be a whole number')
    .min(min, `${what} must be between ${min} and ${max}`)
    .max(max, `${what} must be between ${min} and ${max}`);
export const decimal = (min: number, max: number, what: string) =>
  z
    .number({ error: 'Must be a number' })
    .min(min, `${what} must be between ${min} and ${max}`)
    .max(max, `${what} must be between ${min} and ${max}`);

/** Both pressures or neither, the diastolic below the systolic (consultations and ward charts). */
export function checkBloodPressure(
  v: { systolic?: number | null; diastolic?: number | null },
  ctx: z.RefinementCtx,
): void {
  const s = v.systolic ?? null;
  const d = v.diastolic ?? null;
  if ((s === null) !== (d === null)) {
    ctx.addIssue({
      code: 'custom',
      path: [s === null ? 'systolic' : 'diastolic'],
      message: 'Give both systolic and diastolic pressure, or neither',
    });
  } else if (s !== null && d !== null && d >= s) {
    ctx.addIssue({ code: 'custom', path: ['diastolic'], message: 'Must be below the systolic pressure' });
  }
}

/** Vital signs as entered; each may be left out. Ranges are those the database holds. */
export const Vitals = z
  .strictObject({
    systolic: whole(40, 300, 'Systolic pressure').nullish(),
    diastolic: whole(20, 200, 'Diastolic pressure').nullish(),
    pulse: whole(20, 300, 'Pulse').nullish(),
    temperatureC: decimal(25, 45, 'Temperature').nullish(),
    spo2: whole(50, 100, 'SpO2').nullish(),
    weightKg: decimal(0.3, 500, 'Weight').nullish(),
    heightCm: decimal(20, 260, 'Height').nullish(),
  })
  .superRefine(checkBloodPressure);
export type Vitals = z.infer<typeof Vitals>;

export const VitalsView = z.object({
  systolic: z.number().int().nullable(),
  diastolic: z.number().int().nullable(),
  pulse: z.number().int().nullable(),
  temperatureC: z.number().nullable(),
  spo2: z.number().int().nullable(),
  weightKg: z.number().nullable(),
  heightCm: z.number().nullable(),
  /** Computed from weight and height, one decimal; null without both. */
  bmi: z.number().nullable(),
  recordedAt: Instant,
});
export type VitalsView = z.infer<typeof VitalsView>;

export const DiagnosisInput = z.strictObject({
  /** An active code of the list; left out when no code fits. */
  code: Icd10CodeString.nullish(),
  /** The words; defaults to the code's title when a code is given. */
  description: line(300).optional(),
  primary: z.boolean().default(false),
});

export const Diagnoses = z
  .array(DiagnosisInput)
  .max(20, 'At most 20 diagnoses')
  .superRefine((list, ctx) => {
    const primaries = list.filter((d) => d.primary).length;
    if (list.length > 0 && primaries !== 1) {
      ctx.addIssue({ code: 'custom', message: 'Mark exactly one diagnosis as primary' });
    }
    list.forEach((d, i) => {
      if (!d.code && !d.description) {
        ctx.addIssue({ code: 'custom', path: [i, 'description'], message: 'Give a code or a description' });
      }
      const again = d.code ? list.findIndex((o) => o.code === d.code) : i;
      if (again !== i) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'Listed twice' });
    });
  });

export const Diagnosis = z.object({
  code: z.string().nullable(),
  description: z.string(),
  primary: z.boolean(),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

// ---------------------------------------------------------------- prescribing

/** How often: the usual Latin abbreviations; PRN (as needed) and STAT (once, now). */
export const FREQUENCIES = ['OD', 'BD', 'TDS', 'QID', 'Q4H', 'Q6H', 'Q8H', 'HS', 'PRN', 'STAT'] as const;
export const Frequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof Frequency>;
/** Doses a day of each frequency; null where no count follows (as needed). STAT is one dose in all. */
export const TIMES_PER_DAY: Record<Frequency, number | null> = {
  OD: 1,
  BD: 2,
  TDS: 3,
  QID: 4,
  Q4H: 6,
  Q6H: 4,
  Q8H: 3,
  HS: 1,
  PRN: null,
  STAT: null,
};

export const ROUTES = [
  'oral',
  'sublingual',
  'topical',
  'inhaled',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'transdermal',
  'intravenous',
  'intramuscular',
  'subcutaneous',
] as const;
export const AdministrationRoute = z.enum(ROUTES);
export type AdministrationRoute = z.infer<typeof AdministrationRoute>;

/** Forms counted dose by dose, whose quantity the server works out: dose × times a day × days. */
export const COUNTED_FORMS: readonly MedicineForm[] = ['tablet', 'capsule', 'lozenge', 'suppository'];

export const PrescriptionLineInput = z.strictObject({
  medicineId: Uuid,
  /** Units per dose: 1, 0.5 (half a tablet), 2, or 5 for 5 ml. */
  dose: z
    .number({ error: 'Must be a number' })
    .positive('Must be more than 0')
    .max(1000, 'At most 1000')
    .refine((n) => Number.isInteger(n * 4), 'In steps of a quarter at most'),
  /** The unit of the dose when it is not the dispensing unit (ml of a syrup); else left out. */
  doseUnit: line(30).optional(),
  frequency: Frequency,
  durationDays: z.number().int('Must be a whole number of days').min(1).max(365),
  route: AdministrationRoute,
  /** Dispensing units to hand out: worked out for counted forms, required for the others. */
  quantity: Quantity.optional(),
  instructions: line(300).optional(),
});
export type PrescriptionLineInput = z.infer<typeof PrescriptionLineInput>;

export const PrescriptionDraft = z.strictObject({
  lines: z.array(PrescriptionLineInput).max(30, 'At most 30 lines'),
});
export type PrescriptionDraft = z.infer<typeof PrescriptionDraft>;

/**
 * A prescription line as the doctor is still writing it: only the medicine is required; what is
 * missing is asked for when the prescription is checked or the consultation closed.
 */
export const DraftLine = z.strictObject({
  medicineId: Uuid,
  dose: z.number().positive().max(1000).nullable(),
  doseUnit: line(30).nullable(),
  frequency: Frequency.nullable(),
  durationDays: z.number().int().min(1).max(365).nullable(),
  route: AdministrationRoute.nullable(),
  quantity: Quantity.nullable(),
  instructions: line(300).nullable(),
});
export type DraftLine = z.infer<typeof DraftLine>;

/** A draft line with what the screen shows of its medicine. */
export const DraftLineView = DraftLine.extend({
  medicineName: z.string(),
  form: z.string(),
  dispensingUnit: z.string(),
});
export type DraftLineView = z.infer<typeof DraftLineView>;

export const AllergyWarning = z.object({
  substance: z.string(),
  reaction: z.string(),
  severity: z.string(),
});
export type AllergyWarning = z.infer<typeof AllergyWarning>;

export const MedicineStock = z.object({
  /** Usable units across the hospital's stores. */
  onHand: z.number().int(),
  /** What the pharmacy can hand out now (not promised to online orders). */
  availableInPharmacy: z.number().int(),
});

/** Before prescribing a medicine: the patient's allergies it matches, and the stock. */
export const PrescribingAid = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  form: MedicineForm,
  dispensingUnit: z.string(),
  active: z.boolean(),
  counted: z.boolean(),
  stock: MedicineStock,
  allergyWarnings: z.array(AllergyWarning),
});
export type PrescribingAid = z.infer<typeof PrescribingAid>;
export const PrescribingAidQuery = z.strictObject({ medicineId: Uuid });

export const CheckedLine = PrescriptionLineInput.extend({
  quantity: z.number().int(),
  /** The directions as printed and sent to the pharmacy. */
  directions: z.string(),
  medicineName: z.string(),
  form: MedicineForm,
  dispensingUnit: z.string(),
  stock: MedicineStock,
  allergyWarnings: z.array(AllergyWarning),
});
export type CheckedLine = z.infer<typeof CheckedLine>;

/** A draft checked by the server: quantities worked out, directions worded, warnings and stock. */
export const CheckedPrescription = z.object({
  lines: z.array(CheckedLine),
  /** Any line with a warning about the patient's allergies. */
  hasAllergyWarnings: z.boolean(),
});
export type CheckedPrescription = z.infer<typeof CheckedPrescription>;

/** A line as the pharmacy received it at closing. */
export const WrittenLine = z.object({
  medicineId: Uuid,
  medicineName: z.string(),
  dispensingUnit: z.string(),
  quantity: z.number().int(),
  directions: z.string().nullable(),
});
export type WrittenLine = z.infer<typeof WrittenLine>;

// ---------------------------------------------------------------- consultations

export const ConsultationStatus = z.enum(['open', 'closed']);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

/** From a checked-in appointment (the doctor's own), or a walk-in patient registered here. */
export const OpenConsultation = z.union([
  z.strictObject({ appointmentId: Uuid }),
  z.strictObject({ patientId: Uuid }),
]);
export type OpenConsultation = z.infer<typeof OpenConsultation>;

export const UpdateConsultation = z.strictObject({
  chiefComplaint: multiline(1000).optional(),
  notes: multiline(10_000).optional(),
  followUp: multiline(2000).optional(),
  /** Lab tests requested, as free text for now. */
  labRequests: multiline(2000).optional(),
  /** The consultation's vital signs (replaced as a whole; null removes them). */
  vitals: Vitals.nullable().optional(),
  /** The diagnoses (replaced as a whole). */
  diagnoses: Diagnoses.optional(),
  /** The prescription being written (replaced as a whole; lines may be unfinished). */
  prescriptionDraft: z.array(DraftLine).max(30, 'At most 30 lines').optional(),
});
export type UpdateConsultation = z.infer<typeof UpdateConsultation>;

export const CloseConsultation = z.strictObject({
  /** The prescription to send to the pharmacy; none (or no lines) writes none. */
  prescription: PrescriptionDraft.optional(),
});
export type CloseConsultation = z.infer<typeof CloseConsultation>;

export const AddAddendum = z.strictObject({ text: multiline(5000).pipe(z.string().min(1, 'Required')) });
export type AddAddendum = z.infer<typeof AddAddendum>;

export const Addendum = z.object({
  id: Uuid,
  text: z.string(),
  authorName: z.string(),
  createdAt: Instant,
});
export type Addendum = z.infer<typeof Addendum>;

export const Consultation = z.object({
  id: Uuid,
  hospitalId: Uuid,
  hospitalName: z.string(),
  patientId: Uuid,
  patientName: z.string(),
  mrn: z.string().nullable(),
  patientSex: z.string(),
  patientDateOfBirth: z.string().nullable(),
  doctorId: Uuid,
  doctorName: z.string(),
  appointmentId: Uuid.nullable(),
  status: ConsultationStatus,
  chiefComplaint: z.string(),
  notes: z.string(),
  followUp: z.string(),
  labRequests: z.string(),
  vitals: VitalsView.nullable(),
  diagnoses: z.array(Diagnosis),
  /** The patient's active allergies, for every prescribing decision. */
  allergies: z.array(AllergyWarning),
  /** The prescription sent to the pharmacy at closing. */
  prescriptionId: Uuid.nullable(),
  prescription: z.array(WrittenLine),
  /** The prescription still being written, as last saved (empty once closed). */
  prescriptionDraft: z.array(DraftLineView),
  addenda: z.array(Addendum),
  openedAt: Instant,
  closedAt: Instant.nullable(),
  /** Whether the caller may change it now: its doctor, while it is open. */
  canEdit: z.boolean(),
});
export type Consultation = z.infer<typeof Consultation>;

// ---------------------------------------------------------------- visit history

export const Visit = z.object({
  id: Uuid,
  hospitalId: Uuid,
  hospitalName: z.string(),
  /** The hospital's zone: a visit's times read on its clock, wherever the reader is. */
  timeZone: z.string(),
  doctorName: z.string(),
  specialty: z.string(),
  status: ConsultationStatus,
  openedAt: Instant,
  closedAt: Instant.nullable(),
  chiefComplaint: z.string(),
  followUp: z.string(),
  labRequests: z.string(),
  diagnoses: z.array(Diagnosis),
  prescriptionId: Uuid.nullable(),
  prescription: z.array(WrittenLine),
  addenda: z.array(Addendum),
});
export type Visit = z.infer<typeof Visit>;
export const VisitPage = pageOf(Visit);
export type VisitPage = z.infer<typeof VisitPage>;
export const VisitQuery = Paging;
export const PatientVisitsParams = z.strictObject({ id: Uuid });
