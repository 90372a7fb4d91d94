// Scheduling: doctors' weekly availability and its exceptions, free slots, and appointments.
// Times of day and dates are local to the hospital (its time zone); instants are UTC on the wire.
import { z } from 'zod';
import { Instant, IsoDate, line, multiline, Paging, pageOf, Uuid } from './common';
import { IdempotencyKey } from './dispensing';

/** A wall-clock time of day, HH:MM (24-hour), in the hospital's time zone. */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Must be a time as HH:MM (00:00–23:59)');

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;
export const SlotMinutes = z.number().int().min(MIN_SLOT_MINUTES).max(MAX_SLOT_MINUTES);

/** How many days one request for free slots may span. */
export const MAX_SLOT_RANGE_DAYS = 31;

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export const AvailabilityTemplate = z.object({
  id: Uuid,
  doctorId: Uuid,
  hospitalId: Uuid,
  weekday: Weekday,
  startTime: LocalTime,
  endTime: LocalTime,
  slotMinutes: SlotMinutes,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
});
export type AvailabilityTemplate = z.infer<typeof AvailabilityTemplate>;

/** A weekly window of consulting hours, cut into slots of `slotMinutes`. */
export const CreateAvailabilityTemplate = z
  .strictObject({
    doctorId: Uuid,
    weekday: Weekday,
    startTime: LocalTime,
    endTime: LocalTime,
    slotMinutes: SlotMinutes,
    effectiveFrom: IsoDate,
    /** The last day it applies; absent: until further notice. */
    effectiveTo: IsoDate.optional(),
  })
  .refine((t) => t.endTime > t.startTime, { message: 'Must be after startTime', path: ['endTime'] })
  .refine((t) => !t.effectiveTo || t.effectiveTo >= t.effectiveFrom, {
    message: 'Must not be before effectiveFrom',
    path: ['effectiveTo'],
  });
export type CreateAvailabilityTemplate = z.infer<typeof CreateAvailabilityTemplate>;

export const AvailabilityException = z.object({
  id: Uuid,
  hospitalId: Uuid,
  /** Null: a hospital holiday, for every doctor. */
  doctorId: Uuid.nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  /** Both null: whole days; else this time range on each day from startsOn to endsOn. */
  startTime: LocalTime.nullable(),
  endTime: LocalTime.nullable(),
  reason: z.string(),
});
export type AvailabilityException = z.infer<typeof AvailabilityException>;

/** Leave for a doctor, or a hospital holiday; whole days or a time range on each day. */
export const CreateAvailabilityException = z
  .strictObject({
    /** The doctor on leave; null for a hospital holiday (hospital admins only). */
    doctorId: Uuid.nullable(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    startTime: LocalTime.optional(),
    endTime: LocalTime.optional(),
    reason: line(200),
  })
  .refine((e) => e.endsOn >= e.startsOn, { message: 'Must not be before startsOn', path: ['endsOn'] })
  .refine((e) => daysBetween(e.startsOn, e.endsOn) <= 366, {
    message: 'At most a year at a time',
    path: ['endsOn'],
  })
  .refine((e) => (e.startTime === undefined) === (e.endTime === undefined), {
    message: 'Give both startTime and endTime, or neither for whole days',
    path: ['endTime'],
  })
  .refine((e) => !e.startTime || !e.endTime || e.endTime > e.startTime, {
    message: 'Must be after startTime',
    path: ['endTime'],
  });
export type CreateAvailabilityException = z.infer<typeof CreateAvailabilityException>;

export const AvailabilityQuery = z.strictObject({
  /** The doctor profile; a doctor may leave it out for their own at the active hospital. */
  doctorId: Uuid.optional(),
});

export const Availability = z.object({
  doctorId: Uuid,
  hospitalId: Uuid,
  timeZone: z.string(),
  templates: z.array(AvailabilityTemplate),
  /** The doctor's own exceptions and the hospital's holidays. */
  exceptions: z.array(AvailabilityException),
});
export type Availability = z.infer<typeof Availability>;

/** Local dates, inclusive, at most MAX_SLOT_RANGE_DAYS apart. */
export const SlotQuery = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((q) => q.to >= q.from, { message: 'Must not be before from', path: ['to'] })
  .refine((q) => daysBetween(q.from, q.to) < MAX_SLOT_RANGE_DAYS, {
    message: `At most ${MAX_SLOT_RANGE_DAYS} days at a time`,
    path: ['to'],
  });
export type SlotQuery = z.infer<typeof SlotQuery>;

export const Slot = z.object({ startsAt: Instant, endsAt: Instant });
export type Slot = z.infer<typeof Slot>;

export const SlotList = z.object({
  doctorId: Uuid,
  hospitalId: Uuid,
  timeZone: z.string(),
  slots: z.array(Slot),
});
export type SlotList = z.infer<typeof SlotList>;

/** How far ahead the doctor finder looks for each doctor's next free time. */
export const NEXT_FREE_DAYS = 14;

export const NextFreeQuery = z.strictObject({
  /** The doctors, comma-separated (the ones a finder shows; at most 100). */
  ids: z
    .string()
    .max(4000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(Uuid).min(1).max(100)),
});
export type NextFreeQuery = z.infer<typeof NextFreeQuery>;

export const NextFreeList = z.object({
  items: z.array(
    z.object({
      doctorId: Uuid,
      timeZone: z.string(),
      /** The first free slot from now, within NEXT_FREE_DAYS; null when there is none. */
      startsAt: Instant.nullable(),
    }),
  ),
});
export type NextFreeList = z.infer<typeof NextFreeList>;

export const APPOINTMENT_STATUSES = [
  'booked',
  'checked_in',
  'in_consultation',
  'completed',
  'cancelled',
  'no_show',
] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const Appointment = z.object({
  id: Uuid,
  hospitalId: Uuid,
  hospitalName: z.string(),
  timeZone: z.string(),
  doctorId: Uuid,
  doctorName: z.string(),
  patientId: Uuid,
  patientName: z.string(),
  /** The patient's MRN at the hospital (staff views); null for the patient's own list. */
  mrn: z.string().nullable(),
  startsAt: Instant,
  endsAt: Instant,
  status: AppointmentStatus,
  reason: z.string(),
  bookedAt: Instant,
  cancelledAt: Instant.nullable(),
  cancellationReason: z.string().nullable(),
  /** Came without an appointment: seen in token order, holds no slot of the doctor's calendar. */
  walkIn: z.boolean(),
  /** The queue token check-in gave, on the hospital's local day `queueDate`; null before check-in. */
  token: z.number().int().nullable(),
  queueDate: IsoDate.nullable(),
  checkedInAt: Instant.nullable(),
  /** When the doctor called the patient in. */
  calledAt: Instant.nullable(),
});
export type Appointment = z.infer<typeof Appointment>;
export const AppointmentPage = pageOf(Appointment);

/**
 * A booking: a patient books for themselves (no patientId); reception books for a patient
 * registered at the active hospital. `startsAt` must be the start of a free slot.
 */
export const BookAppointment = z.strictObject({
  idempotencyKey: IdempotencyKey,
  doctorId: Uuid,
  startsAt: Instant,
  patientId: Uuid.optional(),
  reason: multiline(500).optional(),
});
export type BookAppointment = z.infer<typeof BookAppointment>;

export const CancelAppointment = z.strictObject({
  /** Required when staff cancel; the patient reads it. */
  reason: multiline(500).optional(),
});
export type CancelAppointment = z.infer<typeof CancelAppointment>;

/** Moves the appointment to another free slot of the same doctor, or changes nothing. */
export const RescheduleAppointment = z.strictObject({ startsAt: Instant });
export type RescheduleAppointment = z.infer<typeof RescheduleAppointment>;

export const OwnAppointmentQuery = Paging.extend({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
});

/** The active hospital's appointments on one local day, optionally one doctor's. */
export const DayAppointmentQuery = Paging.extend({
  date: IsoDate,
  doctorId: Uuid.optional(),
  status: AppointmentStatus.optional(),
});

export const DoctorDayQuery = z.strictObject({ date: IsoDate });

/**
 * The hospital's appointments over the last 30 local days (the admin's dashboard chart: per day,
 * the visits that stood and those cancelled), and the latest booked.
 */
export const AppointmentInsights = z.object({
  timeZone: z.string(),
  byDay: z.array(
    z.object({
      day: IsoDate,
      appointments: z.number().int().min(0),
      cancelled: z.number().int().min(0),
    }),
  ),
  recent: z.array(Appointment),
});
export type AppointmentInsights = z.infer<typeof AppointmentInsights>;

/** How a hospital runs its appointments. */
export const SchedulingSettings = z.object({
  /** Patients move or cancel their own appointments online until this many hours before. */
  patientChangeCutoffHours: z.number().int(),
  /** A booked patient not checked in this many minutes after the start is marked no-show. */
  noShowGraceMinutes: z.number().int(),
});
export type SchedulingSettings = z.infer<typeof SchedulingSettings>;

/** The whole set of rules: a change names every value (an incomplete body changes nothing). */
export const UpdateSchedulingSettings = z.strictObject({
  patientChangeCutoffHours: z.number().int().min(0).max(168),
  noShowGraceMinutes: z.number().int().min(5).max(720),
});
export type UpdateSchedulingSettings = z.infer<typeof UpdateSchedulingSettings>;
