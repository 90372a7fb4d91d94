import { accountPages } from './en/account';
import { adminPages } from './en/admin';
import { appointmentPages } from './en/appointments';
import { billingPages } from './en/billing';
import { cashierPages } from './en/cashier';
import { clinicalPages } from './en/clinical';
import { common } from './en/common';
import { dispensingPages } from './en/dispensing';
import { errorMessages } from './en/errors';
import { integrationPages } from './en/integrations';
import { inventoryPages } from './en/inventory';
import { labPages } from './en/lab';
import { labCorrectionPages } from './en/lab-corrections';
import { nursingPages } from './en/nursing';
import { patientPages } from './en/patients';
import { privacyPages } from './en/privacy';
import { procurementPages } from './en/procurement';
import { publicPages } from './en/public';
import { queuePages } from './en/queue';
import { reservationPages } from './en/reservations';
import { shopPages } from './en/shop';
import { staysPages } from './en/stays';
import { wardPages } from './en/ward';
import { wardsPages } from './en/wards';
import { workspace } from './en/workspace';

/** Every word of the web app in English; the key structure is what other languages translate. */
export const en = {
  ...common,
  ...errorMessages,
  ...publicPages,
  ...workspace,
  ...patientPages,
  ...accountPages,
  ...adminPages,
  ...integrationPages,
  ...inventoryPages,
  ...dispensingPages,
  ...shopPages,
  ...wardPages,
  ...wardsPages,
  ...reservationPages,
  ...staysPages,
  ...nursingPages,
  ...appointmentPages,
  ...queuePages,
  ...clinicalPages,
  ...procurementPages,
  ...billingPages,
  ...cashierPages,
  ...labPages,
  ...labCorrectionPages,
  ...privacyPages,
};
