import { describe, expect, it } from 'vitest';
import { CreatePurchaseOrder, type SupplierItem } from '../../../contracts/procurement';
import {
  linesWithoutPrice,
  newDraftLine,
  toCreateOrder,
  toUpdateOrder,
  type DraftValues,
} from './draft-form';

const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';
const SUP = '33333333-3333-4333-8333-333333333333';
const STORE = '44444444-4444-4444-8444-444444444444';
const item = (medicineId: string, lastPriceMinor: number | null) =>
  ({
    medicineId,
    medicineName: 'x',
    packSize: 10,
    lastPriceMinor,
    preferred: false,
    updatedAt: '',
  }) as SupplierItem;

const values = (): DraftValues => ({
  supplierId: SUP,
  storeId: STORE,
  expectedOn: null,
  notes: '  ',
  lines: [
    { ...newDraftLine(), medicineId: M1, medicineName: 'A', packSize: 10, packs: 5, unitPrice: '' },
    // As a NumberInput holds "12.40" while the person types it: a string.
    { ...newDraftLine(), medicineId: M2, medicineName: 'B', packSize: 1, packs: 2, unitPrice: '12.40' },
  ],
});

describe('draft purchase order form', () => {
  it('sends typed prices in minor units, leaves the others to the last price', () => {
    const body = toCreateOrder(values(), 'INR');
    expect(body).toEqual({
      supplierId: SUP,
      storeId: STORE,
      lines: [
        { medicineId: M1, packs: 5 },
        { medicineId: M2, packs: 2, unitPriceMinor: 1240 },
      ],
    });
    expect(CreatePurchaseOrder.safeParse(body).success).toBe(true);
    expect(toUpdateOrder(values(), 'INR')).toMatchObject({ expectedOn: null, notes: null });
  });

  it('names the lines with neither a typed price nor a last price', () => {
    const v = values();
    expect(linesWithoutPrice(v, [item(M1, 1500)])).toEqual([]);
    expect(linesWithoutPrice(v, [item(M1, null)])).toEqual(['lines.0.unitPrice']);
    v.lines[1]!.unitPrice = '';
    expect(linesWithoutPrice(v, [item(M1, 1500)])).toEqual(['lines.1.unitPrice']);
  });
});
