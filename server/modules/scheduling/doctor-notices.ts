// The doctor hears, in the app, when one of their coming appointments is cancelled or moved. Only
// for changes that touch the next DOCTOR_NOTICE_DAYS days: that is the schedule a doctor plans
// around; a booking moved from one month to another months away is in their list when the day comes.
import type { Tx } from '../../db/client';
import { notify } from '../notifications';
import { patientBriefs } from '../patients';

export const DOCTOR_NOTICE_DAYS = 7;

export interface DoctorChange {
  appointmentId: string;
  hospitalId: string;
  patientId: string;
  doctorUserId: string;
  change: 'cancelled' | 'rescheduled';
  startsAt: Date;
  /** The time it had before a move. */
  previousStartsAt?: Date;
  reason?: string | null;
}

/** Whether a change is near enough for the doctor to be told (either the old or the new time). */
export function doctorShouldHear(c: Pick<DoctorChange, 'startsAt' | 'previousStartsAt'>, now = new Date()) {
  const horizon = now.getTime() + DOCTOR_NOTICE_DAYS * 86_400_000;
  return [c.startsAt, c.previousStartsAt].some(
    (t) => t && t.getTime() <= horizon && t.getTime() > now.getTime(),
  );
}

/** Queues the doctor's in-app notice in the transaction of the change, when it is near enough. */
export async function tellDoctor(tx: Tx, c: DoctorChange): Promise<boolean> {
  if (!doctorShouldHear(c)) return false;
  const patient = (await patientBriefs(tx, [c.patientId], null)).get(c.patientId);
  await notify(tx, {
    template: 'scheduling.doctor_appointment_changed',
    userId: c.doctorUserId,
    hospitalId: c.hospitalId,
    idempotencyKey: `appointment-${c.change}-doctor:${c.appointmentId}:${c.startsAt.toISOString()}`,
    data: {
      appointmentId: c.appointmentId,
      patientName: patient?.name || 'A patient',
      change: c.change,
      startsAt: c.startsAt.toISOString(),
      previousStartsAt: c.previousStartsAt?.toISOString() ?? null,
      reason: c.reason ?? null,
    },
  });
  return true;
}
