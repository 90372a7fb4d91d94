import { describe, expect, it } from 'vitest';
import type { LabOrder } from '../../../contracts/lab-orders';
import { findSample, orderNumberOf, scannedAccession } from './lab-scan';

describe('scannedAccession', () => {
  it('takes what a scanner types from a label: the order number, the test, a recollection', () => {
    expect(scannedAccession('LAB-000123-1')).toBe('LAB-000123-1');
    expect(scannedAccession('LAB-000123-12')).toBe('LAB-000123-12');
    expect(scannedAccession('LAB-000123-2.1')).toBe('LAB-000123-2.1');
    // Past a million orders the number grows a digit.
    expect(scannedAccession('LAB-1234567-3')).toBe('LAB-1234567-3');
    // Caps lock on, or a stray space from a wedge scanner.
    expect(scannedAccession(' lab-000123-1\t')).toBe('LAB-000123-1');
  });

  it('leaves everything else to the search as typed', () => {
    for (const text of [
      '',
      'LAB-000123',
      'LAB-000123-',
      'LAB-00012-1',
      'LAB-000123-0',
      'LAB-000123-01',
      'LAB-000123-1.',
      'LAB-000123-1.0',
      'LAB-000123-1-2',
      'XLAB-000123-1',
      'LAB-000123-1 Patel',
      'MRN-000042',
      'Aarav Patel',
      '000123',
    ]) {
      expect(scannedAccession(text), text).toBeNull();
    }
  });
});

describe('orderNumberOf', () => {
  it("is the accession number's order", () => {
    expect(orderNumberOf('LAB-000123-1')).toBe('LAB-000123');
    expect(orderNumberOf('LAB-000123-2.1')).toBe('LAB-000123');
    expect(orderNumberOf('LAB-1234567-12')).toBe('LAB-1234567');
  });
});

describe('findSample', () => {
  const order = (id: string, number: string, accessions: string[]) =>
    ({
      id,
      number,
      items: accessions.map((accession, k) => ({ id: `${id}-${k}`, accession })),
    }) as unknown as LabOrder;
  // A search by order number also finds orders whose number holds it, or a patient's MRN that does.
  const found = [
    order('a', 'LAB-0001231', ['LAB-0001231-1']),
    order('b', 'LAB-000123', ['LAB-000123-1.1', 'LAB-000123-2']),
  ];

  it('is the order and test with exactly that sample', () => {
    expect(findSample(found, 'LAB-000123-2')).toMatchObject({ order: { id: 'b' }, item: { id: 'b-1' } });
    expect(findSample(found, 'LAB-000123-1.1')).toMatchObject({ order: { id: 'b' }, item: { id: 'b-0' } });
  });

  it('is none for a rejected sample’s old label, a near number or nothing found', () => {
    expect(findSample(found, 'LAB-000123-1')).toBeNull();
    expect(findSample(found, 'LAB-000123-3')).toBeNull();
    expect(findSample([], 'LAB-000123-2')).toBeNull();
  });
});
