// The billing module's public face: other modules import only from here.
import { mergePatientBills } from './patient-merge';
import { defineModule } from '../module';
import { billingFigures } from './billing.dashboard';
import { BILLING_TEMPLATES } from './billing.templates';
import { invoiceRoutes } from './invoices.routes';
import { paymentRoutes } from './payments.routes';
import { priceListRoutes } from './price-list.routes';
import { reportRoutes } from './reports.routes';
import { patientExport } from './billing.patient-export';

export {
  admissionInvoice,
  billAdmission,
  hospitalFacts,
  patientBalance,
  priceStay,
  type StayCharges,
} from './admission-bill';
export { billDispensing } from './dispensing-bill';
export {
  billConsultation,
  billLabOrder,
  billPharmacyOrder,
  billPharmacySale,
  creditPharmacyOrder,
  priceLabTests,
  unbillLabOrder,
  type PricedLabTest,
} from './automatic';
// The demo seed bills through the same rules as the routes, inside its own transaction.
export { creditInvoice } from './credit-notes.service';
export { finaliseDraft } from './invoice-finalise';
export { createDraft, priceLines } from './invoices.service';
export { servicesInUse, serviceToCharge } from './price-list.service';
export { priceInvoiceLine } from './money';
export { lockInvoice } from './invoices.repo';
export { requestHash, takePayment } from './payments.service';

const conflict = (detail: string) => ({ code: 'CONFLICT' as const, detail });

/**
 * The price list; invoices from draft to final, payments and advances, credit notes, receipts; cash
 * closing; revenue and outstanding balances, and the dashboard's revenue and unpaid-bill figures.
 */
export const billingModule = defineModule({
  name: 'billing',
  patientExport,
  patientMerge: mergePatientBills,
  templates: BILLING_TEMPLATES,
  dashboard: billingFigures,
  routes(app) {
    priceListRoutes(app);
    invoiceRoutes(app);
    paymentRoutes(app);
    reportRoutes(app);
  },
  constraintErrors: {
    billing_services_code_uq: conflict('A service with this code is on the price list already.'),
    invoices_frozen: {
      code: 'INVALID_TRANSITION',
      detail: 'A final invoice never changes: correct it with a credit note.',
    },
    invoices_paid_ck: {
      code: 'OVERPAYMENT',
      detail: 'That is more than the invoice still owes.',
    },
    billing_accounts_advance_ck: {
      code: 'INSUFFICIENT_ADVANCE',
      detail: "The patient's advance does not cover this amount.",
    },
    billing_payments_invoice_final: {
      code: 'INVALID_TRANSITION',
      detail: 'Payments are taken only against a final invoice.',
    },
    credit_notes_invoice_final: {
      code: 'INVALID_TRANSITION',
      detail: 'Credit notes are issued only against a final invoice.',
    },
    cash_closings_cashier_day_uq: conflict('This day is closed already.'),
  },
});
