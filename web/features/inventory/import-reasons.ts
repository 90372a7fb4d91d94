// The import report gives each refused row's reasons as the server's English; these are read back
// into a CSV column and a kind of problem, so the report is worded in the person's language.

/** The CSV column of each contract field, as the file names it. */
const COLUMN_OF: Record<string, string> = {
  genericName: 'generic_name',
  brandName: 'brand_name',
  form: 'form',
  strength: 'strength',
  dispensingUnit: 'dispensing_unit',
  packSize: 'pack_size',
  manufacturer: 'manufacturer',
  prescriptionOnly: 'prescription_only',
  controlled: 'controlled',
  reorderLevel: 'reorder_level',
  salePriceMinor: 'sale_price',
  taxRateBp: 'tax_rate_percent',
  barcode: 'barcode',
};

export type ImportProblem =
  | 'required'
  | 'tooLong'
  | 'characters'
  | 'barcodeFormat'
  | 'barcodeTaken'
  | 'unknownForm'
  | 'price'
  | 'taxRate'
  | 'number'
  | 'email'
  | 'phone'
  | 'duplicate'
  | 'leadTime'
  | 'invalid';

export interface ImportReason {
  /** The column as the file names it, when the reason names one. */
  column: string | null;
  problem: ImportProblem;
  /** For `tooLong`: the most characters allowed. */
  max?: number;
}

function problemOf(column: string, message: string): Pick<ImportReason, 'problem' | 'max'> {
  if (message === 'Required') return { problem: 'required' };
  const long = /^At most (\d+) characters$/.exec(message);
  if (long) return { problem: 'tooLong', max: Number(long[1]) };
  if (message === 'Contains characters that are not allowed') return { problem: 'characters' };
  if (column === 'barcode') return { problem: 'barcodeFormat' };
  if (column === 'form') return { problem: 'unknownForm' };
  if (['pack_size', 'reorder_level'].includes(column)) return { problem: 'number' };
  return { problem: 'invalid' };
}

/** One reason of a refused row, as a column and a problem a screen can word. */
export function readImportReason(text: string): ImportReason {
  if (text.startsWith('sale_price must')) return { column: 'sale_price', problem: 'price' };
  if (text.startsWith('tax_rate_percent must')) return { column: 'tax_rate_percent', problem: 'taxRate' };
  if (text === 'barcode is already used by another medicine')
    return { column: 'barcode', problem: 'barcodeTaken' };
  const colon = text.indexOf(': ');
  if (colon > 0) {
    const field = text.slice(0, colon);
    const column = COLUMN_OF[field];
    if (column) return { column, ...problemOf(column, text.slice(colon + 2)) };
  }
  return { column: null, problem: 'invalid' };
}

/** The header row of a file the import takes, for a template to start from. */
export const TEMPLATE_HEADER = Object.values(COLUMN_OF).join(',');
