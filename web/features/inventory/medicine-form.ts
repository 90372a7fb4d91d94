// The medicine form's values (what a person types: a price in rupees, tax in percent) and the
// contract's shapes (minor units, basis points), both ways.
import type { Medicine, MedicineForm } from '../../../contracts/pharmacy';
import { toMajor, toMinor } from '../../lib/money';

export interface MedicineFormValues {
  genericName: string;
  brandName: string;
  form: MedicineForm | '';
  strength: string;
  dispensingUnit: string;
  packSize: number | string;
  manufacturer: string;
  prescriptionOnly: boolean;
  controlled: boolean;
  reorderLevel: number | string;
  salePrice: number | string;
  taxRatePercent: number | string;
  barcode: string;
}

export const EMPTY_MEDICINE: MedicineFormValues = {
  genericName: '',
  brandName: '',
  form: '',
  strength: '',
  dispensingUnit: '',
  packSize: 1,
  manufacturer: '',
  prescriptionOnly: false,
  controlled: false,
  reorderLevel: 0,
  salePrice: '',
  taxRatePercent: 0,
  barcode: '',
};

/** Contract fields that the form holds under another name (in other units). */
export const FORM_NAME_OF: Record<string, string> = {
  salePriceMinor: 'salePrice',
  taxRateBp: 'taxRatePercent',
};

/** Errors keyed by contract path, re-keyed to the form's field names. */
export function toFormErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [FORM_NAME_OF[k] ?? k, v]));
}

export function medicineToForm(m: Medicine): MedicineFormValues {
  return {
    genericName: m.genericName,
    brandName: m.brandName ?? '',
    form: m.form,
    strength: m.strength,
    dispensingUnit: m.dispensingUnit,
    packSize: m.packSize,
    manufacturer: m.manufacturer ?? '',
    prescriptionOnly: m.prescriptionOnly,
    controlled: m.controlled,
    reorderLevel: m.reorderLevel,
    salePrice: toMajor(m.salePriceMinor, m.currency),
    taxRatePercent: m.taxRateBp / 100,
    barcode: m.barcode ?? '',
  };
}

const num = (v: number | string): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const t = v.trim();
  return t === '' ? undefined : Number(t);
};
const text = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

/** Every field as the contract has it; blank optional text is null ("none"). */
function toContract(v: MedicineFormValues, currency: string) {
  const price = num(v.salePrice);
  const tax = num(v.taxRatePercent);
  return {
    genericName: v.genericName,
    brandName: text(v.brandName) ?? null,
    form: v.form || undefined,
    strength: v.strength,
    dispensingUnit: v.dispensingUnit,
    packSize: num(v.packSize),
    manufacturer: text(v.manufacturer) ?? null,
    prescriptionOnly: v.prescriptionOnly,
    controlled: v.controlled,
    reorderLevel: num(v.reorderLevel),
    salePriceMinor: price === undefined ? undefined : toMinor(price, currency),
    taxRateBp: tax === undefined ? undefined : Math.round(tax * 100),
    barcode: text(v.barcode)?.trim() ?? null,
  };
}

/** The body of "add a medicine": blank optional fields are left out, so the defaults apply. */
export function formToCreate(v: MedicineFormValues, currency: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(toContract(v, currency)).filter(([, value]) => value !== null && value !== undefined),
  );
}

/** The body of a change: only the fields that differ from the medicine as it was. */
export function formToUpdate(v: MedicineFormValues, original: Medicine): Record<string, unknown> {
  const next = toContract(v, original.currency);
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(next)) {
    if (value !== original[k as keyof Medicine]) out[k] = value;
  }
  return out;
}
