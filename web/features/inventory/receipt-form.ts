// The receive-stock form's values and the ReceiveStock body built from them.
import type { Medicine } from '../../../contracts/pharmacy';
import { toMinor } from '../../lib/money';

export interface ReceiptLineValues {
  key: string;
  medicineId: string;
  batchNumber: string;
  expiryDate: string | null;
  /** Whether the quantity is counted in dispensing units or in whole packs. */
  unit: 'units' | 'packs';
  quantity: number | string;
  /** Cost of one dispensing unit, in major units. */
  unitCost: number | string;
}

export interface ReceiptValues {
  storeId: string;
  note: string;
  lines: ReceiptLineValues[];
}

let next = 0;
export const newLine = (medicineId = ''): ReceiptLineValues => ({
  key: `line-${++next}`,
  medicineId,
  batchNumber: '',
  expiryDate: null,
  unit: 'units',
  quantity: '',
  unitCost: '',
});

const num = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The units a line brings in: its quantity, or its packs times the medicine's pack size. */
export function unitsOf(line: ReceiptLineValues, medicine: Medicine | undefined): number | null {
  const q = num(line.quantity);
  if (q === undefined) return null;
  if (line.unit === 'units') return q;
  return medicine ? q * medicine.packSize : null;
}

/** The body for POST /api/stock/receipts (the contract checks it before it is sent). */
export function toReceipt(values: ReceiptValues, currency: string) {
  return {
    storeId: values.storeId || undefined,
    note: values.note.trim() || undefined,
    lines: values.lines.map((l) => {
      const q = num(l.quantity);
      const cost = num(l.unitCost);
      return {
        medicineId: l.medicineId || undefined,
        batchNumber: l.batchNumber,
        expiryDate: l.expiryDate ?? undefined,
        ...(l.unit === 'packs' ? { packs: q } : { quantity: q }),
        unitCostMinor: cost === undefined ? undefined : toMinor(cost, currency),
      };
    }),
  };
}

/** Error paths of the body (`lines.0.packs`) as the form's field names (`lines.0.quantity`). */
export function toReceiptFormPath(path: string): string {
  return path
    .replace(/^(lines\.\d+)\.(packs|quantity)$/, '$1.quantity')
    .replace(/\.unitCostMinor$/, '.unitCost');
}
