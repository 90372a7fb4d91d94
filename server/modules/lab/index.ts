// The lab module's public face: other modules import only from here.
import { defineModule } from '../module';
import { catalogRoutes } from './catalog.routes';

/** The lab: its test catalog (orders, samples, results and reports come next). */
export const labModule = defineModule({
  name: 'lab',
  routes(app) {
    catalogRoutes(app);
  },
  constraintErrors: {
    lab_tests_code_uq: { code: 'CONFLICT', detail: 'A test with this code is in the catalog already.' },
  },
});
