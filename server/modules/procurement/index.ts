// The procurement module's public face: other modules import only from here.
import { defineModule } from '../module';
import { purchaseOrderRoutes } from './orders.routes';
import { procurementFigures } from './procurement.dashboard';
import { PROCUREMENT_TEMPLATES } from './procurement.templates';
import { receiptRoutes } from './receipts.routes';
import { suggestionRoutes } from './suggestions.routes';
import { supplierRoutes } from './suppliers.routes';

/** Suppliers and what they supply; purchase orders with approval; goods receipts and returns. */
export const procurementModule = defineModule({
  name: 'procurement',
  dashboard: procurementFigures,
  templates: PROCUREMENT_TEMPLATES,
  routes(app) {
    supplierRoutes(app);
    purchaseOrderRoutes(app);
    receiptRoutes(app);
    suggestionRoutes(app);
  },
  constraintErrors: {
    suppliers_hospital_name_uq: { code: 'CONFLICT', detail: 'A supplier with this name already exists.' },
    supplier_items_preferred_uq: {
      code: 'CONFLICT',
      detail: 'Another supplier became the preferred one for this medicine at the same time; try again.',
    },
    purchase_order_lines_received_ck: {
      code: 'OVER_RECEIPT',
      detail: 'That is more than the order line allows, counting what has been received already.',
    },
  },
});
