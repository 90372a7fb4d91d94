import { describe, expect, it } from 'vitest';
import { CreateLabOrder, type LabOrderItem } from '../../../contracts/lab-orders';
import {
  cancellable,
  collectable,
  oneLine,
  sampleProgress,
  testsTotal,
  toCreateLabOrder,
  worklistFilter,
} from './lab-orders';

const KEY = '0123456789abcdef0123456789abcdef';
const PATIENT = '0190a0e0-0000-7000-8000-000000000001';
const CBC = '0190a0e0-0000-7000-8000-000000000002';
const LFT = '0190a0e0-0000-7000-8000-000000000003';

const service = (priceMinor: number, taxRateBp = 0) => ({
  service: { id: CBC, code: 'X', name: 'X', priceMinor, taxRateBp, active: true },
});
const item = (status: LabOrderItem['status']) => ({ status });

describe('testsTotal', () => {
  it('adds one of each test at its price', () => {
    expect(testsTotal([service(30_000), service(60_000)])).toEqual({
      netMinor: 90_000,
      taxMinor: 0,
      totalMinor: 90_000,
    });
  });

  it('adds tax per test, rounded half up as the invoice rounds it', () => {
    // 12.5% of 333 paise is 41.625: 42.
    expect(testsTotal([service(333, 1250), service(1000, 1800)])).toEqual({
      netMinor: 1333,
      taxMinor: 42 + 180,
      totalMinor: 1333 + 222,
    });
  });

  it('is nothing for no tests', () => {
    expect(testsTotal([]).totalMinor).toBe(0);
  });
});

describe('where an order stands', () => {
  it('counts the collected samples', () => {
    expect(sampleProgress({ items: [item('collected'), item('awaiting_sample')] as LabOrderItem[] })).toEqual(
      {
        collected: 1,
        total: 2,
      },
    );
  });

  it('collects a waiting sample of a waiting order only', () => {
    expect(collectable({ status: 'awaiting_sample' }, item('awaiting_sample'))).toBe(true);
    expect(collectable({ status: 'awaiting_sample' }, item('collected'))).toBe(false);
    expect(collectable({ status: 'cancelled' }, item('cancelled'))).toBe(false);
  });

  it('cancels only while no sample is collected', () => {
    const waiting = [item('awaiting_sample'), item('awaiting_sample')] as LabOrderItem[];
    expect(cancellable({ status: 'awaiting_sample', items: waiting })).toBe(true);
    expect(
      cancellable({
        status: 'awaiting_sample',
        items: [item('collected'), item('awaiting_sample')] as LabOrderItem[],
      }),
    ).toBe(false);
    expect(cancellable({ status: 'cancelled', items: waiting })).toBe(false);
    // A sample resulted meanwhile (the order status read before it) still forbids it.
    expect(
      cancellable({
        status: 'awaiting_sample',
        items: [item('resulted'), item('awaiting_sample')] as LabOrderItem[],
      }),
    ).toBe(false);
  });

  it('reads the filter from the address, open by default', () => {
    expect(worklistFilter('collected')).toBe('collected');
    expect(worklistFilter('awaiting_sample')).toBe('awaiting_sample');
    expect(worklistFilter('all')).toBe('all');
    expect(worklistFilter('reported')).toBe('reported');
    expect(worklistFilter(null)).toBe('open');
    expect(worklistFilter('awaiting_verification')).toBe('open');
  });
});

describe('toCreateLabOrder', () => {
  it('makes a walk-in order the contract accepts, with no empty note', () => {
    const body = toCreateLabOrder(
      { patientId: PATIENT, testIds: [CBC, LFT], priority: 'urgent', clinicalNote: '  ' },
      KEY,
    );
    expect(body).toEqual({
      idempotencyKey: KEY,
      patientId: PATIENT,
      testIds: [CBC, LFT],
      priority: 'urgent',
    });
    expect(CreateLabOrder.safeParse(body).success).toBe(true);
  });

  it('names the consultation and keeps the note, trimmed', () => {
    const body = toCreateLabOrder(
      {
        patientId: PATIENT,
        consultationId: LFT,
        testIds: [CBC],
        priority: 'routine',
        clinicalNote: ' Fasting since 8 pm \n',
      },
      KEY,
    );
    expect(body).toMatchObject({ consultationId: LFT, clinicalNote: 'Fasting since 8 pm' });
    expect(CreateLabOrder.safeParse(body).success).toBe(true);
  });
});

describe('oneLine', () => {
  it('turns line breaks into spaces', () => {
    expect(oneLine(' Wrong patient\n  chosen \n')).toBe('Wrong patient chosen');
  });
});
