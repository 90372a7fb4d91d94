// The wards' part of a patient's export (ADR 33): each stay at every hospital with the beds it moved
// through, the nursing record (vital signs, notes, medicines given or not), ward services charged,
// and the discharge summary; and the beds reserved for them. A reservation's end reason is left out:
// when another admission overrode it, the reason speaks of that other patient.
import { sql, type SQL } from 'drizzle-orm';
import { jsonRow, jsonRows, jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

/** The name of the person a column names. */
const nameOf = (userId: SQL) => sql`(select u.full_name from users u where u.id = ${userId})`;

export const patientExport: PatientExportStep = (tx, patientId) =>
  jsonSections(tx, {
    admissions: sql`
      select a.id, h.name as "hospitalName", h.currency, a.source, a.consultation_id as "consultationId",
             a.reason, a.status, a.admitted_at as "admittedAt", ${nameOf(sql`a.admitted_by`)} as "admittedByName",
             a.discharged_at as "dischargedAt", ${nameOf(sql`a.discharged_by`)} as "dischargedByName",
             a.discharge_summary as "courseInHospital",
             ${jsonRow(sql`
               select s.condition, s.diagnoses, s.procedures, s.medicines, s.follow_up as "followUp",
                      s.created_at as "writtenAt"
                 from discharge_summaries s where s.admission_id = a.id`)} as "dischargeSummary",
             ${jsonRows(sql`
               select w.name as ward, r.name as room, b.label as bed, o.started_at as "startedAt",
                      o.ended_at as "endedAt", o.ended_by as "endedBy"
                 from bed_occupancies o join beds b on b.id = o.bed_id join wards w on w.id = b.ward_id
                 join ward_rooms r on r.id = b.room_id
                where o.admission_id = a.id order by o.started_at, o.id`)} as beds,
             ${jsonRows(sql`
               select v.taken_at as "takenAt", v.systolic, v.diastolic, v.pulse, v.temperature_c as "temperatureC",
                      v.spo2, v.respiratory_rate as "respiratoryRate", v.pain_score as "painScore",
                      v.blood_glucose_mg_dl as "bloodGlucoseMgDl", ${nameOf(sql`v.recorded_by`)} as "recordedByName"
                 from admission_vitals v where v.admission_id = a.id order by v.taken_at, v.id`)} as vitals,
             ${jsonRows(sql`
               select n.id, n.kind, n.body, n.corrects_note_id as "correctsNoteId",
                      ${nameOf(sql`n.written_by`)} as "writtenByName", n.written_at as "writtenAt"
                 from nursing_notes n where n.admission_id = a.id order by n.written_at, n.id`)} as "nursingNotes",
             ${jsonRows(sql`
               select m.generic_name || ' ' || m.strength || ' ' || m.form || coalesce(' (' || m.brand_name || ')', '')
                        as medicine,
                      g.outcome, g.quantity, m.dispensing_unit as "dispensingUnit", g.dose, g.route,
                      g.given_at as "givenAt", g.note, g.reason, ${nameOf(sql`g.recorded_by`)} as "recordedByName"
                 from medication_administrations g join medicines m on m.id = g.medicine_id
                where g.admission_id = a.id order by g.given_at, g.id`)} as medications,
             ${jsonRows(sql`
               select c.code, c.name, c.quantity, c.unit_price_minor as "unitPriceMinor",
                      c.tax_rate_bp as "taxRateBp", c.given_at as "givenAt", c.note,
                      c.voided_at as "voidedAt", c.void_reason as "voidReason"
                 from admission_service_charges c
                where c.admission_id = a.id order by c.given_at, c.id`)} as "serviceCharges"
        from admissions a join hospitals h on h.id = a.hospital_id
       where a.patient_id = ${patientId} order by a.admitted_at, a.id`,
    bedReservations: sql`
      select h.name as "hospitalName", w.name as ward, b.label as bed, r.starts_at as "startsAt",
             r.expires_at as "expiresAt", r.reason, r.status, r.created_at as "reservedAt", r.ended_at as "endedAt"
        from bed_reservations r join hospitals h on h.id = r.hospital_id
        join beds b on b.id = r.bed_id join wards w on w.id = b.ward_id
       where r.patient_id = ${patientId} order by r.created_at, r.id`,
  });
