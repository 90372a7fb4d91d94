// The bill for medicines dispensed on a prescription (ADR 13): priced from the pharmacy's catalog
// as they leave the shelf, final at once like a counter sale, so the pharmacist takes payment for
// it there and then, and the patient's balance shows it. Called inside the dispensing's own
// transaction: the stock leaves and the bill exists together, or neither.
import type { Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { finaliseDraft } from './invoice-finalise';
import * as repo from './invoices.repo';
import { createDraft, priceLines } from './invoices.service';

export interface DispensedForBill {
  dispensingId: string;
  hospitalId: string;
  patientId: string | null;
  lines: { medicineId: string; quantity: number }[];
}

/** The final invoice of one dispensing, once per dispensing. Returns its id (none for no lines). */
export async function billDispensing(tx: Tx, ctx: Ctx, d: DispensedForBill): Promise<string | null> {
  if (d.lines.length === 0) return null;
  const existing = await repo.findBySource(tx, d.hospitalId, 'dispensing', d.dispensingId);
  if (existing) return existing.id;
  const lines = await priceLines(
    tx,
    ctx,
    d.hospitalId,
    d.lines.map((l) => ({ medicineId: l.medicineId, quantity: l.quantity })),
    (i) => `body.lines.${i}`,
  );
  const draft = await createDraft(tx, ctx, {
    hospitalId: d.hospitalId,
    patientId: d.patientId,
    source: 'dispensing',
    sourceId: d.dispensingId,
    lines,
  });
  return (await finaliseDraft(tx, ctx, draft)).id;
}
