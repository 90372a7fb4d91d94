// An emergency admission of someone whose details nobody knows yet: a temporary patient record and
// the admission in one step. A known patient is admitted as an emergency through the ordinary admit
// (source emergency).
import { z } from 'zod';
import { OverrideReason } from './bed-reservations';
import { line, multiline, Uuid } from './common';
import { Sex } from './identity';

export const EmergencyAdmission = z.strictObject({
  bedId: Uuid,
  reason: multiline(2000).default(''),
  patient: z.strictObject({
    /** What staff call them until their name is known, e.g. "Unknown man, about 40". */
    name: line(100).refine((s) => s.length > 0, 'Required'),
    sex: Sex.optional(),
  }),
  /** Why a bed reserved for someone else goes to this emergency instead (409 BED_RESERVED without). */
  overrideReservation: OverrideReason.optional(),
});
export type EmergencyAdmission = z.infer<typeof EmergencyAdmission>;
