import { describe, expect, it } from 'vitest';
import type { Medicine } from '../../../contracts/pharmacy';
import { EMPTY_MEDICINE, formToCreate, formToUpdate, medicineToForm, toFormErrors } from './medicine-form';

const medicine: Medicine = {
  id: '00000000-0000-4000-8000-000000000001',
  hospitalId: '00000000-0000-4000-8000-000000000002',
  genericName: 'Amoxicillin',
  brandName: 'Mox',
  form: 'capsule',
  strength: '500 mg',
  dispensingUnit: 'capsule',
  packSize: 10,
  manufacturer: null,
  prescriptionOnly: true,
  controlled: false,
  reorderLevel: 100,
  salePriceMinor: 1250,
  taxRateBp: 1200,
  currency: 'INR',
  barcode: '8901234567890',
  active: true,
  stock: { onHand: 0, reserved: 0, availableInPharmacy: 0, expired: 0, low: true, nextExpiry: null },
};

describe('medicine form', () => {
  it('shows minor units and basis points as a price and a percentage', () => {
    const v = medicineToForm(medicine);
    expect(v.salePrice).toBe(12.5);
    expect(v.taxRatePercent).toBe(12);
    expect(v.manufacturer).toBe('');
  });

  it('adds a medicine with money in minor units and blank optional fields left out', () => {
    const body = formToCreate(
      {
        ...EMPTY_MEDICINE,
        genericName: 'Paracetamol',
        form: 'tablet',
        strength: '500 mg',
        dispensingUnit: 'tablet',
        salePrice: 1.05,
        taxRatePercent: 5.5,
        barcode: ' 12345 ',
      },
      'INR',
    );
    expect(body).toEqual({
      genericName: 'Paracetamol',
      form: 'tablet',
      strength: '500 mg',
      dispensingUnit: 'tablet',
      packSize: 1,
      prescriptionOnly: false,
      controlled: false,
      reorderLevel: 0,
      salePriceMinor: 105,
      taxRateBp: 550,
      barcode: '12345',
    });
  });

  it('leaves a missing price and form out, so the contract reports them as required', () => {
    const body = formToCreate({ ...EMPTY_MEDICINE, salePrice: '', packSize: '' }, 'INR');
    expect(body).not.toHaveProperty('salePriceMinor');
    expect(body).not.toHaveProperty('form');
    expect(body).not.toHaveProperty('packSize');
  });

  it('sends only what changed, and clears a blanked optional field with null', () => {
    const v = { ...medicineToForm(medicine), salePrice: 13, brandName: '', reorderLevel: 100 };
    expect(formToUpdate(v, medicine)).toEqual({ salePriceMinor: 1300, brandName: null });
    expect(formToUpdate(medicineToForm(medicine), medicine)).toEqual({});
  });

  it('puts contract errors on the fields the form shows', () => {
    expect(toFormErrors({ salePriceMinor: 'Required', genericName: 'Required' })).toEqual({
      salePrice: 'Required',
      genericName: 'Required',
    });
  });
});
