// The wards' part of merging a temporary patient record into the person's own (ADR 14): the stays
// and bed reservations move, with everything charted on them (which hangs off the admission). One
// person in two beds, or holding two reserved beds, at one hospital is refused: one of them is
// discharged or cancelled first. The bed boards show the new name at once.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';
import { repointPatientIn } from '../../db/repoint';
import { AppError } from '../../platform/errors';
import type { PatientMerge } from '../module';
import { publishBedChange } from './wards.live';

export async function mergePatientStays(tx: Tx, m: PatientMerge): Promise<Record<string, number>> {
  const [both] = await queryRows<{ admitted: number; reserved: number }>(
    tx,
    sql`select (select count(*)::int from admissions a join admissions b using (hospital_id)
                 where a.patient_id = ${m.fromId} and b.patient_id = ${m.intoId}
                   and a.status = 'active' and b.status = 'active') as admitted,
               (select count(*)::int from bed_reservations a join bed_reservations b using (hospital_id)
                 where a.patient_id = ${m.fromId} and b.patient_id = ${m.intoId}
                   and a.status = 'active' and b.status = 'active') as reserved`,
  );
  if (both?.admitted) {
    throw new AppError(
      'STAYS_OVERLAP',
      'Both records are admitted at the same hospital: discharge one stay before merging them.',
    );
  }
  if (both?.reserved) {
    throw new AppError(
      'STAYS_OVERLAP',
      'Both records hold a reserved bed at the same hospital: cancel one reservation before merging them.',
    );
  }
  const hospitals = await queryRows<{ hospitalId: string }>(
    tx,
    sql`select distinct hospital_id as "hospitalId" from admissions
         where patient_id = ${m.fromId} and status = 'active'
        union
        select distinct hospital_id from bed_reservations where patient_id = ${m.fromId} and status = 'active'`,
  );
  const moved = await repointPatientIn(tx, ['admissions', 'bed_reservations'], m);
  for (const h of hospitals) await publishBedChange(tx, h.hospitalId);
  return moved;
}
