// The pharmacy module's public face: other modules import only from here.
import { repointPatientIn } from '../../db/repoint';
import { defineModule } from '../module';
import { catalogRoutes } from './catalog.routes';
import { dispensingRoutes } from './dispensing.routes';
import { medicationFhir } from './medication.fhir';
import { ordersRoutes } from './orders.routes';
import { pharmacyFigures } from './pharmacy.dashboard';
import { definePharmacyJobs } from './pharmacy.jobs';
import { PHARMACY_TEMPLATES } from './pharmacy.templates';
import { stockRoutes } from './stock.routes';
import { wardAndCountRoutes } from './ward.routes';
import { patientExport } from './pharmacy.patient-export';
import { patientErasure } from './pharmacy.patient-erasure';

export { createPrescription } from './dispensing.service';
export { findMedicine as findMedicineWithStock, type MedicineWithStock } from './catalog.repo';
export { verifyStock } from './stock-verify';
export { postReceipt, postSupplierReturn, type IncomingLine } from './stock.service';
export { sendStockAlerts } from './pharmacy.jobs';
export { priceLine } from './pricing';
export {
  medicineLabel,
  takeWardStock,
  wardMedicine,
  wardStockTaken,
  type WardMedicine,
} from './ward-administer';

const conflict = (detail: string) => ({ code: 'CONFLICT' as const, detail });

/** Medicines, stores, batches and the stock ledger; dispensing, sales, online orders, ward requests. */
export const pharmacyModule = defineModule({
  name: 'pharmacy',
  patientExport,
  patientErasure,
  // A merged temporary record's prescriptions, counter sales and orders become the person's.
  patientMerge: (tx, m) => repointPatientIn(tx, ['prescriptions', 'pharmacy_sales', 'pharmacy_orders'], m),
  templates: PHARMACY_TEMPLATES,
  dashboard: pharmacyFigures,
  fhir: [medicationFhir],
  jobs: (runner, deps) => definePharmacyJobs(runner, { db: deps.database.db, log: deps.log }),
  routes(app) {
    catalogRoutes(app);
    stockRoutes(app);
    dispensingRoutes(app);
    ordersRoutes(app);
    wardAndCountRoutes(app);
  },
  constraintErrors: {
    medicines_hospital_identity_uq: conflict(
      'The catalog already has this medicine (same name, brand, strength and form).',
    ),
    medicines_hospital_barcode_uq: conflict('Another medicine already has this barcode.'),
    stores_hospital_name_uq: conflict('A store with this name already exists.'),
    stock_batches_on_hand_ck: {
      code: 'INSUFFICIENT_STOCK',
      detail: 'There is not enough stock in that batch.',
    },
    stock_batches_reserved_ck: {
      code: 'INSUFFICIENT_STOCK',
      detail: 'That stock is promised to online orders and cannot be taken.',
    },
    stock_ledger_not_expired: {
      code: 'BATCH_EXPIRED',
      detail: 'An expired batch can only be written off or returned to the supplier.',
    },
    stock_takes_counting_uq: conflict(
      'This store is being counted already: finish or cancel that count first.',
    ),
    ward_request_lines_qty_ck: {
      code: 'VALIDATION_FAILED',
      detail: 'That is more than the request asked for.',
    },
    prescription_lines_dispensed_ck: {
      code: 'OVER_DISPENSE',
      detail: 'That is more than the prescription has left.',
    },
  },
});
