// The organisation module's part of erasing a patient (ADR 33). Someone whose account closes may
// have applied to work here as a doctor: an application still pending, or refused. It is refused for
// good (an erased person can no longer be approved) and loses what it said about them: registration
// number, qualifications, languages, biography. A profile of someone who works here is a staff
// record, and their account stays (the identity step): it is never touched.
import { sql } from 'drizzle-orm';
import { countChanged } from '../../db/count-changed';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { userId }): Promise<Record<string, number>> => {
  if (!userId) return {};
  const doctorApplications = await countChanged(
    tx,
    sql`update doctor_profiles
           set status = 'rejected', registration_number = '', qualifications = '', bio = '',
               languages = '{}', decided_at = coalesce(decided_at, now()), updated_at = now(),
               rejection_reason = 'The applicant''s data was erased at their request.'
         where user_id = ${userId} and status in ('pending', 'rejected')
           and not exists (select 1 from memberships m where m.user_id = ${userId})`,
  );
  return { doctorApplications };
};
