// The patients module's public face: other modules import only from here.
import { defineModule } from '../module';
import { conditionFhir } from './conditions.fhir';
import { patientFhir } from './patients.fhir';
import { patientRoutes } from './patients.routes';
import { sealStalePatientColumns } from './patients.sealed';
import { patientExport } from './patients.patient-export';
import { patientErasure } from './patients.patient-erasure';

export { createPatientForUser } from './self-registration.service';
export { ensureRegistered } from './registration.service';
export { createTemporaryPatient, type TemporaryPatient } from './temporary.service';
export { providePatientMergeSteps } from './merge.service';
export { sealPatientColumns, openInsurancePolicy } from './patients.sealed';
// Who may reach a patient: staff of a hospital where they are registered, or the patient themself.
export { asPatient, isSelf, staffHospital } from './patients.scope';
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
  patientExport,
  patientErasure,
  routes: (app) => patientRoutes(app),
  // Not a job: at every start, values written before their column was sealed, or sealed under a
  // key that no longer seals, are sealed with the current key (ADR 34).
  jobs: async (_runner, deps) => {
    await sealStalePatientColumns(deps.database.db);
  },
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
