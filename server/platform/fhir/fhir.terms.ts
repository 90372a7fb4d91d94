// What every module's FHIR resources say alike: the standard code systems they are coded in, and
// the search parameters of the types several modules serve (the platform refuses to start when the
// providers of one type declare different ones, so they are declared once, here).
import type { FhirSearchParam } from './fhir.types';

/** Standard code systems (http://hl7.org/fhir/R4/terminologies-systems.html). */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  encounterStatus: 'http://hl7.org/fhir/encounter-status',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
} as const;

const PATIENT: FhirSearchParam = {
  name: 'patient',
  type: 'reference',
  documentation: 'The patient (Patient/<id>); required.',
};

/** Observation: a consultation's vital signs (clinical), a stay's (wards), verified lab results (lab). */
export const OBSERVATION_SEARCH: readonly FhirSearchParam[] = [
  PATIENT,
  {
    name: 'category',
    type: 'token',
    documentation: 'vital-signs or laboratory (http://terminology.hl7.org/CodeSystem/observation-category).',
  },
  {
    name: 'code',
    type: 'token',
    documentation:
      'What was observed: a LOINC code (http://loinc.org) such as 8867-4, or a lab analyte ' +
      '(urn:hospitium:lab-analyte:<hospital id>|<test code>:<analyte>).',
  },
  {
    name: 'date',
    type: 'date',
    documentation: 'When it was observed (effectiveDateTime); twice for a range.',
    range: true,
  },
];

/** Encounter: consultations (clinical) and admissions (wards). */
export const ENCOUNTER_SEARCH: readonly FhirSearchParam[] = [
  PATIENT,
  {
    name: 'date',
    type: 'date',
    documentation: 'When the encounter began (period.start); twice for a range.',
    range: true,
  },
  {
    name: 'status',
    type: 'token',
    documentation: `Its status (${SYSTEM.encounterStatus}): a consultation or an admission is in-progress or finished.`,
  },
];
