// The privacy module's public face (product §17, ADR 33): consent, export and erasure.
import { repointPatientIn } from '../../db/repoint';
import { defineModule } from '../module';
import { consentsRoutes } from './consents.routes';
import { erasureRoutes } from './erasure.routes';
import { exportRoutes } from './export.routes';
import { PRIVACY_TEMPLATES } from './privacy.templates';

export { providePrivacySteps } from './privacy.ports';

/** Consent decisions, a patient's export of all their data, erasure requests and anonymisation. */
export const privacyModule = defineModule({
  name: 'privacy',
  // Consents recorded on a temporary record become the person's own.
  patientMerge: (tx, m) => repointPatientIn(tx, ['patient_consents'], m),
  templates: PRIVACY_TEMPLATES,
  routes(app) {
    consentsRoutes(app);
    erasureRoutes(app);
    exportRoutes(app);
  },
  constraintErrors: {
    erasure_requests_pending_uq: {
      code: 'ERASURE_PENDING',
      detail: 'You have already asked for your data to be erased; it is being reviewed.',
    },
  },
});
