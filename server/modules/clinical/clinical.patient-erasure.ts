// The clinical module's part of erasing a patient (ADR 33): consultations, vital signs, diagnoses
// and addenda are clinical records the law keeps, and stay, pointing at the anonymous record. It
// only refuses while a consultation is open: the doctor finishes the visit first.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { AppError } from '../../platform/errors';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { patientId }) => {
  const open = await queryRows<{ id: string }>(
    tx,
    sql`select id from consultations where patient_id = ${patientId} and status = 'open' limit 1 for update`,
  );
  if (open.length > 0) {
    throw new AppError(
      'PATIENT_IN_CARE',
      'The patient is in a consultation now: erase their data once the doctor has closed it.',
    );
  }
  return {};
};
