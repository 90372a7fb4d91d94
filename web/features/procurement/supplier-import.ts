// The supplier import report gives each refused row's reasons as the server's English
// ("email: Must be an email address"); read back into a CSV column and a kind of problem, so the
// report is worded in the person's language.
import { SUPPLIER_CSV_COLUMNS } from '../../../contracts/procurement';
import type { ImportReason } from '../inventory/import-reasons';

/** The CSV column of each contract field, as the file names it. */
const COLUMN_OF: Record<string, (typeof SUPPLIER_CSV_COLUMNS)[number]> = {
  name: 'name',
  contactName: 'contact_name',
  email: 'email',
  phone: 'phone',
  addressLine: 'address',
  taxId: 'tax_id',
  paymentTerms: 'payment_terms',
  leadTimeDays: 'lead_time_days',
};

function problemOf(column: string, message: string): Pick<ImportReason, 'problem' | 'max'> {
  if (message === 'Required') return { problem: 'required' };
  if (message === 'appears earlier in the file') return { problem: 'duplicate' };
  const long = /^At most (\d+) characters$/.exec(message);
  if (long) return { problem: 'tooLong', max: Number(long[1]) };
  if (message === 'Contains characters that are not allowed') return { problem: 'characters' };
  if (column === 'email') return { problem: 'email' };
  if (column === 'phone') return { problem: 'phone' };
  if (column === 'lead_time_days') return { problem: 'leadTime' };
  return { problem: 'invalid' };
}

/** One reason of a refused supplier row, as a column and a problem a screen can word. */
export function readSupplierImportReason(text: string): ImportReason {
  const colon = text.indexOf(': ');
  if (colon > 0) {
    const column = COLUMN_OF[text.slice(0, colon)];
    if (column) return { column, ...problemOf(column, text.slice(colon + 2)) };
  }
  return { column: null, problem: 'invalid' };
}

/** The header row of a supplier file, for a template to start from. */
export const SUPPLIER_TEMPLATE_HEADER = SUPPLIER_CSV_COLUMNS.join(',');
