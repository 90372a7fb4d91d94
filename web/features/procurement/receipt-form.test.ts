import { describe, expect, it } from 'vitest';
import { ReceiveGoods, type PurchaseOrder } from '../../../contracts/procurement';
import { capacityOf, newBatch, receiveValuesOf, toReceiveFormPath, toReceiveGoods } from './receipt-form';

const line = (id: string, ordered: number, received: number, damaged = 0) => ({
  id,
  medicineId: `00000000-0000-4000-8000-00000000000${id.slice(-1)}`,
  medicineName: `Medicine ${id}`,
  packsOrdered: ordered,
  maxPacks: Math.floor(ordered * 1.1),
  packSize: 10,
  unitPriceMinor: 100,
  lineTotalMinor: ordered * 100,
  packsReceived: received,
  packsDamaged: damaged,
});
const L1 = '11111111-1111-4111-8111-111111111111';
const L2 = '22222222-2222-4222-8222-222222222222';
const order = { lines: [line(L1, 10, 0), line(L2, 20, 22)] } as unknown as PurchaseOrder;
const KEY = 'a'.repeat(32);

describe('receive goods form', () => {
  it('offers a batch only on lines that may still take packs', () => {
    expect(capacityOf(order.lines[0]!)).toBe(11);
    expect(capacityOf(order.lines[1]!)).toBe(0);
    const values = receiveValuesOf(order);
    expect(values.lines.map((l) => l.batches.length)).toEqual([1, 0]);
  });

  it('sends the batches filled in, skipping untouched ones, and maps problems back to their fields', () => {
    const values = receiveValuesOf(order);
    const untouched = newBatch();
    values.lines[0]!.batches = [
      untouched,
      { ...newBatch(), batchNumber: ' B-1 ', expiryDate: '2030-01-31', packsAccepted: 4, packsDamaged: '' },
    ];
    values.deliveryNote = ' DN-9 ';
    const { body, paths } = toReceiveGoods(values, KEY);
    expect(body).toEqual({
      idempotencyKey: KEY,
      deliveryNote: 'DN-9',
      lines: [
        { orderLineId: L1, batchNumber: 'B-1', expiryDate: '2030-01-31', packsAccepted: 4, packsDamaged: 0 },
      ],
    });
    expect(ReceiveGoods.safeParse(body).success).toBe(true);
    expect(paths).toEqual(['lines.0.batches.1']);
    expect(toReceiveFormPath('lines.0.packsAccepted', paths)).toBe('lines.0.batches.1.packsAccepted');
    expect(toReceiveFormPath('deliveryNote', paths)).toBe('deliveryNote');
  });

  it('lets the contract refuse a batch with no packs or no expiry', () => {
    const values = receiveValuesOf(order);
    const problems = (batch: Partial<ReturnType<typeof newBatch>>) => {
      values.lines[0]!.batches = [{ ...newBatch(), ...batch }];
      const parsed = ReceiveGoods.safeParse(toReceiveGoods(values, KEY).body);
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
    };
    expect(problems({ batchNumber: 'B-2', packsAccepted: 3 })).toEqual(['lines.0.expiryDate']);
    expect(problems({ batchNumber: 'B-2', expiryDate: '2030-01-31' })).toEqual(['lines.0.packsAccepted']);
    expect(problems({ batchNumber: 'B-2', expiryDate: '2030-01-31', packsAccepted: 1.5 })).toEqual([
      'lines.0.packsAccepted',
    ]);
  });

  it('sends no lines when nothing was filled in (the contract then asks for one)', () => {
    const { body } = toReceiveGoods(receiveValuesOf(order), KEY);
    expect(body.lines).toEqual([]);
    expect(ReceiveGoods.safeParse(body).success).toBe(false);
  });
});
