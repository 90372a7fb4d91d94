// The wards' part of erasing a patient (ADR 33). Not during a stay: the patient is discharged
// first. Beds reserved for them are let go (the bed boards show it at once); past stays and all
// that was charted on them stay, as clinical records.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { AppError } from '../../platform/errors';
import type { PatientErasureStep } from '../module';
import { lockBed, releaseBed } from './reservations.repo';
import { publishBedChange } from './wards.live';

export const patientErasure: PatientErasureStep = async (tx, { patientId }) => {
  const [stay] = await queryRows<{ id: string }>(
    tx,
    sql`select id from admissions where patient_id = ${patientId} and status = 'active' limit 1 for update`,
  );
  if (stay) {
    throw new AppError(
      'PATIENT_IN_CARE',
      'The patient is admitted: erase their data once they have been discharged.',
    );
  }
  const held = await queryRows<{ id: string; bedId: string; hospitalId: string }>(
    tx,
    sql`select id, bed_id as "bedId", hospital_id as "hospitalId" from bed_reservations
         where patient_id = ${patientId} and status = 'active' order by bed_id`,
  );
  let bedReservations = 0;
  for (const r of held) {
    // The bed first, then the reservation: the order admitting and reserving lock them in.
    await lockBed(tx, r.bedId);
    const [ended] = await queryRows<{ id: string }>(
      tx,
      sql`update bed_reservations
             set status = 'cancelled', ended_at = now(),
                 end_reason = 'The patient''s data was erased at their request.'
           where id = ${r.id} and status = 'active' returning id`,
    );
    if (!ended) continue; // admitted or cancelled meanwhile
    bedReservations += 1;
    await releaseBed(tx, r.bedId);
    await publishBedChange(tx, r.hospitalId);
  }
  return { bedReservations };
};
