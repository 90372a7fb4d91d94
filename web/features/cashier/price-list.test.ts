import { describe, expect, it } from 'vitest';
import {
  CreateBillingService,
  SetDepartmentFee,
  UpdateBillingService,
  type BillingService,
} from '../../../contracts/price-list';
import {
  feeValues,
  percentToBp,
  serviceValues,
  toCreateService,
  toFormErrors,
  toSetDepartmentFee,
  toUpdateService,
} from './price-list';

const xray: BillingService = {
  id: '01a23a55-9ee4-77ae-be6c-f01604454c1d',
  code: 'XRAY-CHEST',
  name: 'Chest X-ray',
  priceMinor: 45000,
  taxRateBp: 1250,
  active: true,
  createdAt: '2026-12-03T05:16:59.490Z',
  updatedAt: '2026-12-03T05:16:59.490Z',
};

describe('price list forms', () => {
  it('turns percent into basis points without float error', () => {
    expect(percentToBp(12.5)).toBe(1250);
    expect(percentToBp(0.07)).toBe(7);
    expect(percentToBp(18)).toBe(1800);
    expect(percentToBp(100)).toBe(10000);
  });

  it('shows a service in major units and percent', () => {
    expect(serviceValues(xray, 'INR')).toEqual({
      code: 'XRAY-CHEST',
      name: 'Chest X-ray',
      price: 450,
      taxPercent: 12.5,
    });
    expect(serviceValues(null, 'INR')).toEqual({ code: '', name: '', price: '', taxPercent: 0 });
  });

  it('adds a service the contract accepts', () => {
    const body = toCreateService({ code: ' ecg ', name: ' ECG ', price: '300.5', taxPercent: 5 }, 'INR');
    expect(body).toEqual({ code: 'ecg', name: 'ECG', priceMinor: 30050, taxRateBp: 500 });
    expect(CreateBillingService.parse(body).code).toBe('ECG');
  });

  it('names an empty or unreadable price for the contract to refuse', () => {
    const empty = CreateBillingService.safeParse(toCreateService(serviceValues(null, 'INR'), 'INR'));
    expect(empty.success).toBe(false);
    expect(
      toCreateService({ code: 'A', name: 'A', price: '1e', taxPercent: '' }, 'INR').priceMinor,
    ).toBeNaN();
  });

  it('changes only what changed', () => {
    expect(toUpdateService(serviceValues(xray, 'INR'), xray, 'INR')).toEqual({});
    const change = toUpdateService(
      { ...serviceValues(xray, 'INR'), price: 500, taxPercent: 18 },
      xray,
      'INR',
    );
    expect(change).toEqual({ priceMinor: 50000, taxRateBp: 1800 });
    expect(UpdateBillingService.safeParse(change).success).toBe(true);
  });

  it('sets a department fee', () => {
    const none = {
      departmentId: xray.id,
      departmentName: 'Cardiology',
      feeMinor: null,
      taxRateBp: null,
      updatedAt: null,
    };
    expect(feeValues(none, 'INR')).toEqual({ fee: '', taxPercent: 0 });
    expect(feeValues({ ...none, feeMinor: 80000, taxRateBp: 0 }, 'INR')).toEqual({ fee: 800, taxPercent: 0 });
    const body = toSetDepartmentFee({ fee: 750, taxPercent: 0 }, 'INR');
    expect(body).toEqual({ feeMinor: 75000, taxRateBp: 0 });
    expect(SetDepartmentFee.safeParse(body).success).toBe(true);
    expect(SetDepartmentFee.safeParse(toSetDepartmentFee({ fee: '', taxPercent: 0 }, 'INR')).success).toBe(
      false,
    );
  });

  it('puts contract errors on the form fields', () => {
    expect(toFormErrors({ priceMinor: 'x', taxRateBp: 'y', name: 'z' })).toEqual({
      price: 'x',
      taxPercent: 'y',
      name: 'z',
    });
  });
});
