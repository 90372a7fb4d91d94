import { describe, expect, it } from 'vitest';
import type { Medicine } from '../../../contracts/pharmacy';
import { newLine, toReceipt, toReceiptFormPath, unitsOf } from './receipt-form';

const strip = { packSize: 10 } as Medicine;

describe('receive stock form', () => {
  it('counts units, or packs times the pack size', () => {
    expect(unitsOf({ ...newLine(), quantity: 30 }, strip)).toBe(30);
    expect(unitsOf({ ...newLine(), unit: 'packs', quantity: 3 }, strip)).toBe(30);
    expect(unitsOf({ ...newLine(), unit: 'packs', quantity: 3 }, undefined)).toBeNull();
    expect(unitsOf({ ...newLine(), quantity: '' }, strip)).toBeNull();
  });

  it('sends units or packs (never both) and the cost in minor units', () => {
    const body = toReceipt(
      {
        storeId: 's',
        note: '  ',
        lines: [
          { ...newLine('m1'), batchNumber: 'B1', expiryDate: '2027-06-30', quantity: 100, unitCost: 2.5 },
          {
            ...newLine('m2'),
            batchNumber: 'B2',
            expiryDate: '2027-01-31',
            unit: 'packs',
            quantity: 4,
            unitCost: 0,
          },
        ],
      },
      'INR',
    );
    expect(body).toEqual({
      storeId: 's',
      note: undefined,
      lines: [
        { medicineId: 'm1', batchNumber: 'B1', expiryDate: '2027-06-30', quantity: 100, unitCostMinor: 250 },
        { medicineId: 'm2', batchNumber: 'B2', expiryDate: '2027-01-31', packs: 4, unitCostMinor: 0 },
      ],
    });
  });

  it('leaves what is missing undefined, for the contract to report on its field', () => {
    const [line] = toReceipt({ storeId: '', note: '', lines: [newLine()] }, 'INR').lines;
    expect(line).toMatchObject({
      medicineId: undefined,
      expiryDate: undefined,
      quantity: undefined,
      unitCostMinor: undefined,
    });
  });

  it("puts the contract's error paths on the form's fields", () => {
    expect(toReceiptFormPath('lines.2.packs')).toBe('lines.2.quantity');
    expect(toReceiptFormPath('lines.0.unitCostMinor')).toBe('lines.0.unitCost');
    expect(toReceiptFormPath('lines.1.batchNumber')).toBe('lines.1.batchNumber');
    expect(toReceiptFormPath('storeId')).toBe('storeId');
  });
});
