// The API answers ward conflicts with general codes (CONFLICT, INVALID_TRANSITION); what they mean
// depends on what was being done, so each screen words them for its own action.
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import i18n from '../../i18n';

export type WardAction =
  | 'saveWard'
  | 'saveRoom'
  | 'saveBed'
  | 'closeWard'
  | 'closeRoom'
  | 'deleteBed'
  | 'bedState'
  | 'admit'
  | 'transfer'
  | 'discharge'
  | 'reserve'
  | 'cancelReservation';

/** What an error code means for each action, where it means something more precise than usual. */
const MEANING: Partial<Record<WardAction, Partial<Record<string, string>>>> = {
  saveWard: { CONFLICT: 'wards.errors.wardNameTaken', INVALID_TRANSITION: 'wards.errors.wardHasPatients' },
  saveRoom: { CONFLICT: 'wards.errors.roomNameTaken', INVALID_TRANSITION: 'wards.errors.roomHasPatients' },
  saveBed: { CONFLICT: 'wards.errors.bedLabelTaken', INVALID_TRANSITION: 'wards.errors.bedHasPatient' },
  closeWard: { INVALID_TRANSITION: 'wards.errors.wardHasPatients' },
  closeRoom: { INVALID_TRANSITION: 'wards.errors.roomHasPatients' },
  deleteBed: { CONFLICT: 'wards.errors.bedWasUsed' },
  bedState: { INVALID_TRANSITION: 'wards.errors.bedStateChanged' },
  admit: {
    BED_OCCUPIED: 'wards.errors.bedTaken',
    BED_RESERVED: 'reservations.errors.reservedForOther',
    CONFLICT: 'wards.errors.alreadyAdmitted',
    INVALID_TRANSITION: 'wards.errors.bedNotReady',
    RULE_VIOLATION: 'wards.errors.bedOutOfService',
  },
  transfer: {
    BED_OCCUPIED: 'wards.errors.bedTaken',
    BED_RESERVED: 'reservations.errors.reservedForOther',
    CONFLICT: 'wards.errors.movedMeanwhile',
    INVALID_TRANSITION: 'wards.errors.bedNotReadyOrDischarged',
    RULE_VIOLATION: 'wards.errors.bedOutOfService',
  },
  reserve: {
    BED_OCCUPIED: 'reservations.errors.bedTaken',
    BED_RESERVED: 'reservations.errors.overlap',
    CONFLICT: 'reservations.errors.patientHasOne',
    IN_THE_PAST: 'reservations.errors.past',
    INVALID_TRANSITION: 'reservations.errors.notReady',
    RULE_VIOLATION: 'reservations.errors.outOfService',
  },
  cancelReservation: { INVALID_TRANSITION: 'reservations.errors.noLongerHolds' },
  discharge: {
    INVALID_TRANSITION: 'wards.errors.alreadyDischarged',
    // What only the server checks: diagnoses given, or a consultation to take them from; codes active.
    VALIDATION_FAILED: 'wards.errors.dischargeDiagnoses',
  },
};

/** The message for a failed ward action, in the person's language. */
export function wardErrorMessage(err: unknown, action: WardAction): string {
  const key = err instanceof ApiError ? MEANING[action]?.[err.code] : undefined;
  return key ? i18n.t(key as 'wards.errors.bedTaken') : errorMessage(err);
}

/** The bed asked for is no longer free (or no longer there): the picker must be read again. */
export const bedNoLongerFree = (err: unknown): boolean =>
  err instanceof ApiError &&
  ['BED_OCCUPIED', 'INVALID_TRANSITION', 'RULE_VIOLATION', 'NOT_FOUND'].includes(err.code);
