import { describe, expect, it } from 'vitest';
import { vitalsBody, type VitalsForm } from './VitalsCard';

const empty: VitalsForm = {
  systolic: '',
  diastolic: '',
  pulse: '',
  temperatureC: '',
  spo2: '',
  weightKg: '',
  heightCm: '',
};

describe('vitalsBody', () => {
  it('sends no vitals at all when none were typed', () => {
    expect(vitalsBody(empty)).toBeNull();
  });

  it('sends the typed ones as numbers and the rest as null', () => {
    expect(vitalsBody({ ...empty, systolic: 124, temperatureC: 38.4 })).toEqual({
      systolic: 124,
      diastolic: null,
      pulse: null,
      temperatureC: 38.4,
      spo2: null,
      weightKg: null,
      heightCm: null,
    });
  });
});
