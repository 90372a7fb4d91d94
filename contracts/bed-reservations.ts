// Bed reservations (ADR 14, "Reservations"): a bed held for a named patient registered at the
// hospital, from now or later until an expiry at most a week ahead. While it holds, the bed shows
// as reserved and only that patient is admitted into it (anybody else: 409 BED_RESERVED, unless the
// caller overrides with a reason); admitting the patient consumes it; cancelling or expiring frees
// the bed. Two reservations of one bed never overlap in time (a database constraint).
import { z } from 'zod';
import { Instant, line, multiline, Paging, pageOf, Uuid } from './common';

/** How far ahead a reservation may run, counted from now. */
export const MAX_RESERVATION_DAYS = 7;

export const RESERVATION_STATUSES = ['active', 'consumed', 'cancelled', 'expired'] as const;
export const ReservationStatus = z.enum(RESERVATION_STATUSES);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

export const CreateReservation = z
  .strictObject({
    bedId: Uuid,
    patientId: Uuid,
    /** When the bed is held from; left out, now. Never in the past (a minute's clock drift allowed). */
    from: Instant.optional(),
    /** When the reservation lapses by itself: after `from`, at most MAX_RESERVATION_DAYS from now. */
    until: Instant,
    /** Why: "knee replacement on Tuesday", "transfer from St Mary's", "waiting in the ER". */
    reason: multiline(1000).default(''),
  })
  .refine((r) => r.from === undefined || Date.parse(r.from) < Date.parse(r.until), {
    message: 'The reservation must end after it starts',
    path: ['until'],
  });
export type CreateReservation = z.infer<typeof CreateReservation>;
export type CreateReservationInput = z.input<typeof CreateReservation>;

export const CancelReservation = z.strictObject({ reason: multiline(1000).default('') });
export type CancelReservation = z.infer<typeof CancelReservation>;

/**
 * Admitting (or transferring) someone other than the named patient into a reserved bed: why. The
 * reservations overridden end, and the override is audited.
 */
export const OverrideReason = line(500);

/** A reservation as the bed board shows it on the bed, to staff who read the board. */
export const BoardReservation = z.object({
  id: Uuid,
  patientId: Uuid,
  name: z.string(),
  mrn: z.string().nullable(),
  from: Instant,
  until: Instant,
  reason: z.string(),
});
export type BoardReservation = z.infer<typeof BoardReservation>;

export const Reservation = z.object({
  id: Uuid,
  bedId: Uuid,
  bedLabel: z.string(),
  wardId: Uuid,
  wardName: z.string(),
  patient: z.object({ id: Uuid, name: z.string(), mrn: z.string().nullable() }),
  from: Instant,
  until: Instant,
  reason: z.string(),
  /** `active` past its expiry reads as `expired`: it holds nothing any more. */
  status: ReservationStatus,
  createdAt: Instant,
  endedAt: Instant.nullable(),
  endReason: z.string().nullable(),
  /** The admission that consumed it. */
  admissionId: Uuid.nullable(),
});
export type Reservation = z.infer<typeof Reservation>;

export const ReservationSearch = Paging.extend({
  /** `active`: those holding a bed now (not expired); `all`: every one, newest first. */
  status: z.enum(['active', 'all']).default('active'),
  bedId: Uuid.optional(),
  patientId: Uuid.optional(),
});
export type ReservationSearch = z.infer<typeof ReservationSearch>;

export const ReservationPage = pageOf(Reservation);
export type ReservationPage = z.infer<typeof ReservationPage>;

/** A patient's own reservation, as their record shows it (no one else's, no staff names). */
export const OwnReservation = z.object({
  id: Uuid,
  hospitalName: z.string(),
  /** The hospital's zone: the reservation's times read on its clock, wherever the patient is. */
  timeZone: z.string(),
  wardName: z.string(),
  bedLabel: z.string(),
  from: Instant,
  until: Instant,
  reason: z.string(),
});
export const OwnReservations = z.object({ items: z.array(OwnReservation) });
export type OwnReservations = z.infer<typeof OwnReservations>;
