import { describe, expect, it } from 'vitest';
import { withDoctorTitle } from './names';

describe('withDoctorTitle', () => {
  it('adds the title once, whatever the doctor typed', () => {
    expect(withDoctorTitle('Nandini Rao')).toBe('Dr Nandini Rao');
    expect(withDoctorTitle('Dr Nandini Rao')).toBe('Dr Nandini Rao');
    expect(withDoctorTitle('Dr. Nandini Rao')).toBe('Dr. Nandini Rao');
    expect(withDoctorTitle('  DR RAO ')).toBe('DR RAO');
    // A name that only begins with the letters is a name, not a title.
    expect(withDoctorTitle('Drishti Kapoor')).toBe('Dr Drishti Kapoor');
  });
});
