// The patients module's part of a patient's export (ADR 33): the record itself (demographics,
// contacts, insurance), where they are registered and under which MRN, their allergies and
// conditions with the hospital and person who recorded them, and the access log the portal shows:
// who opened their record, when and where. The insurance policy number is kept sealed (ADR 34) and
// leaves opened: the sealed text is the database's, not the patient's.
import { sql } from 'drizzle-orm';
import { jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';
import { findPatientEvents } from './patients.history.repo';
import { openPatientColumns } from './patients.sealed';

/** Every read there is: the log is exported whole, never a page of it. */
const ALL = Number.MAX_SAFE_INTEGER;

export const patientExport: PatientExportStep = async (tx, patientId) => {
  const sections = await jsonSections(tx, {
    patient: sql`
      select p.id, p.given_name as "givenName", p.family_name as "familyName", p.date_of_birth as "dateOfBirth",
             p.sex, p.phone, p.email, p.address_line as "addressLine", p.city, p.postal_code as "postalCode",
             p.country, p.blood_group as "bloodGroup", p.emergency_contact_name as "emergencyContactName",
             p.emergency_contact_phone as "emergencyContactPhone",
             p.emergency_contact_relation as "emergencyContactRelation",
             p.insurance_provider as "insuranceProvider", p.insurance_policy_number as "insurancePolicyNumber",
             p.created_at as "createdAt", p.updated_at as "updatedAt"
        from patients p where p.id = ${patientId}`,
    registrations: sql`
      select h.name as "hospitalName", r.mrn, r.registered_at as "registeredAt"
        from patient_registrations r join hospitals h on h.id = r.hospital_id
       where r.patient_id = ${patientId} order by r.registered_at, r.id`,
    allergies: sql`
      select a.id, a.substance, a.reaction, a.severity, a.status, h.name as "hospitalName",
             u.full_name as "recordedByName", a.created_at as "recordedAt", a.updated_at as "updatedAt"
        from patient_allergies a left join hospitals h on h.id = a.hospital_id
        left join users u on u.id = a.recorded_by
       where a.patient_id = ${patientId} order by a.created_at, a.id`,
    conditions: sql`
      select c.id, c.name, c.icd10_code as "icd10Code", c.onset_date as "onsetDate", c.status,
             h.name as "hospitalName", u.full_name as "recordedByName", c.created_at as "recordedAt",
             c.updated_at as "updatedAt"
        from patient_conditions c left join hospitals h on h.id = c.hospital_id
        left join users u on u.id = c.recorded_by
       where c.patient_id = ${patientId} order by c.created_at, c.id`,
  });
  // The access log as the portal shows it (history.service.ts), oldest first here.
  const reads = await findPatientEvents(tx, { patientId, reads: true }, ALL);
  const accessLog = reads.reverse().map((r) => ({
    occurredAt: r.occurred_at,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    hospitalName: r.hospital_name,
    opened: r.action === 'patient.read' ? r.entity_type : r.action,
  }));
  const patient = (sections.patient as { insurancePolicyNumber: string | null }[]).map(openPatientColumns);
  return { ...sections, patient, accessLog };
};
