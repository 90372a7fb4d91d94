// The clinical module's public face: other modules import only from here.
import { repointPatientIn } from '../../db/repoint';
import { defineModule } from '../module';
import { clinicalFigures } from './clinical.dashboard';
import { clinicalRoutes } from './clinical.routes';
import { diagnosisFhir } from './diagnoses.fhir';
import { encounterFhir } from './encounter.fhir';
import { prescribedFhir } from './prescriptions.fhir';
import { vitalsFhir } from './vitals.fhir';
import { seedIcd10 } from './icd10.service';
import { patientExport } from './clinical.patient-export';
import { patientErasure } from './clinical.patient-erasure';

export { seedIcd10 } from './icd10.service';
// The demo seed writes its past prescriptions' directions and quantities as the app does.
export { computedQuantity, directionsOf } from './prescribing';

/** Consultations (vitals, diagnoses, prescriptions, addenda), the ICD-10 list, visit histories. */
export const clinicalModule = defineModule({
  name: 'clinical',
  patientExport,
  // Refuses while a consultation is open; keeps the clinical record (ADR 33).
  patientErasure,
  // A merged temporary record's consultations and vital signs become the person's.
  patientMerge: (tx, m) => repointPatientIn(tx, ['consultations', 'vital_signs'], m),
  dashboard: clinicalFigures,
  // Consultations as Encounter, their vitals as Observation, diagnoses as Condition, what was
  // prescribed as MedicationRequest.
  fhir: [encounterFhir, vitalsFhir, diagnosisFhir, prescribedFhir],
  async routes(app, deps) {
    // The common ICD-10 codes are reference data every database needs (see seedIcd10): added at
    // start-up of the web process, before it serves a request.
    await seedIcd10(deps.database.db);
    await clinicalRoutes(app);
  },
  constraintErrors: {
    consultations_appointment_uq: {
      code: 'CONFLICT',
      detail: 'This appointment already has a consultation.',
    },
    vital_signs_ranges_ck: {
      code: 'VALIDATION_FAILED',
      detail: 'A vital sign is outside the range a person can have.',
    },
  },
});
