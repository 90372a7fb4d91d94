// What another module charges to a stay while it is written (a lab order placed for a patient in a
// bed, ADR 30) holds the admission `for share` until its transaction ends, as a nursing entry does.
// A discharge locks the admission `for update` (openAdmission), so it waits for the charge to
// commit and then sees it (on the bill, or as a sample still awaited); a discharge that got there
// first has ended the admission, and the charge finds no open stay. Shares do not wait for each
// other: orders for one patient never queue behind one another.
import type { Tx } from '../../db/client';
import { activeAdmissionOf } from './admissions.repo';
import { findAdmission } from './nursing.repo';

/** The patient's open admission at the hospital, held against a discharge; null when not in a bed. */
export async function holdOpenAdmission(
  tx: Tx,
  hospitalId: string,
  patientId: string,
): Promise<{ id: string } | null> {
  return activeAdmissionOf(tx, hospitalId, patientId, 'share');
}

/** The admission at the hospital and whether it is still open, held against a discharge. */
export async function holdAdmission(
  tx: Tx,
  hospitalId: string,
  admissionId: string,
): Promise<{ id: string; status: 'active' | 'discharged' } | null> {
  const row = await findAdmission(tx, hospitalId, admissionId, true);
  return row ? { id: row.id, status: row.status as 'active' | 'discharged' } : null;
}
