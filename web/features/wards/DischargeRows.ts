// The rows of the discharge dialog's procedures and take-home medicines, and how they become the
// discharge body: blank rows are left out; a medicine is named from the catalog and its dose,
// frequency, duration and instructions become the directions the summary prints.
import type { Medicine } from '../../../contracts/pharmacy';

export interface ProcedureRow {
  key: number;
  text: string;
}

export interface MedicineRow {
  key: number;
  medicine: Medicine | null;
  dose: string;
  frequency: string;
  duration: string;
  instructions: string;
}

export type MedicineText = 'dose' | 'frequency' | 'duration' | 'instructions';
export const MEDICINE_TEXTS: readonly MedicineText[] = ['dose', 'frequency', 'duration', 'instructions'];

let next = 0;
export const newProcedure = (): ProcedureRow => ({ key: ++next, text: '' });
export const newMedicine = (): MedicineRow => ({
  key: ++next,
  medicine: null,
  dose: '',
  frequency: '',
  duration: '',
  instructions: '',
});

/** The procedure rows with something written (blank rows are left out when sending). */
export const filledProcedures = (rows: ProcedureRow[]): ProcedureRow[] => rows.filter((r) => r.text.trim());

/** "1 tablet, three times a day, 5 days, after food": the parts given, in that order. */
export const directionsOf = (r: MedicineRow): string =>
  MEDICINE_TEXTS.map((k) => r[k].trim())
    .filter(Boolean)
    .join(', ');

/** The medicine rows with a medicine chosen or anything written. */
export const filledMedicines = (rows: MedicineRow[]): MedicineRow[] =>
  rows.filter((r) => r.medicine || directionsOf(r));

/**
 * The discharge body's procedures and medicines from filled rows, in order, so a problem the
 * contract finds at `medicines.<i>` is on the i-th row. A row without a medicine chosen has an
 * empty name, which the contract refuses there.
 */
export function detailsBody(
  procedures: ProcedureRow[],
  medicines: MedicineRow[],
  nameOf: (m: Medicine) => string,
) {
  return {
    procedures: procedures.map((r) => r.text.trim()),
    medicines: medicines.map((r) => ({
      name: r.medicine ? nameOf(r.medicine) : '',
      directions: directionsOf(r),
    })),
  };
}
