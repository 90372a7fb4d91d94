// The lab module's public face: other modules import only from here.
import { repointPatientIn } from '../../db/repoint';
import { defineModule } from '../module';
import { amendmentRoutes } from './amendments.routes';
import { catalogRoutes } from './catalog.routes';
import { labFigures } from './lab.dashboard';
import { LAB_TEMPLATES } from './lab.templates';
import { orderRoutes } from './orders.routes';
import { labReportFhir } from './reports.fhir';
import { labResultFhir } from './results.fhir';
import { patientExport } from './lab.patient-export';

// The demo seed orders tests and collects samples through the same rules as the routes.
export { createOrder } from './orders.service';
export { collectSample } from './samples.service';
export { enterResults, verifyResults } from './results.service';

/** The lab: its test catalog, orders, samples, results verified by a second person, reports. */
export const labModule = defineModule({
  name: 'lab',
  patientExport,
  // A temporary record's lab orders move with it when it is merged into the person's own (ADR 14).
  patientMerge: (tx, m) => repointPatientIn(tx, ['lab_orders'], m),
  dashboard: labFigures,
  templates: LAB_TEMPLATES,
  // Verified results as Observations, orders as DiagnosticReports.
  fhir: [labResultFhir, labReportFhir],
  routes(app) {
    catalogRoutes(app);
    orderRoutes(app);
    amendmentRoutes(app);
  },
  constraintErrors: {
    lab_tests_code_uq: { code: 'CONFLICT', detail: 'A test with this code is in the catalog already.' },
    lab_results_frozen: {
      code: 'INVALID_TRANSITION',
      detail: 'Verified results never change: a correction is entered as a new version of them.',
    },
    lab_orders_number_uq: { code: 'CONFLICT', detail: 'That order number was taken meanwhile; try again.' },
  },
});
