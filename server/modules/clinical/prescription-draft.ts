// The medicines a prescription names, and the prescription as the doctor is still writing it:
// saved line by line with the consultation, so a closed tab, a crash or another computer loses
// nothing of what was written; closing the consultation turns it into the pharmacy's prescription.
import type { DraftLine, DraftLineView } from '../../../contracts/clinical';
import type { Executor } from '../../db/client';
import { AppError } from '../../platform/errors';
import { findMedicineWithStock, type MedicineWithStock } from '../pharmacy';

/** "Paracetamol 500 mg tablet (Crocin)". */
export function medicineLabel(m: MedicineWithStock): string {
  return `${m.genericName} ${m.strength} ${m.form}${m.brandName ? ` (${m.brandName})` : ''}`;
}

/** The hospital's medicines among `ids`, by id (unknown ids are absent). */
export async function medicinesOf(exec: Executor, hospitalId: string, ids: string[]) {
  const found = await Promise.all([...new Set(ids)].map((id) => findMedicineWithStock(exec, hospitalId, id)));
  return new Map(found.flatMap((m) => (m ? [[m.id, m] as const] : [])));
}

/** Refuses a draft naming a medicine that is not in the hospital's catalog; the draft otherwise. */
export async function checkedDraft(exec: Executor, hospitalId: string, lines: DraftLine[]) {
  const meds = await medicinesOf(
    exec,
    hospitalId,
    lines.map((l) => l.medicineId),
  );
  const errors = lines.flatMap((l, i) =>
    meds.has(l.medicineId)
      ? []
      : [{ path: `body.prescriptionDraft.${i}.medicineId`, message: 'Not in this hospital’s catalog' }],
  );
  if (errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The prescription names a medicine this hospital does not have.',
      {
        errors,
      },
    );
  }
  return lines;
}

/** The saved draft with what the screen shows of each medicine (lines whose medicine left are kept). */
export async function draftView(
  exec: Executor,
  hospitalId: string,
  lines: DraftLine[],
): Promise<DraftLineView[]> {
  if (lines.length === 0) return [];
  const meds = await medicinesOf(
    exec,
    hospitalId,
    lines.map((l) => l.medicineId),
  );
  return lines.map((l) => {
    const m = meds.get(l.medicineId);
    return {
      ...l,
      medicineName: m ? medicineLabel(m) : '',
      form: m?.form ?? '',
      dispensingUnit: m?.dispensingUnit ?? '',
    };
  });
}
