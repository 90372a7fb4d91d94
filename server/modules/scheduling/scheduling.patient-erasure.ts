// Scheduling's part of erasing a patient (ADR 33). Not while they are in care: checked in or with the
// doctor, the visit is finished first. Their coming bookings are cancelled (nobody will come, and
// the slots free up for others); past appointments stay, as the record of the visits.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { countChanged } from '../../db/count-changed';
import { AppError } from '../../platform/errors';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { patientId }) => {
  // Locked: a check-in waiting for one of them then finds it cancelled, and one that came first is
  // seen here.
  const open = await queryRows<{ status: string }>(
    tx,
    sql`select status from appointments
         where patient_id = ${patientId} and status in ('booked', 'checked_in', 'in_consultation')
         order by id for update`,
  );
  if (open.some((a) => a.status !== 'booked')) {
    throw new AppError(
      'PATIENT_IN_CARE',
      'The patient is checked in or with the doctor now: erase their data once the visit has ended.',
    );
  }
  const appointmentsCancelled = await countChanged(
    tx,
    sql`update appointments
           set status = 'cancelled', cancelled_at = now(), updated_at = now(),
               cancellation_reason = 'The patient''s data was erased at their request.'
         where patient_id = ${patientId} and status = 'booked' and starts_at > now()`,
  );
  return { appointmentsCancelled };
};
