import { describe, expect, it } from 'vitest';
import type { Pick } from '../../../contracts/pharmacy';
import { issuedNow, picksByBatch } from './issue-picks';
import type { WardRequestLine } from './queries';

const pick = (batchId: string, quantity: number): Pick => ({
  batchId,
  batchNumber: `B-${batchId}`,
  expiryDate: '2027-01-01',
  quantity,
});

const line = (over: Partial<WardRequestLine>): WardRequestLine => ({
  id: 'l1',
  medicineId: 'm1',
  medicineName: 'Paracetamol 500 mg',
  dispensingUnit: 'tablet',
  quantityRequested: 100,
  quantityIssued: 0,
  quantityReceived: 0,
  picks: [],
  ...over,
});

describe('ward request picks', () => {
  it('adds up two issues from the same batch into one row', () => {
    expect(picksByBatch([pick('a', 10), pick('b', 5), pick('a', 10)])).toEqual([pick('a', 20), pick('b', 5)]);
  });

  it('shows only what the latest issue took, even from a batch used before in the same amount', () => {
    const before = [line({ quantityIssued: 10, picks: [pick('a', 10)] })];
    const after = [line({ quantityIssued: 30, picks: [pick('a', 10), pick('a', 10), pick('b', 10)] })];
    expect(issuedNow(before, after)).toEqual([
      {
        key: 'l1',
        name: 'Paracetamol 500 mg',
        quantity: 20,
        unit: 'tablet',
        picks: [pick('a', 10), pick('b', 10)],
      },
    ]);
  });

  it('leaves out lines the issue did not touch', () => {
    const untouched = line({ id: 'l2', quantityIssued: 5, picks: [pick('c', 5)] });
    const before = [line({}), untouched];
    const after = [line({ quantityIssued: 4, picks: [pick('a', 4)] }), untouched];
    expect(issuedNow(before, after).map((l) => l.key)).toEqual(['l1']);
  });
});
