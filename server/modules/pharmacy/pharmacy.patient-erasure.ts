// The pharmacy's part of erasing a patient (ADR 33): an online order's delivery address says where
// the person lives, and goes. Prescriptions, counter sales and the orders themselves stay: they are
// the pharmacy's records of what was dispensed and sold, and point at the anonymous record.
import { sql } from 'drizzle-orm';
import { countChanged } from '../../db/count-changed';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { patientId }) => ({
  orderAddresses: await countChanged(
    tx,
    sql`update pharmacy_orders set delivery_address = null, updated_at = now()
         where patient_id = ${patientId} and delivery_address is not null`,
  ),
});
