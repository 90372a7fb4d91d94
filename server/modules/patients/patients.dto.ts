import type {
  Allergy,
  BloodGroup,
  Condition,
  DuplicateCandidate,
  Patient,
  PatientSummary,
  Registration,
} from '../../../contracts/patients';
import type { AllergyRow, ConditionRow } from './patients.clinical.repo';
import type { PatientRecordRow } from './patients.record.repo';
import { openInsurancePolicy } from './patients.sealed';
import type { DuplicateRow } from './patients.repo';
import type { PatientSummaryRow } from './patients.search.repo';

// Row -> contract mapping in one place, so a new column never reaches a reply by accident.

type SexValue = Patient['sex'];

export function toPatient(r: PatientRecordRow, registrations: Registration[], mrn: string | null): Patient {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex as SexValue,
    phone: r.phone,
    email: r.email,
    addressLine: r.address_line,
    city: r.city,
    postalCode: r.postal_code,
    country: r.country,
    bloodGroup: r.blood_group as BloodGroup | null,
    emergencyContactName: r.emergency_contact_name,
    emergencyContactPhone: r.emergency_contact_phone,
    emergencyContactRelation: r.emergency_contact_relation,
    insuranceProvider: r.insurance_provider,
    insurancePolicyNumber: openInsurancePolicy(r.insurance_policy_number),
    temporary: r.temporary,
    mrn,
    registrations,
    allergies: r.allergies as Allergy[],
    conditions: r.conditions as Condition[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toAllergy(r: AllergyRow): Allergy {
  return {
    id: r.id,
    substance: r.substance,
    reaction: r.reaction,
    severity: r.severity as Allergy['severity'],
    status: r.status as Allergy['status'],
    recordedAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toCondition(r: ConditionRow): Condition {
  return {
    id: r.id,
    name: r.name,
    icd10Code: r.icd10Code,
    onsetDate: r.onsetDate,
    status: r.status as Condition['status'],
    recordedAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toSummary(r: PatientSummaryRow): PatientSummary {
  return {
    id: r.id,
    mrn: r.mrn,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex as SexValue,
    phone: r.phone,
    registeredAt: r.registered_at,
  };
}

/** "+919812345678" -> "+91******5678": enough for the receptionist to ask, not enough to harvest. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

export function toCandidate(r: DuplicateRow): DuplicateCandidate {
  return {
    id: r.id,
    name: `${r.given_name} ${r.family_name}`.trim(),
    mrn: r.mrn,
    dateOfBirth: r.date_of_birth,
    phone: maskPhone(r.phone),
  };
}
