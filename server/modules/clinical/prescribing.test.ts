// The arithmetic and words of prescribing, and the PDF writer's text handling, on their own.
import { describe, expect, it } from 'vitest';
import { PdfDocument, pdfString, wrap } from '../../platform/pdf';
import { ageOn, allergyWarnings, bmiOf, computedQuantity, directionsOf } from './prescribing';

const line = { dose: 1, frequency: 'TDS' as const, durationDays: 5, route: 'oral' as const, medicineId: 'x' };

describe('quantities', () => {
  it('counts doses of tablets and capsules, and leaves the rest to the doctor', () => {
    expect(computedQuantity('tablet', line)).toBe(15);
    expect(computedQuantity('capsule', { ...line, dose: 2, frequency: 'BD', durationDays: 7 })).toBe(28);
    expect(computedQuantity('tablet', { ...line, dose: 0.5, frequency: 'OD', durationDays: 5 })).toBe(3);
    expect(computedQuantity('tablet', { ...line, frequency: 'Q6H', durationDays: 2 })).toBe(8);
    expect(computedQuantity('tablet', { ...line, dose: 2, frequency: 'STAT' })).toBe(2);
    expect(computedQuantity('tablet', { ...line, frequency: 'PRN' })).toBeNull();
    expect(computedQuantity('syrup', line)).toBeNull();
    expect(computedQuantity('cream', line)).toBeNull();
  });

  it('words the directions', () => {
    expect(directionsOf(line, 'tablet')).toBe('1 tablet three times a day (TDS) for 5 days, oral.');
    expect(directionsOf({ ...line, dose: 2, durationDays: 1, instructions: 'After food' }, 'capsule')).toBe(
      '2 capsules three times a day (TDS) for 1 day, oral. After food',
    );
    expect(directionsOf({ ...line, dose: 5, doseUnit: 'ml', frequency: 'HS' }, 'bottle')).toBe(
      '5 ml at bedtime (HS) for 5 days, oral.',
    );
    expect(directionsOf({ ...line, frequency: 'STAT' }, 'tablet')).toBe('1 tablet at once (STAT), oral.');
    expect(directionsOf({ ...line, dose: 2, frequency: 'HS', route: 'rectal' }, 'suppository')).toBe(
      '2 suppositories at bedtime (HS) for 5 days, rectal.',
    );
  });
});

describe('allergy warnings', () => {
  const allergies = [
    { substance: 'Penicillin', reaction: 'Anaphylaxis', severity: 'severe' },
    { substance: 'sulfa', reaction: '', severity: 'unknown' },
    { substance: 'Paracetamol', reaction: 'Rash', severity: 'mild' },
  ];
  it('matches an ingredient of the generic or brand name, whatever the case', () => {
    expect(
      allergyWarnings({ genericName: 'PARACETAMOL', brandName: null }, allergies).map((a) => a.substance),
    ).toEqual(['Paracetamol']);
    expect(
      allergyWarnings({ genericName: 'Aceclofenac + Paracetamol', brandName: 'Zerodol-P' }, allergies).length,
    ).toBe(1);
    expect(
      allergyWarnings({ genericName: 'Penicillin V potassium', brandName: null }, allergies)[0]!.substance,
    ).toBe('Penicillin');
    expect(allergyWarnings({ genericName: 'Ibuprofen', brandName: 'Brufen' }, allergies)).toEqual([]);
    expect(allergyWarnings({ genericName: 'Cetirizine', brandName: 'Okacet' }, allergies)).toEqual([]);
  });

  it('warns across a drug class: the class named, or another member of it', () => {
    const names = (genericName: string, list = allergies) =>
      allergyWarnings({ genericName, brandName: null }, list).map((a) => a.substance);
    // Amoxicillin is a penicillin: a penicillin allergy must warn on it.
    expect(names('Amoxicillin + Clavulanic acid')).toEqual(['Penicillin']);
    expect(names('Cloxacillin')).toEqual(['Penicillin']);
    expect(names('Sulfamethoxazole + Trimethoprim')).toEqual(['sulfa']);
    const nsaid = [{ substance: 'Ibuprofen', reaction: 'Wheeze', severity: 'moderate' }];
    expect(names('Diclofenac sodium', nsaid)).toEqual(['Ibuprofen']);
    expect(names('Paracetamol', nsaid)).toEqual([]);
    expect(names('Azithromycin', [{ substance: 'Macrolides', reaction: '', severity: 'mild' }])).toEqual([
      'Macrolides',
    ]);
  });
});

describe('vitals and age', () => {
  it('computes BMI to one decimal and ages in whole years', () => {
    expect(bmiOf(70, 175)).toBe(22.9);
    expect(bmiOf(70, null)).toBeNull();
    expect(ageOn('1980-05-20', '2026-05-19')).toBe(45);
    expect(ageOn('1980-05-20', '2026-05-20')).toBe(46);
  });
});

describe('PDF text', () => {
  it('escapes what PDF strings need and replaces what the fonts cannot show', () => {
    expect(pdfString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(pdfString('Café ½ – 日本')).toBe('(Caf\\351 \\275 \\226 ??)');
    expect(pdfString('line\nbreak')).toBe('(line break)');
  });

  it('wraps long text within the width and breaks words longer than a line', () => {
    const lines = wrap('word '.repeat(100), 200, 10);
    expect(lines.length).toBeGreaterThan(5);
    expect(wrap('x'.repeat(500), 100, 10).length).toBeGreaterThan(3);
  });

  it('starts a new page when one is full', () => {
    const doc = new PdfDocument('Long');
    for (let i = 0; i < 120; i++) doc.text(`Line ${i}`);
    const pdf = doc.toBuffer().toString('latin1');
    expect(pdf).toContain('/Count 3');
    expect(pdf).toContain('(Long - page 3 of 3)');
  });
});
