// The clinical module's part of a patient's export (ADR 33): their consultations at every hospital,
// each with the doctor's notes, the vital signs taken, the diagnoses, what was prescribed (the
// pharmacy's prescription, as the visit history shows it) and the addenda written after closing.
// A prescription still being written (the draft) is not a prescription yet and stays out.
import { sql } from 'drizzle-orm';
import { jsonRow, jsonRows, jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';
import { MEDICINE_NAME } from './clinical.repo';

export const patientExport: PatientExportStep = (tx, patientId) =>
  jsonSections(tx, {
    consultations: sql`
      select c.id, h.name as "hospitalName", u.full_name as "doctorName", dp.specialty,
             c.appointment_id as "appointmentId", c.status, c.opened_at as "openedAt", c.closed_at as "closedAt",
             c.chief_complaint as "chiefComplaint", c.notes, c.follow_up as "followUp",
             c.lab_requests as "labRequests",
             ${jsonRow(sql`
               select v.recorded_at as "recordedAt", v.systolic, v.diastolic, v.pulse,
                      v.temperature_c as "temperatureC", v.spo2, v.weight_kg as "weightKg", v.height_cm as "heightCm"
                 from vital_signs v where v.consultation_id = c.id`)} as vitals,
             ${jsonRows(sql`
               select d.code, d.description, d.is_primary as "primary"
                 from consultation_diagnoses d where d.consultation_id = c.id order by d.position`)} as diagnoses,
             c.prescription_id as "prescriptionId",
             ${jsonRows(sql`
               select ${MEDICINE_NAME} as medicine, l.quantity_prescribed as quantity,
                      m.dispensing_unit as "dispensingUnit", l.directions
                 from prescription_lines l join medicines m on m.id = l.medicine_id
                where l.prescription_id = c.prescription_id order by l.position`)} as prescribed,
             ${jsonRows(sql`
               select ad.text, au.full_name as "authorName", ad.created_at as "writtenAt"
                 from consultation_addenda ad join users au on au.id = ad.author_user_id
                where ad.consultation_id = c.id order by ad.created_at, ad.id`)} as addenda
        from consultations c join hospitals h on h.id = c.hospital_id
        join doctor_profiles dp on dp.id = c.doctor_profile_id join users u on u.id = c.doctor_user_id
       where c.patient_id = ${patientId} order by c.opened_at, c.id`,
  });
