import { describe, expect, it } from 'vitest';
import type { Medicine } from '../../../contracts/pharmacy';
import {
  detailsBody,
  directionsOf,
  filledMedicines,
  filledProcedures,
  newMedicine,
  newProcedure,
} from './DischargeRows';

const amoxicillin = { genericName: 'Amoxicillin', strength: '500 mg' } as Medicine;
const nameOf = (m: Medicine) => `${m.genericName} ${m.strength}`;

describe('the discharge rows', () => {
  it('leave out blank rows and keep the order of the rest', () => {
    const procs = [
      { ...newProcedure(), text: ' Chest X-ray ' },
      newProcedure(),
      { ...newProcedure(), text: '   ' },
      { ...newProcedure(), text: 'IV cannulation' },
    ];
    const meds = [
      newMedicine(),
      { ...newMedicine(), medicine: amoxicillin, dose: '1 capsule', frequency: 'three times a day' },
      { ...newMedicine(), duration: '5 days' },
    ];
    const filled = filledMedicines(meds);
    expect(filledProcedures(procs).map((p) => p.text.trim())).toEqual(['Chest X-ray', 'IV cannulation']);
    expect(filled).toHaveLength(2);
    expect(detailsBody(filledProcedures(procs), filled, nameOf)).toEqual({
      procedures: ['Chest X-ray', 'IV cannulation'],
      // A row without a medicine chosen has no name: the contract says so on that row.
      medicines: [
        { name: 'Amoxicillin 500 mg', directions: '1 capsule, three times a day' },
        { name: '', directions: '5 days' },
      ],
    });
  });

  it('write the directions from the parts given, in order', () => {
    expect(
      directionsOf({
        ...newMedicine(),
        dose: '1 tablet ',
        frequency: 'twice a day',
        duration: '5 days',
        instructions: ' after food',
      }),
    ).toBe('1 tablet, twice a day, 5 days, after food');
    expect(directionsOf({ ...newMedicine(), instructions: 'when needed' })).toBe('when needed');
    expect(directionsOf(newMedicine())).toBe('');
  });
});
