// The procurement module's public face: other modules import only from here.
import { defineModule } from '../module';
import { supplierRoutes } from './suppliers.routes';

/** Suppliers and what they supply; purchase orders, goods receipts and returns to come (issue 12). */
export const procurementModule = defineModule({
  name: 'procurement',
  routes(app) {
    supplierRoutes(app);
  },
  constraintErrors: {
    suppliers_hospital_name_uq: { code: 'CONFLICT', detail: 'A supplier with this name already exists.' },
    supplier_items_preferred_uq: {
      code: 'CONFLICT',
      detail: 'Another supplier became the preferred one for this medicine at the same time; try again.',
    },
  },
});
