import { describe, expect, it } from 'vitest';
import { CreateLabTest, UpdateLabTest, type LabTest } from '../../../contracts/lab';
import { labTestValues, moved, toCreateLabTest, toUpdateLabTest } from './lab-test-form';

const test: LabTest = {
  id: '0190a0e0-0000-7000-8000-000000000001',
  code: 'CBC',
  name: 'Complete blood count',
  sampleType: 'whole_blood',
  turnaroundHours: 6,
  instructions: 'EDTA tube',
  service: {
    id: '0190a0e0-0000-7000-8000-000000000002',
    code: 'CBC',
    name: 'CBC',
    priceMinor: 30000,
    taxRateBp: 0,
    active: true,
  },
  active: true,
  analytes: [
    {
      id: '0190a0e0-0000-7000-8000-000000000003',
      name: 'Haemoglobin',
      kind: 'numeric',
      unit: 'g/dL',
      decimals: 1,
      refLow: 13,
      refHigh: 17,
      refLowFemale: 12,
      refHighFemale: 15,
      criticalLow: 7,
      criticalHigh: null,
    },
    {
      id: '0190a0e0-0000-7000-8000-000000000004',
      name: 'Smear',
      kind: 'text',
      unit: '',
      decimals: 0,
      refLow: null,
      refHigh: null,
      refLowFemale: null,
      refHighFemale: null,
      criticalLow: null,
      criticalHigh: null,
    },
  ],
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('the lab test form', () => {
  it('a new test starts with one empty analyte, and is refused until filled in', () => {
    const v = labTestValues(null);
    expect(v.analytes).toHaveLength(1);
    expect(CreateLabTest.safeParse(toCreateLabTest(v)).success).toBe(false);
    v.code = 'hba1c';
    v.name = 'HbA1c';
    v.sampleType = 'whole_blood';
    v.turnaroundHours = '24';
    v.service = { id: test.service.id, code: 'HBA1C', name: 'HbA1c', priceMinor: 55000 };
    v.analytes[0] = { ...v.analytes[0]!, name: 'HbA1c', unit: '%', decimals: 1, refHigh: '5.6' };
    const body = CreateLabTest.parse(toCreateLabTest(v));
    expect(body).toMatchObject({ code: 'HBA1C', turnaroundHours: 24, serviceId: test.service.id });
    expect(body.analytes[0]).toMatchObject({ refLow: null, refHigh: 5.6, decimals: 1 });
  });

  it('sends nothing for a test left as it was, and the whole list when one limit changed', () => {
    const v = labTestValues(test);
    expect(toUpdateLabTest(v, test)).toEqual({});
    v.analytes[0]!.criticalHigh = '20';
    const body = toUpdateLabTest(v, test);
    expect(Object.keys(body)).toEqual(['analytes']);
    expect(UpdateLabTest.parse(body).analytes?.[0]).toMatchObject({ criticalHigh: 20, refLowFemale: 12 });
  });

  it('an emptied box is no limit, a word is refused, and a text result sends no unit or limits', () => {
    const v = labTestValues(test);
    v.analytes[0]!.refLowFemale = '';
    v.analytes[0]!.refHighFemale = '';
    expect(toCreateLabTest(v).analytes[0]).toMatchObject({ refLowFemale: null, refHighFemale: null });
    v.analytes[0]!.refLow = 'low';
    expect(UpdateLabTest.safeParse(toUpdateLabTest(v, test)).success).toBe(false);
    v.analytes[1] = { ...v.analytes[1]!, unit: 'cells', refLow: '3' };
    expect(toCreateLabTest(v).analytes[1]).toMatchObject({ unit: '', refLow: null });
  });

  it('moves an analyte up and down, never off the ends', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
