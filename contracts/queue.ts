// The front desk and the queue: check-in with tokens, walk-ins, the doctor's day and calling the
// next patient, and the public queue board of a hospital (initials only: a waiting room screen).
import { z } from 'zod';
import { Instant, IsoDate, multiline, Uuid } from './common';
import { IdempotencyKey } from './dispensing';
import { Appointment } from './scheduling';

/** A patient who came without an appointment, seen by a doctor of the active hospital today. */
export const WalkIn = z.strictObject({
  idempotencyKey: IdempotencyKey,
  doctorId: Uuid,
  /** Registered at the active hospital (register them first if they are new). */
  patientId: Uuid,
  reason: multiline(500).optional(),
});
export type WalkIn = z.infer<typeof WalkIn>;

/** The signed-in doctor's day; `date` defaults to today at the hospital. */
export const MyQueueQuery = z.strictObject({ date: IsoDate.optional() });

export const MyQueue = z.object({
  date: IsoDate,
  doctorId: Uuid,
  timeZone: z.string(),
  /** In consultation first, then waiting by token, then booked by time, then the rest. */
  items: z.array(Appointment),
  /** Checked in and not yet called. */
  waiting: z.number().int(),
});
export type MyQueue = z.infer<typeof MyQueue>;

/** A hospital's public queue screen address: its code (the MRN prefix), in any letter case. */
export const QueueBoardParams = z.strictObject({
  slug: z.string().regex(/^[A-Za-z0-9]{2,20}$/, 'Must be a hospital code'),
});

export const QueueTicket = z.object({
  token: z.number().int(),
  /** The patient's initials, e.g. "R. V.": never a full name or a record number. */
  initials: z.string(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

export const QueueBoardDoctor = z.object({
  doctorId: Uuid,
  doctorName: z.string(),
  /** Called in now. */
  current: QueueTicket.nullable(),
  /** The next few waiting, in token order. */
  next: z.array(QueueTicket),
  /** How many are waiting in all. */
  waiting: z.number().int(),
});
export type QueueBoardDoctor = z.infer<typeof QueueBoardDoctor>;

export const QueueBoard = z.object({
  hospitalName: z.string(),
  code: z.string(),
  timeZone: z.string(),
  date: IsoDate,
  at: Instant,
  doctors: z.array(QueueBoardDoctor),
});
export type QueueBoard = z.infer<typeof QueueBoard>;

/** How many waiting tokens the board shows per doctor. */
export const BOARD_NEXT_COUNT = 5;
