// Wards, rooms and beds; the bed board; admissions with transfers and discharge (ADR 14). A bed's
// occupancy is a time range, and the database refuses two overlapping ranges on one bed. Daily
// rates are integer minor units of the hospital's currency.
import { z } from 'zod';
import { BoardReservation, OverrideReason } from './bed-reservations';
import { Diagnoses, Diagnosis } from './clinical';
import { Instant, line, MinorUnits, multiline, Paging, pageOf, Uuid } from './common';

export const WARD_KINDS = ['general', 'icu', 'maternity', 'paediatric', 'private', 'other'] as const;
export const WardKind = z.enum(WARD_KINDS);
export type WardKind = z.infer<typeof WardKind>;

export const BED_TYPES = ['standard', 'semi_private', 'private', 'icu', 'isolation', 'cot'] as const;
export const BedType = z.enum(BED_TYPES);
export type BedType = z.infer<typeof BedType>;

/**
 * available → occupied (admitted or transferred in) → cleaning (discharged or transferred out) →
 * available (made ready); reserved and maintenance are set by hand on a bed nobody occupies.
 */
export const BED_STATES = ['available', 'occupied', 'reserved', 'cleaning', 'maintenance'] as const;
export const BedState = z.enum(BED_STATES);
export type BedState = z.infer<typeof BedState>;
/** The states a person may put a free bed in by hand (occupied comes only from an admission). */
export const SettableBedState = z.enum(['available', 'reserved', 'cleaning', 'maintenance']);

const nonEmpty = { message: 'Nothing to change' };

// ---------------------------------------------------------------- set-up

export const Bed = z.object({
  id: Uuid,
  wardId: Uuid,
  roomId: Uuid,
  label: z.string(),
  bedType: BedType,
  dailyRateMinor: z.number().int(),
  state: BedState,
  active: z.boolean(),
});
export type Bed = z.infer<typeof Bed>;

export const Room = z.object({
  id: Uuid,
  wardId: Uuid,
  name: z.string(),
  active: z.boolean(),
  beds: z.array(Bed),
});
export type Room = z.infer<typeof Room>;

export const Ward = z.object({
  id: Uuid,
  name: z.string(),
  kind: WardKind,
  /** The ward's stock store (a store of kind ward), where medicines given on the ward come from. */
  storeId: Uuid.nullable(),
  active: z.boolean(),
  rooms: z.array(Room),
});
export type Ward = z.infer<typeof Ward>;

export const WardList = z.object({ items: z.array(Ward), currency: z.string() });
export type WardList = z.infer<typeof WardList>;

/** A ward store of the hospital (kind ward) that stocks the ward, or null for none. */
const WardStore = Uuid.nullable();

export const CreateWard = z.strictObject({ name: line(100), kind: WardKind, storeId: WardStore.optional() });
export type CreateWard = z.infer<typeof CreateWard>;

/** A partial change; `active: false` closes the ward (its beds leave the board), only when empty. */
export const UpdateWard = z
  .strictObject({
    name: line(100).optional(),
    kind: WardKind.optional(),
    storeId: WardStore.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, nonEmpty);
export type UpdateWard = z.infer<typeof UpdateWard>;

export const CreateRoom = z.strictObject({ wardId: Uuid, name: line(100) });
export type CreateRoom = z.infer<typeof CreateRoom>;

export const UpdateRoom = z
  .strictObject({ name: line(100).optional(), active: z.boolean().optional() })
  .refine((u) => Object.keys(u).length > 0, nonEmpty);
export type UpdateRoom = z.infer<typeof UpdateRoom>;

export const CreateBed = z.strictObject({
  roomId: Uuid,
  /** Unique in the ward, e.g. "G-12". */
  label: line(40),
  bedType: BedType,
  dailyRateMinor: MinorUnits,
});
export type CreateBed = z.infer<typeof CreateBed>;

export const UpdateBed = z
  .strictObject({
    label: line(40).optional(),
    bedType: BedType.optional(),
    dailyRateMinor: MinorUnits.optional(),
    state: SettableBedState.optional(),
    active: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, nonEmpty);
export type UpdateBed = z.infer<typeof UpdateBed>;

// ---------------------------------------------------------------- bed board

export const BoardPatient = z.object({
  admissionId: Uuid,
  patientId: Uuid,
  name: z.string(),
  mrn: z.string().nullable(),
  admittedAt: Instant,
});

export const BoardBed = Bed.omit({ active: true }).extend({
  roomName: z.string(),
  patient: BoardPatient.nullable(),
  /**
   * Who the bed is held for, and until when (the earliest reservation still holding it); the state
   * then reads `reserved` unless the bed is occupied, being cleaned or under maintenance.
   */
  reservation: BoardReservation.nullable(),
});
export type BoardBed = z.infer<typeof BoardBed>;

export const FreeByType = z.object({ bedType: BedType, free: z.number().int() });

export const BoardWard = z.object({
  id: Uuid,
  name: z.string(),
  kind: WardKind,
  beds: z.array(BoardBed),
  /** Active beds in state available (a reserved bed is not free). */
  free: z.number().int(),
  freeByType: z.array(FreeByType),
});

/** Every active ward's active beds with their state and patient, and the free beds. */
export const BedBoard = z.object({
  wards: z.array(BoardWard),
  free: z.number().int(),
  freeByType: z.array(FreeByType),
});
export type BedBoard = z.infer<typeof BedBoard>;

// ---------------------------------------------------------------- admissions

export const ADMISSION_SOURCES = ['consultation', 'front_desk', 'emergency'] as const;
export const AdmissionSource = z.enum(ADMISSION_SOURCES);

export const AdmitPatient = z
  .strictObject({
    patientId: Uuid,
    bedId: Uuid,
    source: AdmissionSource,
    /** Required when the source is a consultation: one of the patient's at this hospital. */
    consultationId: Uuid.optional(),
    reason: multiline(2000).default(''),
    /** Why someone other than the patient a reservation names goes into the reserved bed. */
    overrideReservation: OverrideReason.optional(),
  })
  .refine((a) => (a.source === 'consultation') === (a.consultationId !== undefined), {
    message: 'A consultation id goes with, and only with, the source consultation',
    path: ['consultationId'],
  });
export type AdmitPatient = z.infer<typeof AdmitPatient>;

export const TransferPatient = z.strictObject({
  bedId: Uuid,
  overrideReservation: OverrideReason.optional(),
});
export type TransferPatient = z.infer<typeof TransferPatient>;

/** How the patient leaves, as the discharge summary records it. */
export const DISCHARGE_CONDITIONS = ['recovered', 'improved', 'stable', 'unchanged', 'deteriorated'] as const;
export const DischargeCondition = z.enum(DISCHARGE_CONDITIONS);
export type DischargeCondition = z.infer<typeof DischargeCondition>;

/** A medicine the patient goes home on: "Amoxicillin 500 mg capsule", "1 three times a day for 5 days". */
export const DischargeMedicine = z.strictObject({ name: line(200), directions: multiline(300).default('') });

/**
 * The discharge summary. Diagnoses left out are those of the consultation the patient was admitted
 * from (none without one); codes must be active ICD-10 codes, one diagnosis primary.
 */
export const DischargePatient = z.strictObject({
  /** The course in hospital: what happened during the stay. */
  summary: multiline(20_000).refine((s) => s.length > 0, 'Required'),
  condition: DischargeCondition,
  diagnoses: Diagnoses.optional(),
  procedures: z.array(line(300)).max(30, 'At most 30 procedures').default([]),
  medicines: z.array(DischargeMedicine).max(30, 'At most 30 medicines').default([]),
  followUp: multiline(4000).refine((s) => s.length > 0, 'Required'),
});
export type DischargePatient = z.infer<typeof DischargePatient>;
export type DischargePatientInput = z.input<typeof DischargePatient>;

/** The structured part of a discharge summary, as written at discharge. */
export const DischargeDetails = z.object({
  condition: DischargeCondition,
  diagnoses: z.array(Diagnosis),
  procedures: z.array(z.string()),
  medicines: z.array(z.object({ name: z.string(), directions: z.string() })),
  followUp: z.string(),
});
export type DischargeDetails = z.infer<typeof DischargeDetails>;

export const BedStay = z.object({
  bedId: Uuid,
  bedLabel: z.string(),
  wardId: Uuid,
  wardName: z.string(),
  from: Instant,
  /** Null while the patient is in the bed. */
  to: Instant.nullable(),
  endedBy: z.enum(['transfer', 'discharge']).nullable(),
});

export const Admission = z.object({
  id: Uuid,
  patient: z.object({ id: Uuid, name: z.string(), mrn: z.string().nullable() }),
  source: AdmissionSource,
  consultationId: Uuid.nullable(),
  reason: z.string(),
  status: z.enum(['active', 'discharged']),
  admittedAt: Instant,
  dischargedAt: Instant.nullable(),
  /** The course in hospital, written at discharge. */
  dischargeSummary: z.string().nullable(),
  /** Diagnoses, procedures, medicines, follow-up and condition (null before discharge). */
  discharge: DischargeDetails.nullable(),
  /** The bed now (null once discharged). */
  bed: BedStay.nullable(),
  /** Every bed of the stay, oldest first. */
  stays: z.array(BedStay),
});
export type Admission = z.infer<typeof Admission>;

export const AdmissionSearch = Paging.extend({
  status: z.enum(['active', 'discharged', 'all']).default('active'),
  patientId: Uuid.optional(),
});
export type AdmissionSearch = z.infer<typeof AdmissionSearch>;

export const AdmissionPage = pageOf(Admission);
