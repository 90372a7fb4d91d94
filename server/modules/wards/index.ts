// The wards module's public face: other modules import only from here.
import { mergePatientStays } from './patient-merge';
import { defineModule } from '../module';
import { admissionEncounterFhir } from './admissions.fhir';
import { admissionRoutes } from './admissions.routes';
import { boardEventRoutes } from './board.events';
import { emergencyRoutes } from './emergency';
import { locationFhir } from './locations.fhir';
import { dischargeRoutes } from './discharge.routes';
import { nursingRoutes } from './nursing.routes';
import { occupancyRoutes, wardFigures } from './occupancy';
import { defineWardJobs } from './reservations.jobs';
import { reservationRoutes } from './reservations.routes';
import { serviceChargeRoutes } from './service-charges.routes';
import { setupRoutes } from './setup.routes';
import { wardVitalsFhir } from './vitals.fhir';
import { patientExport } from './wards.patient-export';
import { patientErasure } from './wards.patient-erasure';

export { bedBoardTopic } from './wards.live';
// The demo seed bills its discharged stays as a discharge does.
export { stayCharges } from './bed-days.service';
export { administeredForBill } from './nursing.repo';
// The lab holds the stay while it places an order charged to it (ADR 30).
export { holdAdmission, holdOpenAdmission } from './stay-hold';

const conflict = (detail: string) => ({ code: 'CONFLICT' as const, detail });

/**
 * Wards, rooms and beds; the bed board; reservations for a named patient; admissions, transfers and
 * discharges; the nursing record of a stay: vitals, notes and medicines given from the ward's store;
 * services from the price list charged on a stay (ADR 14).
 */
export const wardsModule = defineModule({
  name: 'wards',
  patientExport,
  patientErasure,
  patientMerge: mergePatientStays,
  dashboard: wardFigures,
  routes(app, deps) {
    setupRoutes(app);
    admissionRoutes(app);
    dischargeRoutes(app);
    nursingRoutes(app);
    boardEventRoutes(app, { database: deps.database });
    occupancyRoutes(app);
    emergencyRoutes(app);
    reservationRoutes(app);
    serviceChargeRoutes(app);
  },
  // Admissions as Encounters, their charted vitals as Observations, wards, rooms and beds as Locations.
  fhir: [admissionEncounterFhir, wardVitalsFhir, locationFhir],
  jobs: (runner, deps) => defineWardJobs(runner, { db: deps.database.db, log: deps.log }),
  constraintErrors: {
    bed_occupancies_bed_no_overlap: {
      code: 'BED_OCCUPIED',
      detail: 'Another patient has just been given this bed. Choose another bed.',
    },
    admissions_patient_active_uq: conflict('The patient is already admitted here: transfer them instead.'),
    bed_occupancies_admission_open_uq: conflict('The patient has just been moved: reload and try again.'),
    wards_hospital_name_uq: conflict('A ward with this name exists already.'),
    ward_rooms_ward_name_uq: conflict('This ward has a room with this name already.'),
    beds_ward_label_uq: conflict('This ward has a bed with this label already.'),
    bed_occupancies_bed_id_beds_id_fk: conflict(
      'This bed has held patients: deactivate it instead of deleting it.',
    ),
    bed_reservations_bed_id_beds_id_fk: conflict(
      'This bed has been reserved for patients: deactivate it instead of deleting it.',
    ),
    bed_reservations_bed_no_overlap: {
      code: 'BED_RESERVED',
      detail: 'This bed is reserved for another patient at that time. Choose another bed or time.',
    },
    bed_reservations_patient_active_uq: conflict(
      'A bed is already reserved for this patient here: cancel that reservation first.',
    ),
    wards_store_ck: {
      code: 'RULE_VIOLATION',
      detail: "A ward's store must be one of this hospital's ward stores.",
    },
    admission_service_charges_key_uq: {
      code: 'IDEMPOTENCY_REUSED',
      detail: 'This idempotency key was used for another charge.',
    },
    medication_administrations_key_uq: {
      code: 'IDEMPOTENCY_REUSED',
      detail: 'This idempotency key was used for another entry.',
    },
  },
});
