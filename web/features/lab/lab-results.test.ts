import { describe, expect, it } from 'vitest';
import type { LabAnalyte } from '../../../contracts/lab';
import type { LabOrderItem } from '../../../contracts/lab-orders';
import { EnterResults, type LabResult } from '../../../contracts/lab-results';
import {
  fixed,
  initialResults,
  limitsFor,
  liveFlag,
  overdue,
  overdueCount,
  rangeText,
  rejectable,
  reportState,
  resultsEnterable,
  resultsProgress,
  testState,
  toEnterResults,
  valueText,
  verifiable,
} from './lab-results';

const HB = '0190a0e0-0000-7000-8000-0000000000a1';
const SMEAR = '0190a0e0-0000-7000-8000-0000000000a2';

const analyte = (over: Partial<LabAnalyte>): LabAnalyte => ({
  id: HB,
  name: 'Haemoglobin',
  kind: 'numeric',
  unit: 'g/dL',
  decimals: 1,
  refLow: 13,
  refHigh: 17,
  refLowFemale: 12,
  refHighFemale: 15,
  criticalLow: 7,
  criticalHigh: 20,
  ...over,
});
const hb = analyte({});
const smear = analyte({
  id: SMEAR,
  name: 'Peripheral smear',
  kind: 'text',
  unit: '',
  decimals: 0,
  refLow: null,
  refHigh: null,
  refLowFemale: null,
  refHighFemale: null,
  criticalLow: null,
  criticalHigh: null,
});

const result = (over: Partial<LabResult>): LabResult => ({
  analyteId: HB,
  name: 'Haemoglobin',
  kind: 'numeric',
  unit: 'g/dL',
  decimals: 1,
  refLow: 13,
  refHigh: 17,
  criticalLow: 7,
  criticalHigh: 20,
  value: 14.2,
  text: '',
  flag: 'normal',
  ...over,
});
const item = (status: LabOrderItem['status']) => ({ status });

describe('the limits and the live flag', () => {
  it('judges a woman against the female range, a man against the general one', () => {
    expect(limitsFor('female', hb)).toEqual({ refLow: 12, refHigh: 15, criticalLow: 7, criticalHigh: 20 });
    expect(limitsFor('male', hb)).toEqual({ refLow: 13, refHigh: 17, criticalLow: 7, criticalHigh: 20 });
  });

  it('flags a typed number as the server will, and nothing while the field is empty', () => {
    const limits = limitsFor('male', hb);
    expect(liveFlag(12.9, limits)).toBe('low');
    expect(liveFlag(13, limits)).toBe('normal');
    expect(liveFlag(20.1, limits)).toBe('critical_high');
    expect(liveFlag('', limits)).toBeNull();
    expect(liveFlag('-', limits)).toBeNull();
    // 14 is high for a woman, normal for a man.
    expect(liveFlag(16, limitsFor('female', hb))).toBe('high');
  });
});

describe('how values and ranges read', () => {
  it('writes a number with exactly its decimals', () => {
    expect(fixed(13, 1)).toBe('13.0');
    expect(fixed(4.925, 2)).toBe('4.93');
    expect(fixed(1245, 0)).toBe('1,245');
  });

  it('writes a range as the report does', () => {
    expect(rangeText({ refLow: 13, refHigh: 17, decimals: 1 })).toBe('13.0 – 17.0');
    expect(rangeText({ refLow: null, refHigh: 200, decimals: 0 })).toBe('< 200');
    expect(rangeText({ refLow: 40, refHigh: null, decimals: 0 })).toBe('> 40');
    expect(rangeText({ refLow: null, refHigh: null, decimals: 2 })).toBe('');
  });

  it('writes a value with its unit, or the text', () => {
    expect(valueText(result({ value: 9 }))).toBe('9.0 g/dL');
    expect(valueText(result({ kind: 'text', value: null, text: 'No growth', unit: '' }))).toBe('No growth');
  });
});

describe('the results form', () => {
  it('starts empty, or from the results entered before', () => {
    const none = { results: [], resultComment: '' };
    expect(initialResults([hb, smear], none)).toEqual({
      values: [
        { analyteId: HB, value: '', text: '' },
        { analyteId: SMEAR, value: '', text: '' },
      ],
      comment: '',
    });
    const before = {
      results: [
        result({ value: 11.2 }),
        result({ analyteId: SMEAR, kind: 'text', value: null, text: 'Normocytic' }),
      ],
      resultComment: 'Repeat in a week',
    };
    expect(initialResults([hb, smear], before)).toEqual({
      values: [
        { analyteId: HB, value: 11.2, text: '' },
        { analyteId: SMEAR, value: '', text: 'Normocytic' },
      ],
      comment: 'Repeat in a week',
    });
  });

  it('sends every analyte in the test’s order, a body the contract accepts', () => {
    const out = toEnterResults([hb, smear], {
      values: [
        { analyteId: SMEAR, value: '', text: '  Normocytic  ' },
        { analyteId: HB, value: 11.2, text: '' },
      ],
      comment: ' Haemolysed slightly ',
    });
    expect(out.missing).toBeNull();
    expect(out.body).toEqual({
      values: [
        { analyteId: HB, value: 11.2 },
        { analyteId: SMEAR, text: 'Normocytic' },
      ],
      comment: 'Haemolysed slightly',
    });
    expect(EnterResults.safeParse(out.body).success).toBe(true);
  });

  it('names the fields still empty, by the paths the server uses', () => {
    const out = toEnterResults([hb, smear], {
      values: [
        { analyteId: HB, value: '', text: '' },
        { analyteId: SMEAR, value: '', text: '   ' },
      ],
      comment: '',
    });
    expect(out).toEqual({ body: null, missing: ['values.0.value', 'values.1.text'] });
  });

  it('takes 0 as a value', () => {
    expect(
      toEnterResults([hb], { values: [{ analyteId: HB, value: 0, text: '' }], comment: '' }).body,
    ).toEqual({ values: [{ analyteId: HB, value: 0 }], comment: '' });
  });
});

describe('where results stand', () => {
  it('enters results once the sample is in, until they are verified', () => {
    expect(resultsEnterable({ status: 'collected' }, item('collected'))).toBe(true);
    expect(resultsEnterable({ status: 'collected' }, item('resulted'))).toBe(true);
    expect(resultsEnterable({ status: 'awaiting_sample' }, item('awaiting_sample'))).toBe(false);
    expect(resultsEnterable({ status: 'collected' }, item('verified'))).toBe(false);
    expect(resultsEnterable({ status: 'cancelled' }, item('collected'))).toBe(false);
    expect(verifiable({ status: 'collected' }, item('resulted'))).toBe(true);
    expect(verifiable({ status: 'collected' }, item('collected'))).toBe(false);
    // A sample may be rejected while it is in the lab and its results are not verified.
    expect(rejectable({ status: 'collected' }, item('collected'))).toBe(true);
    expect(rejectable({ status: 'collected' }, item('resulted'))).toBe(true);
    expect(rejectable({ status: 'collected' }, item('verified'))).toBe(false);
    expect(rejectable({ status: 'awaiting_sample' }, item('awaiting_sample'))).toBe(false);
    expect(rejectable({ status: 'cancelled' }, item('collected'))).toBe(false);
  });

  it('counts what the lab still has to enter, verify and release', () => {
    const correcting = { ...item('verified'), pendingAmendment: { version: 2 } };
    const items = [
      item('collected'),
      item('resulted'),
      item('resulted'),
      item('verified'),
      correcting,
    ] as LabOrderItem[];
    expect(resultsProgress({ items })).toEqual({
      toEnter: 1,
      toVerify: 2,
      toRelease: 1,
      verified: 2,
      total: 5,
    });
  });

  it('tells the patient where their order stands', () => {
    const of = (status: 'awaiting_sample' | 'collected' | 'reported' | 'cancelled', ...s: string[]) => ({
      status,
      items: s.map((x) => item(x as LabOrderItem['status'])) as LabOrderItem[],
    });
    expect(reportState(of('awaiting_sample', 'awaiting_sample'))).toBe('awaiting_sample');
    expect(reportState(of('collected', 'resulted', 'collected'))).toBe('in_progress');
    expect(reportState(of('collected', 'verified', 'resulted'))).toBe('partial');
    expect(reportState(of('reported', 'verified', 'verified'))).toBe('ready');
    expect(reportState(of('cancelled', 'cancelled'))).toBe('cancelled');
    expect(
      ['awaiting_sample', 'collected', 'resulted', 'verified'].map((s) => testState(item(s as 'collected'))),
    ).toEqual(['awaiting_sample', 'in_progress', 'in_progress', 'ready']);
  });
});

describe('overdue', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const item = (status: LabOrderItem['status'], dueAt: string | null) => ({ status, dueAt });
  it('is a test past its due time whose results are not verified yet', () => {
    expect(overdue(item('collected', '2026-12-07T11:59:00Z'), now)).toBe(true);
    expect(overdue(item('resulted', '2026-12-07T11:59:00Z'), now)).toBe(true);
    expect(overdue(item('verified', '2026-12-07T11:59:00Z'), now)).toBe(false);
    expect(overdue(item('collected', '2026-12-07T12:01:00Z'), now)).toBe(false);
    expect(overdue(item('awaiting_sample', null), now)).toBe(false);
    expect(
      overdueCount(
        {
          items: [
            item('collected', '2026-12-07T10:00:00Z'),
            item('resulted', '2026-12-08T10:00:00Z'),
          ] as LabOrderItem[],
        },
        now,
      ),
    ).toBe(1);
  });
});
