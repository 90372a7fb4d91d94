// The patients module's public face: other modules import only from here.
import { defineModule } from '../module';
import { conditionFhir } from './conditions.fhir';
import { patientFhir } from './patients.fhir';
import { patientRoutes } from './patients.routes';

export { createPatientForUser } from './self-registration.service';
export { ensureRegistered } from './registration.service';
export { createTemporaryPatient, type TemporaryPatient } from './temporary.service';
export { providePatientMergeSteps } from './merge.service';
export {
  activeAllergies,
  patientBriefs,
  patientDemographics,
  registeredPatient,
  patientContactSql,
  type PatientContact,
  type PatientBrief,
} from './patients.lookup';
// The clinical module serves a visit's diagnoses as Condition too: searched and shaped alike.
export { conditionSearch, conditionSearchParams, conditionSortKey, fhirCondition } from './conditions.fhir';

/** Patient records, per-hospital MRNs, search and duplicates, allergies and conditions, timeline. */
export const patientsModule = defineModule({
  name: 'patients',
  routes: (app) => patientRoutes(app),
  fhir: [patientFhir, conditionFhir],
  constraintErrors: {
    patient_registrations_hospital_patient_uq: {
      code: 'ALREADY_REGISTERED',
      detail: 'The patient is already registered at this hospital.',
    },
    patient_registrations_hospital_mrn_uq: {
      code: 'MRN_TAKEN',
      detail: 'That medical record number is already in use at this hospital; try again.',
    },
  },
});
