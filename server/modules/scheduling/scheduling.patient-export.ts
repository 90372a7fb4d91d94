// The scheduling module's part of a patient's export (ADR 33): their appointments at every hospital,
// with the doctor, the visit's course (check-in, queue token, called in) and any cancellation.
import { sql } from 'drizzle-orm';
import { jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

export const patientExport: PatientExportStep = (tx, patientId) =>
  jsonSections(tx, {
    appointments: sql`
      select a.id, h.name as "hospitalName", u.full_name as "doctorName", dp.specialty,
             a.starts_at as "startsAt", a.ends_at as "endsAt", a.status, a.reason, a.walk_in as "walkIn",
             a.created_at as "bookedAt", a.checked_in_at as "checkedInAt", a.queue_date as "queueDate",
             a.token, a.called_at as "calledAt", a.cancelled_at as "cancelledAt",
             a.cancellation_reason as "cancellationReason"
        from appointments a join hospitals h on h.id = a.hospital_id
        join doctor_profiles dp on dp.id = a.doctor_profile_id join users u on u.id = dp.user_id
       where a.patient_id = ${patientId} order by a.starts_at, a.id`,
  });
