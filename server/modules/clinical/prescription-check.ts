// Prescribing in a consultation: a draft checked line by line against the catalog, the patient's
// allergies and the stock, before anything is written; and the aid shown while choosing a medicine.
import type {
  AllergyWarning,
  CheckedLine,
  CheckedPrescription,
  PrescribingAid,
  PrescriptionDraft,
} from '../../../contracts/clinical';
import type { MedicineForm } from '../../../contracts/pharmacy';
import type { Executor } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { activeAllergies } from '../patients';
import { findMedicineWithStock, type MedicineWithStock } from '../pharmacy';
import { medicineLabel, medicinesOf } from './prescription-draft';
import { allergyWarnings, computedQuantity, directionsOf, isCounted } from './prescribing';
import { visible } from './consultation-access';

// ---------------------------------------------------------------- prescribing

const stockOf = (m: MedicineWithStock) => ({
  onHand: m.stock.on_hand,
  availableInPharmacy: m.stock.available_in_pharmacy,
});

/**
 * Checks a prescription draft: every medicine is in the hospital's catalog and in use, quantities
 * worked out where the form allows (and given where it does not), directions worded, allergy
 * warnings and stock per line. Refuses the draft with each line's problem; changes nothing.
 */
export async function checkLines(
  exec: Executor,
  hospitalId: string,
  patientId: string,
  draft: PrescriptionDraft,
  path: string,
): Promise<CheckedPrescription> {
  const [meds, allergies] = await Promise.all([
    medicinesOf(
      exec,
      hospitalId,
      draft.lines.map((l) => l.medicineId),
    ),
    activeAllergies(exec, patientId),
  ]);
  const errors: { path: string; message: string }[] = [];
  const lines: CheckedLine[] = [];
  draft.lines.forEach((l, i) => {
    const m = meds.get(l.medicineId);
    if (!m) {
      errors.push({ path: `${path}.${i}.medicineId`, message: 'Not in this hospital’s catalog' });
      return;
    }
    if (!m.active) {
      errors.push({ path: `${path}.${i}.medicineId`, message: `${medicineLabel(m)} is no longer in use` });
      return;
    }
    const computed = computedQuantity(m.form, l);
    const quantity = computed ?? l.quantity;
    if (quantity === undefined) {
      errors.push({
        path: `${path}.${i}.quantity`,
        message: `Give the number of ${m.dispensingUnit} units to dispense`,
      });
      return;
    }
    if (quantity > 1_000_000) {
      errors.push({ path: `${path}.${i}.quantity`, message: 'At most 1,000,000 units' });
      return;
    }
    lines.push({
      ...l,
      quantity,
      directions: directionsOf(l, m.dispensingUnit),
      medicineName: medicineLabel(m),
      form: m.form as MedicineForm,
      dispensingUnit: m.dispensingUnit,
      stock: stockOf(m),
      allergyWarnings: allergyWarnings(m, allergies),
    });
  });
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some prescription lines cannot be written.', { errors });
  }
  return { lines, hasAllergyWarnings: lines.some((l) => l.allergyWarnings.length > 0) };
}

/** The draft checked, without keeping it (the prescription is written at closing). */
export async function checkPrescription(
  ctx: Ctx,
  id: string,
  draft: PrescriptionDraft,
): Promise<CheckedPrescription> {
  const row = await visible(ctx, ctx.db, id);
  if (row.doctorUserId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', 'Only the doctor holding this consultation prescribes in it.');
  }
  if (row.status !== 'open') throw new AppError('INVALID_TRANSITION', 'This consultation is closed.');
  return checkLines(ctx.db, row.hospitalId, row.patientId, draft, 'body.lines');
}

/** Before choosing a medicine: the allergies it touches and the stock at the hospital. */
export async function prescribingAid(ctx: Ctx, id: string, medicineId: string): Promise<PrescribingAid> {
  const row = await visible(ctx, ctx.db, id);
  const [m, allergies] = await Promise.all([
    findMedicineWithStock(ctx.db, row.hospitalId, medicineId),
    activeAllergies(ctx.db, row.patientId),
  ]);
  if (!m) throw notFound('Medicine');
  return {
    medicineId: m.id,
    medicineName: medicineLabel(m),
    form: m.form as MedicineForm,
    dispensingUnit: m.dispensingUnit,
    active: m.active,
    counted: isCounted(m.form),
    stock: stockOf(m),
    allergyWarnings: allergyWarnings(m, allergies as AllergyWarning[]),
  };
}
