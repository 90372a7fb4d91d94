import { describe, expect, it } from 'vitest';
import type { ExpiringBatch } from '../../../contracts/stock-control';
import { daysUntil, expiryStateOf, groupExpiredByStore, groupExpiring, todayIn } from './expiry';

const batch = (over: Partial<ExpiringBatch>): ExpiringBatch => ({
  batchId: crypto.randomUUID(),
  storeId: 's1',
  storeName: 'Pharmacy',
  medicineId: 'm1',
  medicineName: 'Paracetamol 500 mg',
  batchNumber: 'B1',
  expiryDate: '2027-01-01',
  daysLeft: 10,
  onHand: 5,
  valueMinor: 500,
  ...over,
});

describe('expiry dates', () => {
  it("takes today from the hospital's zone, not the machine's", () => {
    const lateEvening = new Date('2026-12-02T20:00:00Z');
    expect(todayIn('Asia/Kolkata', lateEvening)).toBe('2026-12-03');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-12-02');
  });

  it('counts whole calendar days, across month ends and DST changes', () => {
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysUntil('2026-12-01', '2026-12-02')).toBe(-1);
    expect(daysUntil('2027-03-29', '2027-03-27')).toBe(2);
  });

  it('uses the server rule: usable through the expiry day, bands under 30/60/90 days', () => {
    const today = '2026-12-02';
    expect(expiryStateOf('2026-12-01', today)).toBe('expired');
    expect(expiryStateOf('2026-12-02', today)).toBe('expiring_30');
    expect(expiryStateOf('2026-12-31', today)).toBe('expiring_30'); // 29 days
    expect(expiryStateOf('2027-01-01', today)).toBe('expiring_60'); // 30 days
    expect(expiryStateOf('2027-01-31', today)).toBe('expiring_90'); // 60 days
    expect(expiryStateOf('2027-03-01', today)).toBe('expiring_90'); // 89 days
    expect(expiryStateOf('2027-03-02', today)).toBe('ok'); // 90 days
  });
});

describe('alert groups', () => {
  it('puts each usable batch in one band, keeping the order', () => {
    const a = batch({ daysLeft: 0 });
    const b = batch({ daysLeft: 29 });
    const c = batch({ daysLeft: 30 });
    const d = batch({ daysLeft: 89 });
    const e = batch({ daysLeft: 90 });
    const g = groupExpiring([a, b, c, d, e, batch({ daysLeft: -1 })]);
    expect(g.within30).toEqual([a, b]);
    expect(g.within60).toEqual([c]);
    expect(g.within90).toEqual([d]);
  });

  it('sums expired stock per store, stores by name', () => {
    const stores = groupExpiredByStore([
      batch({ storeId: 'p', storeName: 'Pharmacy', onHand: 3, valueMinor: 300 }),
      batch({ storeId: 'm', storeName: 'Main store', onHand: 10, valueMinor: 2000 }),
      batch({ storeId: 'p', storeName: 'Pharmacy', onHand: 2, valueMinor: 150 }),
    ]);
    expect(stores.map((s) => [s.storeName, s.batches.length, s.units, s.valueMinor])).toEqual([
      ['Main store', 1, 10, 2000],
      ['Pharmacy', 2, 5, 450],
    ]);
    expect(groupExpiredByStore([])).toEqual([]);
  });
});
