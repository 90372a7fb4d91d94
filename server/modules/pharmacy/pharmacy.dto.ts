// Rows to the contract's shapes: nothing leaves the module as a database row.
import type { Medicine, MedicineForm } from '../../../contracts/pharmacy';
import type { MedicineWithStock } from './catalog.repo';

export const iso = (v: Date | string) => new Date(v).toISOString();

/** "Paracetamol 500 mg tablet (Calpol)": how a medicine is named in lists and picks. */
export function medicineLabel(m: {
  genericName: string;
  strength: string;
  form: string;
  brandName: string | null;
}) {
  return `${m.genericName} ${m.strength} ${m.form}${m.brandName ? ` (${m.brandName})` : ''}`;
}

export function toMedicine(m: MedicineWithStock): Medicine {
  return {
    id: m.id,
    hospitalId: m.hospitalId,
    genericName: m.genericName,
    brandName: m.brandName,
    form: m.form as MedicineForm,
    strength: m.strength,
    dispensingUnit: m.dispensingUnit,
    packSize: m.packSize,
    manufacturer: m.manufacturer,
    prescriptionOnly: m.prescriptionOnly,
    controlled: m.controlled,
    reorderLevel: m.reorderLevel,
    salePriceMinor: m.salePriceMinor,
    taxRateBp: m.taxRateBp,
    currency: m.currency,
    barcode: m.barcode,
    active: m.active,
    stock: {
      onHand: m.stock.on_hand,
      reserved: m.stock.reserved,
      availableInPharmacy: m.stock.available_in_pharmacy,
      expired: m.stock.expired,
      low: m.stock.on_hand <= m.reorderLevel,
      nextExpiry: m.stock.next_expiry,
    },
  };
}
